package dev.recsys.graph.similarity;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.retrieval.ScanKernel;
import dev.recsys.core.spi.ProgressListener;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.util.ProgressTracker;
import dev.recsys.core.kernels.AllPairsKernel;
import dev.recsys.core.kernels.Workers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds {@link SimilarityGraph}s over a {@link Catalog}, either exactly from {@link TrackVectors} or from any
 * {@link VectorIndex}.
 *
 * <p>The exact builder normalises every vector, stores the items in transposed blocks of
 * {@link SimilarityGraphConfig#blockSize()} and scores every query against every block with a dot-product kernel:
 * the JDK Vector API one (register tiles of 4 queries x 4 vectors of items) when {@code jdk.incubator.vector} is
 * resolved, else plain {@code scores[j] += q[d] * block[d][j]} loops the JIT vectorises (see
 * {@link ScanKernel}). Both compute every score with the same float operations in the same order, so they build
 * the same graph. Only scores reaching a query's current k-th best enter its bounded heap. Queries are split among {@link SimilarityGraphConfig#threads()} threads; each query's result does
 * not depend on the split and ties go to the smaller index, so the graph is the same for any thread count. It is
 * the ground truth for the neighbour recall of index-built graphs.
 *
 * <p>Tracks of the catalogue without a vector (or with a zero vector) get no neighbours and are never anyone's
 * neighbour; vectors whose id is not in the catalogue are ignored. Both are counted in {@link Result}.
 */
public final class SimilarityGraphBuilder {
  private SimilarityGraphBuilder() {}

  /**
   * A built graph with what the build skipped.
   *
   * @param graph the graph
   * @param tracksWithoutVector catalogue tracks that had no (or a zero) vector and so have no neighbours
   * @param vectorsNotInCatalog vectors or hits whose id is not in the catalogue
   * @param millis wall-clock build time
   */
  public record Result(SimilarityGraph graph, int tracksWithoutVector, int vectorsNotInCatalog, long millis) {}

  /**
   * Builds the exact k-nearest-neighbour graph by cosine similarity with the JDK Vector API kernel when
   * {@code jdk.incubator.vector} is resolved, plain loops otherwise (both give the same graph).
   *
   * @param vectors the vectors
   * @param catalog the catalogue
   * @param config the configuration
   * @return the {@code Result}
   */
  public static Result exact(TrackVectors vectors, Catalog catalog, SimilarityGraphConfig config) {
    return exact(vectors, catalog, config, ScanKernel.AUTO);
  }

  /**
   * As {@link #exact(TrackVectors, Catalog, SimilarityGraphConfig)}, reporting to {@code progress} (stage
   * "neighbours", one unit per track).
   *
   * @param vectors the vectors
   * @param catalog the catalogue
   * @param config the configuration
   * @param progress told of the tracks whose neighbours are found
   * @return the {@code Result}
   */
  public static Result exact(TrackVectors vectors, Catalog catalog, SimilarityGraphConfig config,
      ProgressListener progress) {
    return exact(vectors, catalog, config, ScanKernel.AUTO, progress);
  }

  /**
   * Builds the exact graph with the given dot-product kernel (to compare SIMD and plain loops). Every kernel builds
   * the same graph, weights included: the scores are bit-identical.
   *
   * @throws IllegalStateException if SIMD is asked for and {@code jdk.incubator.vector} is not resolved
   * @param vectors the vectors
   * @param catalog the catalogue
   * @param config the configuration
   * @param kernel the kernel
   * @return the {@code Result}
   */
  public static Result exact(TrackVectors vectors, Catalog catalog, SimilarityGraphConfig config, ScanKernel kernel) {
    return exact(vectors, catalog, config, kernel, ProgressListener.NONE);
  }

  private static Result exact(TrackVectors vectors, Catalog catalog, SimilarityGraphConfig config, ScanKernel kernel,
      ProgressListener progress) {
    Objects.requireNonNull(kernel, "kernel");
    AllPairsKernel allPairs = switch (kernel) {
      case AUTO -> AllPairsKernel.get();
      case SCALAR -> AllPairsKernel.scalar();
      case SIMD -> {
        AllPairsKernel simd = AllPairsKernel.simdOrNull();
        if (simd == null) {
          throw new IllegalStateException("SIMD kernels need the jdk.incubator.vector module: run the JVM with"
              + " --add-modules jdk.incubator.vector");
        }
        yield simd;
      }
    };
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(config, "config");
    long t0 = System.nanoTime();
    int n = catalog.size();
    int d = vectors.dimension();
    float[] unit = new float[Math.multiplyExact(n, d)];
    boolean[] present = new boolean[n];
    int notInCatalog = 0;
    for (int r = 0; r < vectors.size(); r++) {
      int i = catalog.indexOf(vectors.ids().get(r));
      if (i < 0) {
        notInCatalog++;
        continue;
      }
      double norm = 0;
      int base = r * d;
      for (int c = 0; c < d; c++) {
        float v = vectors.data()[base + c];
        norm += (double) v * v;
      }
      if (!(norm > 0) || !Double.isFinite(norm)) {
        continue;
      }
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int c = 0; c < d; c++) {
        unit[i * d + c] = vectors.data()[base + c] * inv;
      }
      present[i] = true;
    }
    int missing = 0;
    for (boolean p : present) {
      if (!p) {
        missing++;
      }
    }
    int k = Math.min(config.k(), Math.max(0, n - 1));
    int[] nb = new int[n * k];
    float[] w = new float[n * k];
    int[] counts = new int[n];
    if (k > 0) {
      ProgressTracker tracker = new ProgressTracker(progress, "neighbours", n);
      allPairs.neighbours(unit, present, n, d, k, config.blockSize(), config.threads(), nb, w, counts,
          tracker::advance);
    }
    SimilarityGraph g = assemble(catalog, nb, w, counts, k, config);
    return new Result(g, missing, notInCatalog, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Builds the graph from an index holding the catalogue's track vectors under their track ids, with one
   * {@link VectorIndex#searchByKey} per track spread over the configured threads. The index must be refreshed.
   *
   * @throws IOException when the index fails
   * @param index the vector index holding the track vectors
   * @param catalog the catalogue
   * @param config the configuration
   * @return the {@code Result}
   */
  public static Result fromIndex(VectorIndex index, Catalog catalog, SimilarityGraphConfig config) throws IOException {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(catalog, "catalog");
    long t0 = System.nanoTime();
    int n = catalog.size();
    int k = Math.min(config.k(), Math.max(0, n - 1));
    int[] nb = new int[n * k];
    float[] w = new float[n * k];
    int[] counts = new int[n];
    AtomicInteger missing = new AtomicInteger();
    AtomicInteger notInCatalog = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    if (k > 0) {
      Workers.run(config.threads(), "similarity-graph", () -> {
        int i;
        while ((i = next.getAndIncrement()) < n) {
          String id = catalog.get(i).id();
          if (index.vector(id).isEmpty()) {
            missing.incrementAndGet();
            continue;
          }
          List<SearchHit> hits = index.searchByKey(id, k, SearchFilter.NONE);
          int c = 0;
          for (SearchHit h : hits) {
            int j = catalog.indexOf(h.key());
            if (j < 0) {
              notInCatalog.incrementAndGet();
              continue;
            }
            if (j == i || c >= k) {
              continue;
            }
            nb[i * k + c] = j;
            w[i * k + c] = h.score();
            c++;
          }
          counts[i] = c;
        }
      });
    }
    SimilarityGraph g = assemble(catalog, nb, w, counts, k, config);
    return new Result(g, k > 0 ? missing.get() : 0, notInCatalog.get(), (System.nanoTime() - t0) / 1_000_000);
  }

  private static SimilarityGraph assemble(Catalog catalog, int[] nb, float[] w, int[] counts, int k, SimilarityGraphConfig config) {
    int n = catalog.size();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(catalog.get(i).id());
    }
    if (config.symmetric()) {
      return symmetrise(ids, nb, w, counts, k, config);
    }
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + counts[i];
    }
    int[] outN = new int[offsets[n]];
    float[] outW = new float[offsets[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(nb, i * k, outN, offsets[i], counts[i]);
      System.arraycopy(w, i * k, outW, offsets[i], counts[i]);
    }
    return new SimilarityGraph(ids, offsets, outN, outW, config);
  }

  /** Union of i-&gt;j and j-&gt;i edges, each list sorted by weight (desc) then index, duplicates removed. */
  private static SimilarityGraph symmetrise(List<String> ids, int[] nb, float[] w, int[] counts, int k, SimilarityGraphConfig config) {
    int n = ids.size();
    int[] deg = new int[n];
    for (int i = 0; i < n; i++) {
      deg[i] += counts[i];
      for (int r = 0; r < counts[i]; r++) {
        deg[nb[i * k + r]]++;
      }
    }
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + deg[i];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] allN = new int[start[n]];
    float[] allW = new float[start[n]];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < counts[i]; r++) {
        int j = nb[i * k + r];
        float s = w[i * k + r];
        allN[fill[i]] = j;
        allW[fill[i]++] = s;
        allN[fill[j]] = i;
        allW[fill[j]++] = s;
      }
    }
    int[] offsets = new int[n + 1];
    int[] outN = new int[start[n]];
    float[] outW = new float[start[n]];
    int pos = 0;
    long[] keys = new long[0];
    for (int i = 0; i < n; i++) {
      int len = deg[i];
      if (keys.length < len) {
        keys = new long[len];
      }
      for (int e = 0; e < len; e++) {
        // sortable key: descending weight, then ascending index; weights are cosines in [-1, 1]
        int bits = Float.floatToIntBits(allW[start[i] + e]);
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
        keys[e] = ((long) ~ordered << 32) | (allN[start[i] + e] & 0xffffffffL);
      }
      Arrays.sort(keys, 0, len);
      int prev = -1;
      for (int e = 0; e < len; e++) {
        int j = (int) keys[e];
        if (j == prev) {
          continue;
        }
        boolean dup = false;
        for (int q = offsets[i]; q < pos; q++) {
          if (outN[q] == j) {
            dup = true;
            break;
          }
        }
        if (dup) {
          continue;
        }
        outN[pos] = j;
        int ord = ~(int) (keys[e] >>> 32);
        int bits = ord ^ ((ord >> 31) & 0x7fffffff);
        outW[pos++] = Float.intBitsToFloat(bits);
        prev = j;
      }
      offsets[i + 1] = pos;
    }
    return new SimilarityGraph(ids, offsets, Arrays.copyOf(outN, pos), Arrays.copyOf(outW, pos), config);
  }
}
