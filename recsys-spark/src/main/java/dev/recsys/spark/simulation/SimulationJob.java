package dev.recsys.spark.simulation;

import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ListenerSimulator;
import dev.recsys.graph.simulation.SimulatedListener;
import dev.recsys.graph.simulation.SyntheticWorld;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Simulated listeners on a synthetic world, partitioned by listener. Every executor rebuilds the same world from
 * the seed ({@code SyntheticWorld.generate}, the exact similarity graph, the unconstrained softmax walk) once per
 * JVM; listener {@code l} gets its taste from a generator seeded by {@link #listenerSeed(long, int)} and its
 * sessions from {@code ListenerSimulator.simulate} with the next seed, exactly as a single machine calling the same
 * method for that listener alone. The output is the choice-set table the choice model is fitted on.
 *
 * @param tracks tracks of the synthetic world, in [10, 10000000]
 * @param clusters taste clusters (genres), in [1, 1000]
 * @param tracksPerArtist tracks per artist, in [1, 1000]
 * @param dimension vector dimension of the world, in [2, 1024]
 * @param k neighbours per track in the graph, in [1, 1000]
 * @param tasteStrength how strongly listeners prefer their clusters, in [0, 100]
 * @param trueWeights the listeners' true weights, one per feature of the unconstrained walk
 * @param seed the seed of the world and the listeners
 */
public record SimulationJob(int tracks, int clusters, int tracksPerArtist, int dimension, int k, double tasteStrength,
    double[] trueWeights, long seed) implements Serializable {

  /** The choice-set table: one row per candidate of every presented set. */
  public static final StructType CHOICES = new StructType()
      .add("listener", DataTypes.IntegerType, false)
      .add("set", DataTypes.IntegerType, false)
      .add("candidate", DataTypes.IntegerType, false)
      .add("chosen", DataTypes.BooleanType, false)
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  private static final Map<SimulationJob, ListenerSimulatorFactory> WORLDS = new ConcurrentHashMap<>();

  /** Validates. */
  public SimulationJob {
    Checks.inRange("tracks", tracks, 10, 10_000_000);
    Checks.inRange("clusters", clusters, 1, 1000);
    Checks.inRange("tracksPerArtist", tracksPerArtist, 1, 1000);
    Checks.inRange("dimension", dimension, 2, 1024);
    Checks.inRange("k", k, 1, 1000);
    Checks.inRange("tasteStrength", tasteStrength, 0.0, 100.0);
    trueWeights = trueWeights.clone();
  }

  /**
   * The features of the unconstrained walk the listeners walk, in weight order.
   *
   * @return the feature names
   */
  public List<String> featureNames() {
    return SoftmaxWalkConfig.builder().unconstrained().build().featureNames();
  }

  /**
   * The seed of one listener's taste; its sessions use this seed plus one.
   *
   * @param seed the job seed
   * @param listener the listener number
   * @return the listener's seed
   */
  public static long listenerSeed(long seed, int listener) {
    long z = seed * 0x9E3779B97F4A7C15L + listener;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Builds the world's simulator pieces once per JVM. */
  private static final class ListenerSimulatorFactory {
    final SoftmaxWalkSampler walk;
    final int[] clusters;
    final int clusterCount;

    ListenerSimulatorFactory(SimulationJob job) {
      SyntheticWorld w = SyntheticWorld.generate(job.tracks(), job.clusters(), job.tracksPerArtist(), job.dimension(), job.seed());
      SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), new SimilarityGraphConfig(job.k(), false, 1, 1024))
          .graph();
      this.walk = SoftmaxWalkSampler.create(g, TrackAttributes.of(w.catalog(), w.clusters()),
          SoftmaxWalkConfig.builder().unconstrained().build());
      this.clusters = w.clusters();
      this.clusterCount = w.clusterCount();
    }
  }

  private ListenerSimulatorFactory world() {
    return WORLDS.computeIfAbsent(this, ListenerSimulatorFactory::new);
  }

  /**
   * One listener's simulated choices, as a single machine computes them.
   *
   * @param listener the listener number
   * @param sessions sessions of the listener
   * @param length tracks per session
   * @return the choice sets
   */
  public ChoiceData simulateListener(int listener, int sessions, int length) {
    ListenerSimulatorFactory w = world();
    return simulate(w, new ListenerSimulator(w.walk, w.clusters), listener, sessions, length);
  }

  private ChoiceData simulate(ListenerSimulatorFactory w, ListenerSimulator sim, int listener, int sessions, int length) {
    long s = listenerSeed(seed, listener);
    SimulatedListener who = SimulatedListener.withRandomTaste(trueWeights, w.clusterCount, tasteStrength, new SplittableRandom(s));
    return sim.simulate(List.of(who), sessions, length, s + 1).choices();
  }

  /**
   * Simulates listeners {@code 0..listeners-1} on {@code partitions} partitions.
   *
   * @param spark the session
   * @param listeners number of listeners
   * @param sessions sessions per listener
   * @param length tracks per session
   * @param partitions partitions of the listeners
   * @return the choice-set table
   */
  public Dataset<Row> run(SparkSession spark, int listeners, int sessions, int length, int partitions) {
    Checks.inRange("listeners", listeners, 1, 100_000_000);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ids = new ArrayList<>(listeners);
    for (int l = 0; l < listeners; l++) {
      ids.add(l);
    }
    SimulationJob job = this;
    JavaRDD<Row> rows = jsc.parallelize(ids, partitions).mapPartitions(it -> {
      ListenerSimulatorFactory w = job.world();
      ListenerSimulator sim = new ListenerSimulator(w.walk, w.clusters);
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        int l = it.next();
        ChoiceData d = job.simulate(w, sim, l, sessions, length);
        int p = d.featureCount();
        for (int s = 0; s < d.size(); s++) {
          for (int c = 0; c < d.setSize(s); c++) {
            int row = d.start(s) + c;
            Double[] f = new Double[p];
            for (int j = 0; j < p; j++) {
              f[j] = d.value(row, j);
            }
            out.add(RowFactory.create(l, s, c, c == d.chosen(s), f));
          }
        }
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, CHOICES);
  }

  /**
   * Collects a choice-set table into the choice model's data, listener by listener and set by set.
   *
   * @param choices the table
   * @param featureNames the feature names
   * @return the choice data
   */
  public static ChoiceData toChoiceData(Dataset<Row> choices, List<String> featureNames) {
    List<Row> rows = choices.orderBy("listener", "set", "candidate").collectAsList();
    ChoiceData.Builder b = ChoiceData.builder(featureNames);
    int p = featureNames.size();
    int i = 0;
    while (i < rows.size()) {
      int j = i;
      while (j < rows.size() && rows.get(j).getInt(0) == rows.get(i).getInt(0) && rows.get(j).getInt(1) == rows.get(i).getInt(1)) {
        j++;
      }
      double[] m = new double[(j - i) * p];
      int chosen = -1;
      for (int r = i; r < j; r++) {
        List<Object> f = rows.get(r).getList(4);
        for (int q = 0; q < p; q++) {
          m[(r - i) * p + q] = ((Number) f.get(q)).doubleValue();
        }
        if (rows.get(r).getBoolean(3)) {
          chosen = r - i;
        }
      }
      b.add(m, j - i, chosen);
      i = j;
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimulationJob s && tracks == s.tracks && clusters == s.clusters && tracksPerArtist == s.tracksPerArtist
        && dimension == s.dimension && k == s.k && Double.compare(tasteStrength, s.tasteStrength) == 0
        && java.util.Arrays.equals(trueWeights, s.trueWeights) && seed == s.seed;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(tracks, clusters, tracksPerArtist, dimension, k, tasteStrength, seed)
        * 31 + java.util.Arrays.hashCode(trueWeights);
  }

  @Override
  public String toString() {
    return "SimulationJob[tracks=" + tracks + ", clusters=" + clusters + ", tracksPerArtist=" + tracksPerArtist + ", dimension="
        + dimension + ", k=" + k + ", tasteStrength=" + tasteStrength + ", trueWeights=" + java.util.Arrays.toString(trueWeights)
        + ", seed=" + seed + "]";
  }
}
