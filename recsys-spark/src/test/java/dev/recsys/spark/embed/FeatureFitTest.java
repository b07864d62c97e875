package dev.recsys.spark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FitReport;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.retrieval.LuceneEmbeddingStore;
import dev.recsys.core.retrieval.LuceneEmbeddingStoreConfig;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.StoredEmbedding;
import dev.recsys.spark.SharedSpark;
import dev.recsys.spark.SparkJobs;
import dev.recsys.spark.io.DatasetReader;
import dev.recsys.spark.io.EmbeddingTables;
import dev.recsys.spark.io.TrackRows;
import dev.recsys.spark.io.VectorTables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFitTest {
  private static final double TOLERANCE = 1e-6;

  @TempDir
  Path dir;

  static Dataset<Row> table(Catalog catalog, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (Track t : catalog.tracks()) {
      rows.add(TrackRows.toRow(t));
    }
    // range partitions by id keep the catalogue order (ids ascend in it) across partitions: the fingerprint hashes
    // the ids in table order
    return SharedSpark.get().createDataFrame(rows, DatasetReader.TRACKS)
        .repartitionByRange(partitions, org.apache.spark.sql.functions.col("id")).sortWithinPartitions("id");
  }

  static void assertSameFit(FittedFeatures expected, FittedFeatures got) {
    FitReport e = expected.report();
    FitReport g = got.report();
    assertEquals(expected.columns(), got.columns(), "columns and vocabularies");
    assertEquals(expected.dataFingerprint(), got.dataFingerprint());
    assertEquals(e.rows(), g.rows());
    assertEquals(e.referenceYear(), g.referenceYear());
    assertEquals(e.keyMissing(), g.keyMissing());
    assertEquals(e.modeMissing(), g.modeMissing());
    assertEquals(e.timeSignatureMissing(), g.timeSignatureMissing());
    assertEquals(e.moodMissing(), g.moodMissing());
    assertEquals(e.genresKept(), g.genresKept());
    assertEquals(e.genresDropped(), g.genresDropped());
    assertEquals(e.tracksWithoutKeptGenre(), g.tracksWithoutKeptGenre());
    assertEquals(e.numeric().size(), g.numeric().size());
    for (int k = 0; k < e.numeric().size(); k++) {
      FitReport.NumericColumn a = e.numeric().get(k);
      FitReport.NumericColumn b = g.numeric().get(k);
      assertEquals(a.name(), b.name());
      assertEquals(a.missing(), b.missing(), a.name());
      assertEquals(a.fill(), b.fill(), TOLERANCE * Math.max(1, Math.abs(a.fill())), a.name() + " fill");
      assertEquals(a.mean(), b.mean(), TOLERANCE * Math.max(1, Math.abs(a.mean())), a.name() + " mean");
      assertEquals(a.sd(), b.sd(), TOLERANCE * Math.max(1, Math.abs(a.sd())), a.name() + " sd");
    }
  }

  @Test
  void distributedFitHasTheSingleMachineStatisticsAndTransform() throws Exception {
    // an odd and an even track count (the median's two cases), both imputations, with and without TF-IDF genres
    for (int n : new int[] {1201, 800}) {
      Catalog catalog = EmbedJobTest.catalog(n, n);
      Dataset<Row> table = table(catalog, 4);
      for (FeatureConfig config : List.of(FeatureConfig.audioAndMetadata(), FeatureConfig.defaults(),
          FeatureConfig.defaults().toBuilder().imputation(FeatureConfig.Imputation.MEAN).minGenreCount(200).build())) {
        FittedFeatures single = new FeaturePipeline(config).fit(catalog);
        FittedFeatures spark = FeatureFit.fit(SharedSpark.get(), table, config);
        assertSameFit(single, spark);
        assertTrue(single.report().imputedValues() > 0, "the generated tracks have missing values");

        // the transform on the executors, with either fit: the single-machine rows
        FeatureMatrix expected = single.transform(catalog);
        List<Row> rows = FeatureFit.transform(SharedSpark.get(), table, spark, 100).collectAsList();
        assertEquals(catalog.size(), rows.size());
        for (Row r : rows) {
          int i = catalog.indexOf(r.getString(0));
          List<Object> v = r.getList(1);
          float[] want = expected.row(i);
          for (int c = 0; c < want.length; c++) {
            assertEquals(want[c], ((Float) v.get(c)), 1e-5, r.getString(0) + " column " + single.columns().get(c));
          }
        }
        for (Row r : FeatureFit.transform(SharedSpark.get(), table, single, 64).collectAsList()) {
          float[] got = new float[r.getList(1).size()];
          for (int c = 0; c < got.length; c++) {
            got[c] = r.<Float>getList(1).get(c);
          }
          assertArrayEquals(expected.row(catalog.indexOf(r.getString(0))), got, r.getString(0));
        }
      }
    }
  }

  @Test
  void anEmptyTableIsRefusedAsOnOneMachine() {
    Catalog catalog = EmbedJobTest.catalog(10, 9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureFit.fit(SharedSpark.get(), table(catalog, 2).limit(0), FeatureConfig.defaults()));
    assertEquals("cannot fit features on 0 tracks", e.getMessage());
  }

  @Test
  void featuresJobWritesThePipelineAndTheStoreImportsTheTable() throws Exception {
    Catalog catalog = EmbedJobTest.catalog(500, 4);
    String tracks = dir.resolve("tracks").toString();
    table(catalog, 3).write().parquet(tracks);
    Path model = dir.resolve("features.rsm");
    String features = dir.resolve("features").toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = SparkJobs.run(new PrintWriter(out), new PrintWriter(err), "features", "--tracks", tracks,
        "--out-model", model.toString(), "--out", features);
    assertEquals(0, status, err.toString());
    FittedFeatures single = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog);
    FittedFeatures loaded = FittedFeatures.load(model);
    assertEquals(single.columns(), loaded.columns());
    assertArrayEquals(single.transform(catalog.get(3)), loaded.transform(catalog.get(3)), 1e-5f);

    // the table into the single-machine store, through the job and through the API
    Path storeDir = dir.resolve("store");
    status = SparkJobs.run(new PrintWriter(out), new PrintWriter(err), "store", "--vectors", features,
        "--store", storeDir.toString(), "--model-version", "features-v1");
    assertEquals(0, status, err.toString());
    TrackVectors table = VectorTables.toTrackVectors(SharedSpark.get().read().parquet(features));
    try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(
        LuceneEmbeddingStoreConfig.inMemory(table.dimension(), Similarity.COSINE).withPath(storeDir))) {
      assertEquals(catalog.size(), store.size());
      for (int i = 0; i < table.size(); i += 37) {
        StoredEmbedding e = store.get(table.ids().get(i)).orElseThrow();
        assertArrayEquals(table.vector(i), e.vector(), table.ids().get(i));
        assertEquals("features-v1", e.modelVersion());
      }
    }
    try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(LuceneEmbeddingStoreConfig.inMemory(2, Similarity.COSINE))) {
      Dataset<Row> bad = SharedSpark.get().createDataFrame(List.of(
          RowFactory.create("a", new Float[] {1f, 2f}), RowFactory.create("b", new Float[] {1f, 2f, 3f})), EmbedJob.VECTORS);
      IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
          () -> EmbeddingTables.importInto(bad, store, "v", 10));
      assertTrue(ex.getMessage().contains("row 2") && ex.getMessage().contains("'b'") && ex.getMessage().contains("vector"),
          ex.getMessage());
    }
  }
}
