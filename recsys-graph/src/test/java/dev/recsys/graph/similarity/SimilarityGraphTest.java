package dev.recsys.graph.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.retrieval.ScanKernel;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.graph.simulation.SyntheticWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityGraphTest {
  @TempDir
  Path dir;

  /** Straightforward double-precision reference: sort all others by cosine, ties by index. */
  static int[][] bruteForce(TrackVectors v, int k) {
    int n = v.size();
    int d = v.dimension();
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      List<double[]> all = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double dot = 0, ni = 0, nj = 0;
        for (int c = 0; c < d; c++) {
          double a = v.data()[i * d + c], b = v.data()[j * d + c];
          dot += a * b;
          ni += a * a;
          nj += b * b;
        }
        all.add(new double[] {dot / Math.sqrt(ni * nj), j});
      }
      all.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
      out[i] = all.stream().limit(k).mapToInt(x -> (int) x[1]).toArray();
    }
    return out;
  }

  @Test
  void theExactGraphReportsEveryTrackAndIsTheSameGraph() {
    SyntheticWorld w = SyntheticWorld.generate(700, 7, 5, 12, 3);
    java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
    SimilarityGraphConfig cfg = new SimilarityGraphConfig(10, false, 2, 64);
    SimilarityGraph watched = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), cfg, (stage, done, total) -> {
      assertEquals("neighbours", stage);
      assertEquals(700, total);
      last.accumulateAndGet(done, Math::max);
    }).graph();
    assertEquals(700, last.get());
    assertArrayEquals(SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), cfg).graph().neighbours(), watched.neighbours());
  }

  @Test
  void exactGraphMatchesBruteForceAndIsIndependentOfThreadsAndBlocks() {
    SyntheticWorld w = SyntheticWorld.generate(700, 7, 5, 12, 3);
    SimilarityGraph one = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), new SimilarityGraphConfig(10, false, 1, 64)).graph();
    SimilarityGraph two = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), new SimilarityGraphConfig(10, false, 2, 1024)).graph();
    assertArrayEquals(one.neighbours(), two.neighbours());
    assertArrayEquals(one.weights(), two.weights());
    int[][] ref = bruteForce(w.vectors(), 10);
    long same = 0;
    for (int i = 0; i < 700; i++) {
      assertEquals(10, one.degree(i));
      for (int r = 0; r < 10; r++) {
        if (one.neighbour(i, r) == ref[i][r]) {
          same++;
        }
        if (r > 0) {
          assertTrue(one.weight(i, r) <= one.weight(i, r - 1), "weights must be descending");
        }
      }
    }
    // float rounding may swap near-ties; practically every rank agrees with the double reference
    assertTrue(same >= 0.99 * 7000, "rank agreement " + same);
    assertEquals(1.0, one.recallAgainst(one, 10));
  }

  @Test
  void simdAndScalarKernelsBuildBitIdenticalGraphs() {
    Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "needs --add-modules jdk.incubator.vector");
    // 1,003 tracks (not a multiple of 4, 32 or the tile width), 13 dimensions, two tracks without a vector
    SyntheticWorld w = SyntheticWorld.generate(1003, 9, 5, 13, 21);
    List<Track> tracks = new ArrayList<>(w.catalog().tracks());
    tracks.add(17, Track.builder("no-vector-1").build());
    tracks.add(Track.builder("no-vector-2").build());
    Catalog cat = Catalog.of(tracks);
    for (int blockSize : new int[] {16, 100, 1024}) {
      SimilarityGraphConfig cfg = new SimilarityGraphConfig(25, false, 2, blockSize);
      SimilarityGraph scalar = SimilarityGraphBuilder.exact(w.vectors(), cat, cfg, ScanKernel.SCALAR).graph();
      SimilarityGraph simd = SimilarityGraphBuilder.exact(w.vectors(), cat, cfg, ScanKernel.SIMD).graph();
      assertArrayEquals(scalar.offsets(), simd.offsets(), "blockSize " + blockSize);
      assertArrayEquals(scalar.neighbours(), simd.neighbours(), "blockSize " + blockSize);
      assertArrayEquals(scalar.weights(), simd.weights(), "blockSize " + blockSize);
      assertEquals(0, simd.degree(17));
      assertEquals(25, simd.degree(0));
    }
  }

  @Test
  void equalScoresGoToTheSmallerIndexInEveryKernel() {
    // 40 copies of one direction and 40 of another: every query's neighbours are ties broken by index
    int n = 80;
    int d = 8;
    float[] data = new float[n * d];
    List<String> ids = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data[i * d + (i < 40 ? 0 : 1)] = 1 + i % 3;
      ids.add("t" + i);
      tracks.add(Track.builder("t" + i).build());
    }
    TrackVectors v = new TrackVectors(ids, d, data, Collections.nCopies(n, Metadata.EMPTY));
    List<ScanKernel> kernels = new ArrayList<>(List.of(ScanKernel.SCALAR));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      kernels.add(ScanKernel.SIMD);
    }
    for (ScanKernel kernel : kernels) {
      SimilarityGraph g = SimilarityGraphBuilder.exact(v, Catalog.of(tracks), new SimilarityGraphConfig(5, false, 1, 16), kernel).graph();
      assertArrayEquals(new int[] {0, 1, 2, 3, 5}, neighboursOf(g, 4), kernel.name());
      assertArrayEquals(new int[] {40, 41, 42, 43, 44}, neighboursOf(g, 79), kernel.name());
    }
  }

  private static int[] neighboursOf(SimilarityGraph g, int i) {
    int[] out = new int[g.degree(i)];
    for (int r = 0; r < out.length; r++) {
      out[r] = g.neighbour(i, r);
    }
    return out;
  }

  @Test
  void symmetrisedGraphHasEveryReverseEdgeAndNoDuplicates() {
    SyntheticWorld w = SyntheticWorld.generate(300, 5, 5, 8, 4);
    SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(),
        SimilarityGraphConfig.defaults().withK(5).withSymmetric(true)).graph();
    for (int i = 0; i < g.size(); i++) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int r = 0; r < g.degree(i); r++) {
        int j = g.neighbour(i, r);
        assertTrue(seen.add(j), "duplicate edge " + i + "->" + j);
        boolean back = false;
        for (int q = 0; q < g.degree(j); q++) {
          back |= g.neighbour(j, q) == i;
        }
        assertTrue(back, "missing reverse edge " + j + "->" + i);
        if (r > 0) {
          assertTrue(g.weight(i, r) <= g.weight(i, r - 1));
        }
      }
      assertTrue(g.degree(i) >= 5);
    }
  }

  @Test
  void tracksWithoutVectorsAreIsolatedAndCounted() {
    SyntheticWorld w = SyntheticWorld.generate(50, 3, 5, 4, 5);
    List<Track> tracks = new ArrayList<>(w.catalog().tracks());
    tracks.add(Track.builder("no-vector").build());
    Catalog cat = Catalog.of(tracks);
    SimilarityGraphBuilder.Result r = SimilarityGraphBuilder.exact(w.vectors(), cat, SimilarityGraphConfig.defaults().withK(60));
    assertEquals(1, r.tracksWithoutVector());
    assertEquals(0, r.graph().degree(50));
    assertEquals(49, r.graph().degree(0));
    assertEquals(1, r.graph().isolatedCount());
    for (int e : r.graph().neighbours()) {
      assertTrue(e != 50);
    }
  }

  @Test
  void oneTrackAndEmptyCataloguesGiveGraphsWithoutEdges() {
    SyntheticWorld w = SyntheticWorld.generate(1, 1, 1, 4, 5);
    SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults()).graph();
    assertEquals(1, g.size());
    assertEquals(0, g.edgeCount());
    SimilarityGraph e = SimilarityGraphBuilder.exact(w.vectors(), Catalog.of(List.of()), SimilarityGraphConfig.defaults()).graph();
    assertEquals(0, e.size());
  }

  @Test
  void corruptedGraphsGiveOnlyModelFormatExceptions() throws IOException {
    SyntheticWorld w = SyntheticWorld.generate(200, 4, 5, 8, 6);
    SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults().withK(7)).graph();
    Path f = dir.resolve("g.rsm");
    g.withProvenance(Provenance.now(1, "sha256:test")).save(f);
    var result = dev.recsys.core.reliability.ContainerFuzzer.fuzz(f, dir.resolve("fuzz"), SimilarityGraph::load,
        dev.recsys.core.reliability.Stress.cases(90, 1800), 8);
    System.out.println("similarity-graph container fuzzing: " + result);
  }

  @Test
  void saveLoadRoundTripAndNewerVersionRefused() throws IOException {
    SyntheticWorld w = SyntheticWorld.generate(200, 4, 5, 8, 6);
    SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults().withK(7)).graph();
    Path f = dir.resolve("g.rsm");
    g.withProvenance(Provenance.now(1, "sha256:test")).save(f);
    SimilarityGraph back = SimilarityGraph.load(f);
    assertArrayEquals(g.offsets(), back.offsets());
    assertArrayEquals(g.neighbours(), back.neighbours());
    assertArrayEquals(g.weights(), back.weights());
    assertEquals(g.ids(), back.ids());
    assertEquals(7, back.config().k());
    back.requireAligned(w.catalog());
    ModelContainer c = ModelContainer.readFrom(f);
    new ModelContainer(c.provider(), SimilarityGraph.FORMAT_VERSION + 1, c.configJson(), c.provenance(), c.payload()).writeTo(f);
    ModelFormatException ex = assertThrows(ModelFormatException.class, () -> SimilarityGraph.load(f));
    assertTrue(ex.getMessage().contains("newer"), ex.getMessage());
    Files.writeString(f, "garbage");
    assertThrows(ModelFormatException.class, () -> SimilarityGraph.load(f));
  }

  @Test
  void inconsistentArraysAreRejected() {
    SimilarityGraphConfig c = SimilarityGraphConfig.defaults();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SimilarityGraph(List.of("a", "b"), new int[] {0, 1, 2}, new int[] {0, 0}, new float[] {1, 1}, c));
    assertTrue(e.getMessage().contains("not 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SimilarityGraphConfig(0, false, 1, 64));
  }

  @Test
  void graphFromAnyVectorIndexMatchesTheExactGraph() throws IOException {
    SyntheticWorld w = SyntheticWorld.generate(400, 6, 5, 8, 8);
    ScanIndex idx = new ScanIndex(w.vectors().dimension());
    for (int i = 0; i < w.vectors().size(); i++) {
      idx.upsert(w.vectors().ids().get(i), w.vectors().vector(i), Metadata.EMPTY);
    }
    idx.upsert("not-in-catalogue", w.vectors().vector(0), Metadata.EMPTY);
    SimilarityGraphConfig cfg = SimilarityGraphConfig.defaults().withK(10).withThreads(2);
    SimilarityGraphBuilder.Result fromIndex = SimilarityGraphBuilder.fromIndex(idx, w.catalog(), cfg);
    SimilarityGraph exact = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), cfg).graph();
    assertTrue(fromIndex.graph().recallAgainst(exact, 10) >= 0.99, "recall " + fromIndex.graph().recallAgainst(exact, 10));
    assertTrue(fromIndex.vectorsNotInCatalog() > 0);
  }

  /** A minimal exact-scan index for the builder test (cosine, no filters beyond exclusion). */
  static final class ScanIndex implements VectorIndex {
    private final int dim;
    private final Map<String, float[]> vectors = Collections.synchronizedMap(new LinkedHashMap<>());

    ScanIndex(int dim) {
      this.dim = dim;
    }

    @Override
    public int dimension() {
      return dim;
    }

    @Override
    public Similarity similarity() {
      return Similarity.COSINE;
    }

    @Override
    public int size() {
      return vectors.size();
    }

    @Override
    public void upsert(String key, float[] vector, Metadata metadata) {
      vectors.put(key, vector.clone());
    }

    @Override
    public boolean delete(String key) {
      return vectors.remove(key) != null;
    }

    @Override
    public void refresh() {}

    @Override
    public void commit() {}

    @Override
    public Optional<float[]> vector(String key) {
      return Optional.ofNullable(vectors.get(key)).map(float[]::clone);
    }

    @Override
    public List<SearchHit> search(float[] q, int k, SearchFilter filter) {
      List<SearchHit> hits = new ArrayList<>();
      synchronized (vectors) {
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          if (filter.excludeKeys().contains(e.getKey())) {
            continue;
          }
          double dot = 0, a = 0, b = 0;
          for (int c = 0; c < dim; c++) {
            dot += q[c] * e.getValue()[c];
            a += q[c] * q[c];
            b += e.getValue()[c] * e.getValue()[c];
          }
          hits.add(new SearchHit(e.getKey(), (float) (dot / Math.sqrt(a * b)), Metadata.EMPTY));
        }
      }
      hits.sort((x, y) -> Float.compare(y.score(), x.score()));
      return hits.subList(0, Math.min(k, hits.size()));
    }

    @Override
    public void close() {}
  }
}
