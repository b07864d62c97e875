package dev.recsys.benchmarks.retrieval.peers;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * jvector's on-heap graph: {@link GraphIndexBuilder} with the settings of its introductory tutorial (neighbour
 * overflow 1.2, alpha 1.2, HNSW-style hierarchy, final refinement pass) and the HNSW degrees of the other libraries
 * (32 on the base layer, 16 above: jvector's {@code M} is the maximum degree itself), construction beam 100, dot
 * product on the unit rows, built on two {@link ForkJoinPool}s of {@code threads} workers. The vectors stay on the
 * heap as jvector {@link VectorFloat}s. A search runs {@link GraphSearcher#search} with {@code rerankK} = the beam
 * (jvector's over-query: the candidate list the search keeps; with exact scores nothing is re-ranked).
 */
final class JVectorPeer implements PeerIndex {
  private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
  private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private final RandomAccessVectorValues vectors;
  private final ImmutableGraphIndex graph;
  private final GraphSearcher searcher;
  private int beam = PeerLibrary.BEAM_WIDTH;

  private JVectorPeer(RandomAccessVectorValues vectors, ImmutableGraphIndex graph) {
    this.vectors = vectors;
    this.graph = graph;
    this.searcher = new GraphSearcher(graph);
  }

  /** The vectorization provider jvector picked (Panama, native or plain Java). */
  static String provider() {
    return VectorizationProvider.getInstance().getClass().getSimpleName();
  }

  static JVectorPeer build(float[] data, int dim, int threads) throws IOException {
    int n = data.length / dim;
    List<VectorFloat<?>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(VTS.createFloatVector(Arrays.copyOfRange(data, i * dim, i * dim + dim)));
    }
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(rows, dim);
    BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(ravv, SIMILARITY);
    ForkJoinPool simd = new ForkJoinPool(threads);
    ForkJoinPool parallel = new ForkJoinPool(threads);
    try (GraphIndexBuilder builder = new GraphIndexBuilder(scores, dim, List.of(2 * PeerLibrary.M, PeerLibrary.M),
        PeerLibrary.BEAM_WIDTH, 1.2f, 1.2f, true, true, simd, parallel)) {
      ImmutableGraphIndex graph = builder.build(ravv);
      return new JVectorPeer(ravv, graph);
    } finally {
      simd.shutdown();
      parallel.shutdown();
    }
  }

  @Override
  public PeerLibrary library() {
    return PeerLibrary.JVECTOR;
  }

  @Override
  public String parameterName() {
    return "rerankK";
  }

  @Override
  public int beam() {
    return beam;
  }

  @Override
  public void beam(int beam) {
    this.beam = beam;
  }

  @Override
  public SearchResult search(float[] query, int k) {
    var scores = DefaultSearchScoreProvider.exact(VTS.createFloatVector(query), SIMILARITY, vectors);
    return searcher.search(scores, k, Math.max(k, beam), 0f, 0f, Bits.ALL);
  }

  @Override
  public int[] rows(Object result) {
    SearchResult.NodeScore[] nodes = ((SearchResult) result).getNodes();
    int[] rows = new int[nodes.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = nodes[i].node;
    }
    return rows;
  }

  @Override
  public long diskBytes() {
    return 0;
  }

  @Override
  public void close() throws IOException {
    try {
      searcher.close();
    } finally {
      graph.close();
    }
  }
}
