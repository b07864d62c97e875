package dev.recsys.benchmarks.data;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Companion of {@link CsvIngestBenchmark} for a shared, overloaded machine: measures each implementation in
 * rows per CPU-second of the reading thread ({@link ThreadMXBean#getCurrentThreadCpuTime}), which waiting for a
 * core does not inflate. Runs warm-up passes, then reports the median of the measured passes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.recsys.benchmarks.data.CsvIngestCpuTime [warmupPasses] [passes]}
 */
public final class CsvIngestCpuTime {
  private CsvIngestCpuTime() {}

  /** Runs the measurement and prints one line per implementation. */
  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    CsvIngestBenchmark b = new CsvIngestBenchmark();
    b.setUp();
    try {
      System.out.printf(Locale.ROOT, "data: %s (%,d bytes)%n", b.file, Files.size(b.file));
      double baseline = 0;
      for (CsvIngestBenchmark.Impl impl : CsvIngestBenchmark.Impl.values()) {
        b.impl = impl;
        for (int i = 0; i < warmup; i++) {
          b.ingest(bh);
        }
        double[] rate = new double[passes];
        long rows = 0;
        for (int i = 0; i < passes; i++) {
          long t0 = mx.getCurrentThreadCpuTime();
          rows = b.ingest(bh);
          long t1 = mx.getCurrentThreadCpuTime();
          rate[i] = rows / ((t1 - t0) / 1e9);
        }
        Arrays.sort(rate);
        double median = rate[passes / 2];
        if (impl == CsvIngestBenchmark.Impl.BASELINE_SPLIT_PARSE) {
          baseline = median;
        }
        System.out.printf(Locale.ROOT, "%-22s rows=%,d  median %,.0f rows/CPU-s  (min %,.0f, max %,.0f)%s%n", impl, rows, median,
            rate[0], rate[passes - 1], baseline > 0 ? String.format(Locale.ROOT, "  %.2fx of BASELINE_SPLIT_PARSE", median / baseline) : "");
      }
    } finally {
      b.tearDown();
    }
  }

}
