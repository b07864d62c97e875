package dev.recsys.spark.jobs;

import dev.recsys.spark.SparkSessions;
import dev.recsys.spark.eval.CooccurrenceItemKnn;
import dev.recsys.spark.graph.KnnGraphJob;
import dev.recsys.spark.graph.KnnGraphOptions;
import dev.recsys.spark.io.IndexedVector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scale}: the scaling benchmark. For each core count, a fresh {@code local[cores]} session runs the sharded
 * graph build on generated vectors and the co-occurrence item-kNN on generated listening histories, and reports
 * wall time, throughput, shuffle bytes written and the peak heap of the (driver = executor) JVM.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Scaling benchmark of the graph and item-kNN jobs on generated data at several local core counts.")
public final class ScaleJob implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", defaultValue = "100000", description = "Generated tracks (default ${DEFAULT-VALUE})")
  int tracks;

  @Option(names = "--dimension", defaultValue = "32", description = "Vector dimension (default ${DEFAULT-VALUE})")
  int dimension;

  @Option(names = "--k", defaultValue = "20", description = "Neighbours per track (default ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--shards", defaultValue = "4", description = "Graph shards, the same at every core count (default ${DEFAULT-VALUE})")
  int shards;

  @Option(names = "--listeners", defaultValue = "10000", description = "Generated listeners for item-kNN, 0 to skip (default ${DEFAULT-VALUE})")
  int listeners;

  @Option(names = "--history", defaultValue = "20", description = "Items per generated listener (default ${DEFAULT-VALUE})")
  int history;

  @Option(names = "--cores", defaultValue = "1,2", split = ",", description = "Local core counts (default ${DEFAULT-VALUE})")
  List<Integer> cores;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default ${DEFAULT-VALUE})")
  long seed;

  /** Creates the command. */
  public ScaleJob() {}

  @Override
  public Integer call() throws Exception {
    List<Object> rows = new ArrayList<>();
    for (int c : cores) {
      SparkSession spark = SparkSessions.local(c, "recsys scale")
          .config("spark.sql.shuffle.partitions", String.valueOf(4 * c))
          .config("spark.default.parallelism", String.valueOf(4 * c))
          .getOrCreate();
      AtomicLong shuffle = new AtomicLong();
      AtomicLong peakTask = new AtomicLong();
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.taskMetrics() != null) {
            shuffle.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
            peakTask.accumulateAndGet(end.taskMetrics().peakExecutionMemory(), Math::max);
          }
        }
      });
      try {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        rows.add(measure("graph", c, tracks, shuffle, peakTask, () -> {
          JavaRDD<IndexedVector> v = vectors(jsc, tracks, dimension, 4 * c, seed);
          KnnGraphJob.Result r = KnnGraphJob.run(jsc, v, KnnGraphOptions.defaults().withK(k).withShards(shards, 4 * c)
              .withRecallCheck(500, 0.0));
          return Map.of("recall", r.recall(), "shards", shards, "edges", r.edges().values().map(n -> (long) n.size()).reduce(Long::sum));
        }));
        if (listeners > 0) {
          rows.add(measure("itemknn", c, listeners, shuffle, peakTask, () -> {
            Dataset<Row> train = histories(spark, listeners, tracks, history, seed);
            List<String> items = new ArrayList<>(tracks);
            for (int i = 0; i < tracks; i++) {
              items.add("t" + i);
            }
            List<String> users = new ArrayList<>();
            for (int u = 0; u < listeners; u += 10) {
              users.add("u" + u);
            }
            long n = CooccurrenceItemKnn.recommend(spark, train, items, users, 50, 20).count();
            return Map.of("recommendations", n, "interactions", (long) listeners * history);
          }));
        }
      } finally {
        spark.stop();
      }
    }
    JobSupport.printJson(spec.commandLine().getOut(), Map.of("tracks", tracks, "dimension", dimension, "k", k, "runs", rows));
    return 0;
  }

  private interface Work {
    Map<String, Object> run() throws Exception;
  }

  private static Map<String, Object> measure(String job, int cores, long units, AtomicLong shuffle, AtomicLong peakTask, Work w)
      throws Exception {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    shuffle.set(0);
    peakTask.set(0);
    long t0 = System.nanoTime();
    Map<String, Object> extra = w.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        peakHeap += p.getPeakUsage().getUsed();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", job);
    m.put("cores", cores);
    m.put("seconds", Math.round(seconds * 10) / 10.0);
    m.put("perSecond", Math.round(units / seconds));
    m.put("shuffleMiB", Math.round(shuffle.get() / 1048576.0 * 10) / 10.0);
    m.put("peakHeapMiB", peakHeap / 1048576);
    m.put("peakTaskExecutionMiB", Math.round(peakTask.get() / 1048576.0 * 10) / 10.0);
    m.putAll(extra);
    return m;
  }

  /** Clustered Gaussian vectors, generated on the executors from the seed and the row. */
  static JavaRDD<IndexedVector> vectors(JavaSparkContext jsc, int n, int d, int partitions, long seed) {
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    return jsc.parallelize(parts, partitions).flatMap(p -> {
      List<IndexedVector> out = new ArrayList<>();
      for (int i = p; i < n; i += partitions) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
        int centre = i % 64;
        SplittableRandom cr = new SplittableRandom(seed + centre);
        float[] v = new float[d];
        for (int c = 0; c < d; c++) {
          v[c] = (float) (2 * cr.nextGaussian() + rnd.nextGaussian());
        }
        out.add(new IndexedVector(i, "t" + i, v));
      }
      return out.iterator();
    });
  }

  /** Listening histories skewed to popular tracks, generated on the executors. */
  static Dataset<Row> histories(SparkSession spark, int listeners, int items, int perListener, long seed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> users = new ArrayList<>();
    for (int u = 0; u < listeners; u++) {
      users.add(u);
    }
    JavaRDD<Row> rows = jsc.parallelize(users, Math.max(1, spark.sparkContext().defaultParallelism())).flatMap(u -> {
      SplittableRandom rnd = new SplittableRandom(seed * 7_919L + u);
      List<Row> out = new ArrayList<>(perListener);
      int taste = u % 50;
      for (int e = 0; e < perListener; e++) {
        int item = rnd.nextDouble() < 0.6
            ? (taste * (items / 50) + (int) ((items / 50) * Math.pow(rnd.nextDouble(), 2))) % items
            : (int) (items * Math.pow(rnd.nextDouble(), 3));
        out.add(RowFactory.create("u" + u, "t" + item, 1.0));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, dev.recsys.spark.eval.SplitTables.TRAIN);
  }
}
