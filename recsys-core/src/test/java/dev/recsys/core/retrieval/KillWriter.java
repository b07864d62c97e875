package dev.recsys.core.retrieval;

import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Similarity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer process of {@link KillTest}: writes and commits batches without end, printing {@code ACK i} after
 * commit {@code i} returned, until it is killed.
 *
 * <p>Arguments: mode ({@code index}, {@code store} or {@code container}) and the target path.
 */
public final class KillWriter {
  /** Keys per committed batch. */
  static final int BATCH = 25;

  private KillWriter() {}

  static String key(int batch, int j) {
    return "b" + batch + "-" + j;
  }

  static float[] vector(int batch, int j) {
    float[] v = new float[8];
    v[(batch + j) % 8] = 1;
    v[j % 8] += 0.5f + batch % 7;
    return v;
  }

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path path = Path.of(args[1]);
    switch (mode) {
      case "index" -> {
        try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswConfig.builder().path(path).dimension(8)
            .mergeWorkers(1).ramBufferMb(16).build())) {
          for (int i = 0; ; i++) {
            for (int j = 0; j < BATCH; j++) {
              idx.upsert(key(i, j), vector(i, j), Metadata.builder().put("batch", Integer.toString(i)).build());
            }
            idx.commit();
            ack(i);
          }
        }
      }
      case "store" -> {
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(
            LuceneEmbeddingStoreConfig.inMemory(8, Similarity.COSINE).withPath(path))) {
          for (int i = 0; ; i++) {
            List<String> keys = new ArrayList<>();
            List<Metadata> metas = new ArrayList<>();
            float[] data = new float[BATCH * 8];
            for (int j = 0; j < BATCH; j++) {
              keys.add(key(i, j));
              metas.add(Metadata.builder().put("batch", Integer.toString(i)).build());
              System.arraycopy(vector(i, j), 0, data, j * 8, 8);
            }
            store.putAll(keys, data, metas, "v" + i);
            store.commit();
            ack(i);
          }
        }
      }
      case "container" -> {
        for (int i = 0; ; i++) {
          vectors(i).withProvenance(Provenance.now(i, "kill-test")).save(path);
          ack(i);
        }
      }
      default -> throw new IllegalArgumentException("mode must be index, store or container; mode=" + mode);
    }
  }

  /** The content of the {@code i}-th container write: {@code i % 40 + 1} vectors whose values name {@code i}. */
  static TrackVectors vectors(int i) {
    int n = i % 40 + 1;
    List<String> ids = new ArrayList<>();
    List<Metadata> metas = new ArrayList<>();
    float[] data = new float[n * 8];
    for (int k = 0; k < n; k++) {
      ids.add("t" + k);
      metas.add(Metadata.builder().put("write", Integer.toString(i)).build());
      java.util.Arrays.fill(data, k * 8, k * 8 + 8, i);
    }
    return new TrackVectors(ids, 8, data, metas);
  }

  private static void ack(int i) {
    System.out.println("ACK " + i);
    System.out.flush();
  }
}
