package dev.recsys.benchmarks.shuffle;

import dev.recsys.core.retrieval.ScanKernel;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.SyntheticWorld;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds the exact k = 50 similarity graph of a synthetic catalogue (default 100,000 tracks, 32 dimensions) with the
 * blocked all-pairs kernel on the configured threads, one build per measurement: {@code SIMD} is the register-tiled
 * JDK Vector API kernel, {@code SCALAR} the plain-loop kernel (the baseline; both build the same graph). After the
 * run it checks neighbour recall against a straightforward double-precision scan for 200 random tracks and prints it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class SimilarityGraphBuildBenchmark {
  @Param({"100000"})
  public int tracks;

  @Param({"32"})
  public int dimension;

  @Param({"2"})
  public int threads;

  @Param({"SIMD", "SCALAR"})
  public ScanKernel kernel;

  private SyntheticWorld world;
  private SimilarityGraph last;

  /** Generates the catalogue and vectors. */
  @Setup(Level.Trial)
  public void setup() {
    world = SyntheticWorld.generate(tracks, 200, 8, dimension, 11);
  }

  /** One exact build. */
  @Benchmark
  public SimilarityGraph build() {
    last = SimilarityGraphBuilder.exact(world.vectors(), world.catalog(),
        new SimilarityGraphConfig(50, false, threads, 1024), kernel).graph();
    return last;
  }

  /** Neighbour recall of the last build against a double-precision reference on 200 sampled tracks. */
  @TearDown(Level.Trial)
  public void recall() {
    float[] v = world.vectors().data();
    int d = dimension;
    int n = tracks;
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int c = 0; c < d; c++) {
        s += (double) v[i * d + c] * v[i * d + c];
      }
      norms[i] = Math.sqrt(s);
    }
    SplittableRandom rnd = new SplittableRandom(5);
    long hit = 0;
    long total = 0;
    for (int q = 0; q < 200; q++) {
      int i = rnd.nextInt(n);
      double[] best = new double[50];
      int[] ids = new int[50];
      java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += (double) v[i * d + c] * v[j * d + c];
        }
        s /= norms[i] * norms[j];
        if (s > best[49]) {
          int p = 49;
          while (p > 0 && best[p - 1] < s) {
            best[p] = best[p - 1];
            ids[p] = ids[p - 1];
            p--;
          }
          best[p] = s;
          ids[p] = j;
        }
      }
      java.util.Set<Integer> mine = new java.util.HashSet<>();
      for (int r = 0; r < last.degree(i); r++) {
        mine.add(last.neighbour(i, r));
      }
      for (int id : ids) {
        hit += mine.contains(id) ? 1 : 0;
      }
      total += 50;
    }
    System.out.printf("%n%s kernel: neighbour recall@50 against a double-precision scan (200 tracks): %.4f; edges=%d%n",
        kernel, (double) hit / total, last.edgeCount());
  }
}
