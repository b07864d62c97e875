package dev.recsys.spark.jobs;

import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.spark.graph.GraphTables;
import dev.recsys.spark.graph.KnnGraphJob;
import dev.recsys.spark.graph.KnnGraphOptions;
import dev.recsys.spark.io.IndexedVector;
import dev.recsys.spark.io.VectorTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code graph}: the sharded kNN similarity graph of a vector table or file. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Build the k-nearest-neighbour similarity graph with one Lucene HNSW per shard, checked against exact search.")
public final class GraphJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--vectors", required = true, paramLabel = "PATH",
      description = "track-vectors.rsm (from 'recsys embed') or a Parquet vector table (index, id, vector)")
  String vectors;

  @Option(names = "--k", defaultValue = "50", description = "Neighbours per track (default ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--shards", defaultValue = "4", description = "Shards, one index each (default ${DEFAULT-VALUE})")
  int shards;

  @Option(names = "--query-partitions", defaultValue = "4",
      description = "Partitions of the query side; tasks = shards x query partitions (default ${DEFAULT-VALUE})")
  int queryPartitions;

  @Option(names = "--exact", description = "Scan each shard instead of searching an HNSW (the exact graph)")
  boolean exact;

  @Option(names = "--candidates", defaultValue = "100", description = "HNSW search candidates (default ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--recall-sample", defaultValue = "1000",
      description = "Tracks checked against exact search, 0 for none (default ${DEFAULT-VALUE})")
  int recallSample;

  @Option(names = "--min-recall", defaultValue = "0.95",
      description = "Fail when the sampled recall@k is below this (default ${DEFAULT-VALUE})")
  double minRecall;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the recall sample (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out-graph", paramLabel = "FILE",
      description = "Write the single-machine graph file (similarity-graph.rsm, collected on the driver)")
  Path outGraph;

  @Option(names = "--out-parquet", paramLabel = "DIR", description = "Write the graph as Parquet tables tracks/ and edges/")
  String outParquet;

  /** Creates the command. */
  public GraphJob() {}

  @Override
  public Integer call() throws Exception {
    if (outGraph == null && outParquet == null) {
      throw new IllegalArgumentException("give --out-graph FILE, --out-parquet DIR or both");
    }
    SparkSession spark = session("graph");
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int partitions = Math.max(shards, queryPartitions);
      JavaRDD<IndexedVector> rdd = vectors.endsWith(".rsm") && Files.isRegularFile(Path.of(vectors))
          ? VectorTables.of(jsc, TrackVectors.load(Path.of(vectors)), partitions)
          : VectorTables.indexed(VectorTables.readParquet(spark, vectors));
      rdd = rdd.persist(StorageLevel.MEMORY_AND_DISK());
      KnnGraphOptions options = new KnnGraphOptions(k, shards, queryPartitions,
          exact ? KnnGraphOptions.Search.EXACT : KnnGraphOptions.Search.HNSW, 16, 100, candidates, recallSample, minRecall, seed);
      long t0 = System.nanoTime();
      KnnGraphJob.Result r = KnnGraphJob.run(jsc, rdd, options);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("tracks", r.tracks());
      out.put("dimension", r.dimension());
      out.put("tracksWithoutVector", r.tracksWithoutVector());
      out.put("recall", Double.isNaN(r.recall()) ? null : r.recall());
      out.put("sampled", r.sampled());
      out.put("indexBytes", r.indexBytes());
      if (outGraph != null) {
        List<String> ids = GraphTables.ids(rdd);
        SimilarityGraph g = GraphTables.toSimilarityGraph(r.edges(), ids, Math.min(k, Math.max(1, r.tracks() - 1)));
        g.withProvenance(Provenance.now(seed, "spark:" + vectors)).save(outGraph);
        out.put("graph", outGraph.toString());
        out.put("edges", g.edgeCount());
      }
      if (outParquet != null) {
        GraphTables.writeParquet(spark, r.edges(), rdd, outParquet);
        out.put("parquet", outParquet);
      }
      out.put("millis", (System.nanoTime() - t0) / 1_000_000);
      printJson(spec.commandLine().getOut(), out);
      return 0;
    } finally {
      finish(spark);
    }
  }
}
