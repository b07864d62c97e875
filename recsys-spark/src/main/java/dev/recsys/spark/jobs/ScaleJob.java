package dev.recsys.spark.jobs;

import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.RandomSplit;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.spark.SparkSessions;
import dev.recsys.spark.embed.FeatureFit;
import dev.recsys.spark.eval.DistributedEvaluator;
import dev.recsys.spark.io.DatasetReader;
import dev.recsys.spark.io.TrackRows;
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
 * {@code scale}: the scaling benchmark. For each core count, a fresh {@code local[cores]} session runs the selected
 * stages on generated data: {@code embed} (the distributed feature-pipeline fit and the transform of every track,
 * the embed job's per-track work before the model's own product), {@code graph} (the sharded kNN graph on generated
 * vectors), {@code evaluate} (the distributed evaluator on a generated split and recommendation table) and
 * {@code itemknn} (the co-occurrence item-kNN on generated histories), and reports wall time, throughput, shuffle
 * bytes written and the peak heap of the (driver = executor) JVM. Each stage's row is also printed to standard error
 * as soon as it ends, so a run stopped part way keeps the stages it finished.
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

  @Option(names = "--jobs", defaultValue = "embed,graph,evaluate,itemknn", split = ",",
      description = "Stages to run: embed, graph, evaluate, itemknn (default ${DEFAULT-VALUE})")
  List<String> jobs;

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
        for (String job : jobs) {
          Map<String, Object> row = switch (job.trim()) {
            case "embed" -> measure("embed", c, tracks, shuffle, peakTask, () -> {
              Dataset<Row> table = tracks(spark, tracks, 4 * c, seed);
              FittedFeatures f = FeatureFit.fit(spark, table, FeatureConfig.audioAndMetadata());
              long n = FeatureFit.transform(spark, table, f, 4096).count();
              return Map.of("features", f.dimension(), "transformed", n);
            });
            case "graph" -> measure("graph", c, tracks, shuffle, peakTask, () -> {
              JavaRDD<IndexedVector> v = vectors(jsc, tracks, dimension, 4 * c, seed);
              KnnGraphJob.Result r = KnnGraphJob.run(jsc, v, KnnGraphOptions.defaults().withK(k).withShards(shards, 4 * c)
                  .withRecallCheck(500, 0.0));
              return Map.of("recall", r.recall(), "shards", shards, "edges", r.edges().values().map(n -> (long) n.size()).reduce(Long::sum));
            });
            case "evaluate" -> {
              Split split = new RandomSplit(0.2, seed).split(interactions(listeners, tracks, history, seed));
              yield measure("evaluate", c, split.numTestUsers(), shuffle, peakTask, () -> {
                Dataset<Row> recs = recommendations(spark, split, tracks, 100, seed);
                DistributedEvaluator.Result r = new DistributedEvaluator(EvaluatorConfig.builder().ks(10).depth(100)
                    .bootstrapSamples(200).seed(seed).build()).evaluate(spark, split, recs, "generated");
                return Map.of("testListeners", split.numTestUsers(), "ndcg@10", r.get("ndcg@10").mean());
              });
            }
            case "itemknn" -> measure("itemknn", c, listeners, shuffle, peakTask, () -> {
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
            });
            default -> throw new IllegalArgumentException("unknown --jobs stage '" + job + "'; available: embed, graph, evaluate, itemknn");
          };
          row.put("tracks", tracks);
          rows.add(row);
          spec.commandLine().getErr().println(JobSupport.JSON_LINE.writeValueAsString(row));
          spec.commandLine().getErr().flush();
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

  /** Generated tracks (audio features with some missing, 200 genres, release dates, durations), on the executors. */
  static Dataset<Row> tracks(SparkSession spark, int n, int partitions, long seed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    AudioFeature[] features = AudioFeature.values();
    JavaRDD<Row> rows = jsc.parallelize(parts, partitions).flatMap(p -> {
      List<Row> out = new ArrayList<>();
      for (int i = p; i < n; i += partitions) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_033L + i);
        AudioFeatures.Builder a = AudioFeatures.builder();
        for (AudioFeature f : features) {
          if (rnd.nextDouble() < 0.97) {
            a.set(f, f.isCategorical() ? Math.floor(f.min() + rnd.nextDouble() * (f.max() - f.min() + 1) - 1e-9)
                : f.min() + rnd.nextDouble() * (f.max() - f.min()));
          }
        }
        Track.Builder b = Track.builder("t" + i).title("Track " + i).artists(List.of(ArtistRef.named("Artist " + (i % 50_000))))
            .genres(List.of("genre" + (i % 200), "genre" + rnd.nextInt(200))).audio(a.build());
        if (rnd.nextDouble() < 0.9) {
          b.releaseDate(new ReleaseDate(1960 + rnd.nextInt(65), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)))
              .durationMs(60_000 + rnd.nextInt(400_000)).popularity(rnd.nextInt(101));
        }
        out.add(TrackRows.toRow(b.build()));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, DatasetReader.TRACKS);
  }

  /** The generated histories of {@link #histories} as single-machine interactions (for a split on the driver). */
  static Interactions interactions(int listeners, int items, int perListener, long seed) {
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < listeners; u++) {
      SplittableRandom rnd = new SplittableRandom(seed * 7_919L + u);
      int taste = u % 50;
      for (int e = 0; e < perListener; e++) {
        b.add("u" + u, "t" + item(rnd, taste, items), 1.0, 1_000_000L + e, false);
      }
    }
    return b.build();
  }

  private static int item(SplittableRandom rnd, int taste, int items) {
    return rnd.nextDouble() < 0.6
        ? (taste * (items / 50) + (int) ((items / 50) * Math.pow(rnd.nextDouble(), 2))) % items
        : (int) (items * Math.pow(rnd.nextDouble(), 3));
  }

  /** A generated recommendations table: {@code depth} items per test listener from its taste and the popular items. */
  static Dataset<Row> recommendations(SparkSession spark, Split split, int items, int depth, long seed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> users = new ArrayList<>(split.numTestUsers());
    for (int p = 0; p < split.numTestUsers(); p++) {
      users.add(split.data().users().id(split.testUser(p)));
    }
    JavaRDD<Row> rows = jsc.parallelize(users, Math.max(1, spark.sparkContext().defaultParallelism())).flatMap(user -> {
      int u = Integer.parseInt(user.substring(1));
      SplittableRandom rnd = new SplittableRandom(seed * 31L + u);
      java.util.LinkedHashSet<Integer> picked = new java.util.LinkedHashSet<>();
      while (picked.size() < depth) {
        picked.add(item(rnd, u % 50, items));
      }
      List<Row> out = new ArrayList<>(depth);
      int r = 0;
      for (int i : picked) {
        out.add(RowFactory.create(user, r, "t" + i, (float) (depth - r)));
        r++;
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, CooccurrenceItemKnn.RECOMMENDATIONS);
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
        out.add(RowFactory.create("u" + u, "t" + item(rnd, taste, items), 1.0));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, dev.recsys.spark.eval.SplitTables.TRAIN);
  }
}
