package dev.recsys.benchmarks.eval;

import dev.recsys.core.eval.metrics.RankingMetrics;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * NDCG@10 + recall@10 + MAP@10 per user on precomputed top-10 lists: users per second (one operation = one
 * user). {@code SEPARATE} calls the three {@link RankingMetrics} functions, {@code FUSED} computes all cut-off
 * metrics in one pass ({@link RankingMetrics#atK}), {@code NAIVE_HASHSET} is the textbook implementation over a
 * {@code HashSet<Integer>} of relevant items (built once per user in setup, so only lookups are timed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MetricsBenchmark {
  static final int USERS = 10_000;
  static final int K = 10;

  /** The competing implementations. */
  public enum Impl { SEPARATE, FUSED, NAIVE_HASHSET }

  @Param
  Impl impl;

  int[][] ranked;
  int[][] relevant;
  Set<Integer>[] relevantSets;
  double[] buf = new double[7];

  @Setup
  @SuppressWarnings("unchecked")
  public void setup() {
    SplittableRandom r = new SplittableRandom(7);
    ranked = new int[USERS][K];
    relevant = new int[USERS][];
    relevantSets = new Set[USERS];
    for (int u = 0; u < USERS; u++) {
      int n = 1 + r.nextInt(50);
      java.util.TreeSet<Integer> rel = new java.util.TreeSet<>();
      while (rel.size() < n) {
        rel.add(r.nextInt(2_000));
      }
      relevant[u] = rel.stream().mapToInt(Integer::intValue).toArray();
      relevantSets[u] = new HashSet<>(rel);
      java.util.LinkedHashSet<Integer> list = new java.util.LinkedHashSet<>();
      while (list.size() < K) {
        // about one in five results relevant, like a good model
        list.add(r.nextInt(5) == 0 ? relevant[u][r.nextInt(n)] : r.nextInt(2_000));
      }
      ranked[u] = list.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public double ndcgRecallMap() {
    double s = 0;
    switch (impl) {
      case SEPARATE -> {
        for (int u = 0; u < USERS; u++) {
          s += RankingMetrics.ndcg(ranked[u], K, relevant[u]) + RankingMetrics.recall(ranked[u], K, relevant[u])
              + RankingMetrics.averagePrecision(ranked[u], K, relevant[u]);
        }
      }
      case FUSED -> {
        for (int u = 0; u < USERS; u++) {
          RankingMetrics.atK(ranked[u], K, relevant[u], buf);
          s += buf[4] + buf[1] + buf[5];
        }
      }
      case NAIVE_HASHSET -> {
        for (int u = 0; u < USERS; u++) {
          s += naive(ranked[u], relevantSets[u]);
        }
      }
      default -> throw new AssertionError(impl);
    }
    return s;
  }

  /** Textbook NDCG + recall + AP over a set, with log2 computed per position. */
  static double naive(int[] list, Set<Integer> rel) {
    double dcg = 0;
    double idcg = 0;
    double ap = 0;
    int hits = 0;
    for (int i = 0; i < K; i++) {
      if (rel.contains(list[i])) {
        hits++;
        dcg += 1 / (Math.log(i + 2) / Math.log(2));
        ap += (double) hits / (i + 1);
      }
    }
    for (int i = 0; i < Math.min(K, rel.size()); i++) {
      idcg += 1 / (Math.log(i + 2) / Math.log(2));
    }
    return dcg / idcg + (double) hits / rel.size() + ap / Math.min(K, rel.size());
  }
}
