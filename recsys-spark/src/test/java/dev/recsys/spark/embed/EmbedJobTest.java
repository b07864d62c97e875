package dev.recsys.spark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.spark.SharedSpark;
import dev.recsys.spark.SparkJobs;
import dev.recsys.spark.io.DatasetReader;
import dev.recsys.spark.io.TrackRows;
import dev.recsys.spark.io.VectorTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedJobTest {
  @TempDir
  Path dir;

  static Catalog catalog(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Track> tracks = new ArrayList<>();
    String[] genres = {"rock", "pop", "jazz", "edm", "rap"};
    for (int i = 0; i < n; i++) {
      AudioFeatures.Builder a = AudioFeatures.builder();
      for (AudioFeature f : AudioFeature.values()) {
        if (rnd.nextDouble() < 0.95) { // some missing values, imputed by the pipeline
          a.set(f, f.isCategorical() ? Math.floor(f.min() + rnd.nextDouble() * (f.max() - f.min() + 1) - 1e-9)
              : f.min() + rnd.nextDouble() * (f.max() - f.min()));
        }
      }
      Track.Builder b = Track.builder(String.format("t%05d", i)).title("Song " + i)
          .artists(List.of(ArtistRef.named("Artist " + (i % 40))))
          .genres(List.of(genres[i % 5], genres[(i / 5) % 5]))
          .audio(a.build());
      if (i % 7 != 0) {
        b.releaseDate(new ReleaseDate(1970 + rnd.nextInt(50), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)));
        b.durationMs(60_000 + rnd.nextInt(300_000));
        b.popularity(rnd.nextInt(101));
        b.explicit(rnd.nextBoolean());
      }
      tracks.add(b.build());
    }
    return Catalog.of(tracks);
  }

  @Test
  void executorsEmbedEveryTrackAsTheSingleMachineModelDoes() throws Exception {
    Catalog catalog = catalog(900, 3);
    FittedFeatures features = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog);
    FeatureMatrix x = features.transform(catalog);
    @SuppressWarnings("unchecked")
    EmbedderPlugin<NoConfig> plugin = (EmbedderPlugin<NoConfig>) PluginRegistry.load(EmbedderPlugin.class).get(ProjectionEmbedderPlugin.NAME);
    EmbeddingModel model = plugin.create(NoConfig.INSTANCE).fit(x, null);
    FeatureMatrix expected = model.embedAll(x);
    Path featuresFile = dir.resolve("features.rsm");
    Path embedderFile = dir.resolve("embedder.rsm");
    features.save(featuresFile);
    model.save(embedderFile);

    List<Row> rows = new ArrayList<>();
    for (Track t : catalog.tracks()) {
      rows.add(TrackRows.toRow(t));
      // the way back keeps every field the features read
      assertArrayEquals(features.transform(t), features.transform(TrackRows.toTrack(TrackRows.toRow(t))), t.id());
    }
    Dataset<Row> table = SharedSpark.get().createDataFrame(rows, DatasetReader.TRACKS).repartition(3);
    Dataset<Row> vectors = EmbedJob.embed(SharedSpark.get(), table, featuresFile, embedderFile, 64);
    TrackVectors got = VectorTables.toTrackVectors(vectors);
    assertEquals(catalog.size(), got.size());
    assertEquals(model.dimension(), got.dimension());
    for (int i = 0; i < got.size(); i++) {
      int row = catalog.indexOf(got.ids().get(i));
      assertArrayEquals(expected.row(row), got.vector(i), got.ids().get(i));
    }

    // the command-line job on a model directory, down to the single-machine vector file
    ModelDirectory modelDir = new ModelDirectory(dir.resolve("model"));
    java.nio.file.Files.createDirectories(modelDir.root());
    features.save(modelDir.features());
    model.save(modelDir.embedder());
    String tracksTable = dir.resolve("tracks").toString();
    table.write().parquet(tracksTable);
    Path file = dir.resolve("track-vectors.rsm");
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int status = SparkJobs.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "embed", "--model", modelDir.root().toString(),
        "--tracks", tracksTable, "--out", dir.resolve("vectors").toString(), "--out-file", file.toString());
    assertEquals(0, status, err.toString());
    TrackVectors saved = TrackVectors.load(file);
    assertEquals(got, saved);
  }
}
