package dev.recsys.spark.jobs;

import dev.recsys.core.retrieval.LuceneEmbeddingStore;
import dev.recsys.core.retrieval.LuceneEmbeddingStoreConfig;
import dev.recsys.core.spi.Similarity;
import dev.recsys.spark.io.EmbeddingTables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code store}: imports an embedding table (Parquet) into the single-machine embedding store on this machine. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Import an embedding table (id, vector; from 'embed' or 'features') into a single-machine "
        + "embedding store directory (the Lucene store), under one model version.")
public final class StoreJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--vectors", required = true, paramLabel = "DIR", description = "Parquet embedding table")
  String vectors;

  @Option(names = "--store", required = true, paramLabel = "DIR", description = "The store directory (created when absent)")
  Path store;

  @Option(names = "--model-version", required = true, description = "Model version of the imported embeddings")
  String modelVersion;

  @Option(names = "--similarity", defaultValue = "COSINE", description = "COSINE, DOT_PRODUCT or EUCLIDEAN (default ${DEFAULT-VALUE})")
  Similarity similarity;

  @Option(names = "--batch", defaultValue = "10000", description = "Embeddings per bulk load (default ${DEFAULT-VALUE})")
  int batch;

  /** Creates the command. */
  public StoreJob() {}

  @Override
  public Integer call() throws Exception {
    SparkSession spark = session("store");
    try {
      Dataset<Row> table = spark.read().parquet(vectors);
      List<Row> first = table.select("vector").limit(1).collectAsList();
      if (first.isEmpty()) {
        throw new IllegalArgumentException("embedding table " + vectors + " has no rows");
      }
      int dimension = first.get(0).getList(0).size();
      long n;
      int size;
      try (LuceneEmbeddingStore s = LuceneEmbeddingStore.open(
          LuceneEmbeddingStoreConfig.inMemory(dimension, similarity).withPath(store))) {
        n = EmbeddingTables.importInto(table, s, modelVersion, batch);
        size = s.size();
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("imported", n);
      o.put("storeSize", size);
      o.put("dimension", dimension);
      o.put("modelVersion", modelVersion);
      o.put("store", store.toString());
      printJson(spec.commandLine().getOut(), o);
      return 0;
    } finally {
      finish(spark);
    }
  }
}
