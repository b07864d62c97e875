package dev.recsys.core.retrieval;

import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Similarity;
import java.nio.file.Path;

/**
 * A writer process for the crash test: commits {@code committed} vectors, writes (and refreshes, so they reach
 * segment files) {@code uncommitted} more, reports on standard output and waits to be killed.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  /** Arguments: index directory, committed count, uncommitted count. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int committed = Integer.parseInt(args[1]);
    int uncommitted = Integer.parseInt(args[2]);
    LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswConfig.builder().path(dir).dimension(8)
        .similarity(Similarity.COSINE).mergeWorkers(1).ramBufferMb(16).build());
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < committed + uncommitted; i++) {
      float[] v = new float[8];
      for (int j = 0; j < 8; j++) {
        v[j] = (float) r.nextDouble(-1, 1);
      }
      idx.upsert("k" + i, v, Metadata.builder().put("n", Integer.toString(i)).build());
      if (i == committed - 1) {
        idx.commit();
        System.out.println("COMMITTED " + committed);
        System.out.flush();
      }
    }
    idx.delete("k0");
    idx.refresh();
    System.out.println("WROTE " + uncommitted);
    System.out.flush();
    Thread.sleep(120_000);
    System.exit(3);
  }
}
