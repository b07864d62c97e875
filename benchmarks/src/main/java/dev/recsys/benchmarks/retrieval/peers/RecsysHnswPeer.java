package dev.recsys.benchmarks.retrieval.peers;

import dev.recsys.benchmarks.retrieval.BenchData;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * {@link LuceneHnswIndex} in a directory on disk, loaded with {@link LuceneHnswIndex#upsertAll} and merged to one
 * segment with {@link LuceneHnswIndex#optimize()}. The search beam is {@link LuceneHnswConfig#searchCandidates()},
 * fixed per open index, so changing it reopens the directory.
 */
final class RecsysHnswPeer implements PeerIndex {
  private final LuceneHnswConfig config;
  private final Path dir;
  private LuceneHnswIndex index;

  private RecsysHnswPeer(LuceneHnswConfig config, Path dir, LuceneHnswIndex index) {
    this.config = config;
    this.dir = dir;
    this.index = index;
  }

  static RecsysHnswPeer build(float[] data, int dim, int threads, Path dir) throws IOException {
    int n = data.length / dim;
    List<String> keys = BenchData.keys(n);
    LuceneHnswConfig config = LuceneHnswConfig.builder().path(dir).dimension(dim).similarity(Similarity.COSINE)
        .maxConnections(PeerLibrary.M).beamWidth(PeerLibrary.BEAM_WIDTH).searchCandidates(PeerLibrary.BEAM_WIDTH)
        .ramBufferMb(PeerLibrary.ramBufferMb(data.length)).mergeWorkers(threads).verifyOnOpen(false).build();
    LuceneHnswIndex index = LuceneHnswIndex.open(config);
    try {
      index.upsertAll(keys, data, Collections.nCopies(n, Metadata.EMPTY), threads);
      index.optimize();
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
    return new RecsysHnswPeer(config, dir, index);
  }

  @Override
  public PeerLibrary library() {
    return PeerLibrary.RECSYS_HNSW;
  }

  @Override
  public String parameterName() {
    return "searchCandidates";
  }

  @Override
  public int beam() {
    return index.config().searchCandidates();
  }

  @Override
  public void beam(int beam) throws IOException {
    if (beam != beam()) {
      index.close();
      index = null;
      index = LuceneHnswIndex.open(config.toBuilder().searchCandidates(beam).build());
    }
  }

  @Override
  public List<SearchHit> search(float[] query, int k) throws IOException {
    return index.search(query, k, SearchFilter.NONE);
  }

  @Override
  public int[] rows(Object result) {
    @SuppressWarnings("unchecked")
    List<SearchHit> hits = (List<SearchHit>) result;
    int[] rows = new int[hits.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Integer.parseInt(hits.get(i).key(), 1, hits.get(i).key().length(), 10);
    }
    return rows;
  }

  @Override
  public long diskBytes() throws IOException {
    return LuceneRawPeer.directoryBytes(dir);
  }

  @Override
  public void close() throws IOException {
    if (index != null) {
      index.close();
    }
  }
}
