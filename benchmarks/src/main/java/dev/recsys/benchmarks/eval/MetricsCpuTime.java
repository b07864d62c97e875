package dev.recsys.benchmarks.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The {@link MetricsBenchmark} workload timed by the thread's CPU time instead of wall time, for machines
 * shared with other work (where JMH's wall-clock throughput mostly measures the scheduler). Prints users per
 * CPU-second of each implementation, the median of {@code rounds} rounds after warm-up.
 *
 * <p>{@code java -cp benchmarks.jar dev.recsys.benchmarks.eval.MetricsCpuTime [rounds]}
 */
public final class MetricsCpuTime {
  private MetricsCpuTime() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MetricsBenchmark b = new MetricsBenchmark();
    b.setup();
    double sink = 0;
    for (MetricsBenchmark.Impl impl : MetricsBenchmark.Impl.values()) {
      b.impl = impl;
      for (int w = 0; w < 200; w++) {
        sink += b.ndcgRecallMap();
      }
      double[] rates = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        int reps = 50;
        for (int i = 0; i < reps; i++) {
          sink += b.ndcgRecallMap();
        }
        long ns = mx.getCurrentThreadCpuTime() - t0;
        rates[r] = (double) reps * MetricsBenchmark.USERS / (ns / 1e9);
      }
      java.util.Arrays.sort(rates);
      System.out.printf(Locale.ROOT, "%-14s %,.0f users per CPU-second (median of %d; min %,.0f, max %,.0f)%n", impl,
          rates[rounds / 2], rounds, rates[0], rates[rounds - 1]);
    }
    System.out.println("checksum " + sink);
  }
}
