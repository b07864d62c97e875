package dev.recsys.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturePipelineTest {
  private static final Catalog WORLD = SyntheticWorld.generate(
      SynthConfig.builder().seed(21).tracks(3000).listeners(0).missingRate(0.1).build()).catalog();

  private static final java.util.Map<FeatureConfig, FittedFeatures> FITTED = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<FeatureConfig, FeatureMatrix> MATRICES = new java.util.concurrent.ConcurrentHashMap<>();

  @Property(tries = 30)
  void countsMergedFromAnySplitEqualTheCountsOfAllTracks(@ForAll @IntRange(min = 0, max = 3000) int cut) {
    TrackCounts all = new TrackCounts();
    TrackCounts left = new TrackCounts();
    TrackCounts right = new TrackCounts();
    for (int i = 0; i < WORLD.size(); i++) {
      all.add(WORLD.get(i));
      (i < cut ? left : right).add(WORLD.get(i));
    }
    TrackCounts merged = right.merge(left);
    assertEquals(WORLD.size(), all.rows());
    assertEquals(all.rows(), merged.rows());
    assertEquals(all.referenceYear(), merged.referenceYear());
    assertEquals(all.keyMissing(), merged.keyMissing());
    assertEquals(all.modeMissing(), merged.modeMissing());
    assertEquals(all.timeSignatureMissing(), merged.timeSignatureMissing());
    assertEquals(all.moodMissing(), merged.moodMissing());
    assertArrayEquals(all.meters(), merged.meters());
    assertEquals(all.documentFrequency(), merged.documentFrequency());
    assertTrue(all.keyMissing() + all.modeMissing() + all.timeSignatureMissing() + all.moodMissing() > 0,
        "the world has missing values (missingRate 0.1)");
    assertTrue(all.documentFrequency().size() > 1);
  }

  @Property(tries = 60)
  void singleTrackRowIsBitIdenticalToTheBatchRow(@ForAll @IntRange(min = 0, max = 2999) int i,
      @ForAll boolean tfidf, @ForAll boolean mean) {
    FeatureConfig c = FeatureConfig.builder()
        .genreWeighting(tfidf ? FeatureConfig.GenreWeighting.TF_IDF : FeatureConfig.GenreWeighting.BINARY)
        .imputation(mean ? FeatureConfig.Imputation.MEAN : FeatureConfig.Imputation.MEDIAN).build();
    FittedFeatures f = FITTED.computeIfAbsent(c, k -> new FeaturePipeline(k).fit(WORLD));
    FeatureMatrix m = MATRICES.computeIfAbsent(c, k -> f.transform(WORLD));
    float[] single = f.transform(WORLD.get(i));
    assertArrayEquals(m.row(i), single);
    for (int j = 0; j < single.length; j++) {
      assertEquals(Float.floatToRawIntBits(m.get(i, j)), Float.floatToRawIntBits(single[j]));
    }
  }

  @Test
  void standardisedColumnsHaveZeroMeanUnitVariance() {
    FittedFeatures f = new FeaturePipeline(FeatureConfig.defaults()).fit(WORLD);
    FeatureMatrix m = f.transform(WORLD);
    int numeric = f.report().numeric().size();
    assertEquals(FeatureConfig.CONTINUOUS_AUDIO.size() + 4, numeric);
    for (int j = 0; j < numeric; j++) {
      double s = 0;
      double ss = 0;
      for (int i = 0; i < m.rows(); i++) {
        s += m.get(i, j);
        ss += (double) m.get(i, j) * m.get(i, j);
      }
      double mu = s / m.rows();
      assertEquals(0, mu, 1e-4, m.columns().get(j));
      assertEquals(1, ss / m.rows() - mu * mu, 1e-3, m.columns().get(j));
    }
    assertTrue(f.report().imputedValues() > 100, "missing values were imputed: " + f.report());
  }

  @Test
  void columnsAndBlocks() {
    FittedFeatures f = new FeaturePipeline(FeatureConfig.defaults()).fit(WORLD);
    List<String> cols = f.columns();
    assertTrue(cols.containsAll(List.of("energy", "tempo_octave", "years_since_release", "log_duration", "popularity",
        "key=0", "key=11", "mode=minor", "mode=major", "time_signature=4", "mood=happy_energetic", "mood=calm")));
    assertEquals(42, f.genres().size());
    assertEquals(cols.size(), f.dimension());
    FeatureMatrix m = f.transform(WORLD);
    int keyAt = cols.indexOf("key=0");
    int genreAt = cols.indexOf("genre=" + f.genres().get(0));
    for (int i = 0; i < 200; i++) {
      Track t = WORLD.get(i);
      float keySum = 0;
      for (int k = 0; k < 12; k++) {
        keySum += m.get(i, keyAt + k);
      }
      assertEquals(t.audio().isPresent(AudioFeature.KEY) ? 1f : 0f, keySum);
      double norm = 0;
      for (int g = 0; g < f.genres().size(); g++) {
        norm += (double) m.get(i, genreAt + g) * m.get(i, genreAt + g);
      }
      assertEquals(1.0, norm, 1e-5, "TF-IDF genre block has unit length");
    }
  }

  @Test
  void audioAndMetadataModeHasNoGenreColumns() {
    FittedFeatures f = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(WORLD);
    assertTrue(f.columns().stream().noneMatch(c -> c.startsWith("genre=")));
    assertTrue(f.columns().contains("energy"));
    assertEquals(0, f.report().genresKept());
  }

  @Property(tries = 200)
  void tempoFoldsIntoOneOctave(@ForAll @DoubleRange(min = 1, max = 300) double bpm) {
    double t = FeaturePipeline.foldTempo(bpm);
    assertTrue(t >= 80 && t < 160, bpm + " -> " + t);
    double ratio = Math.log(t / bpm) / Math.log(2);
    assertEquals(Math.rint(ratio), ratio, 1e-9);
  }

  @Test
  void missingValuesAreImputedAndCounted() {
    Track full = Track.builder("a").audio(AudioFeatures.builder().set(AudioFeature.ENERGY, 0.2).set(AudioFeature.VALENCE, 0.9)
        .build()).releaseDate(ReleaseDate.ofYear(2000)).durationMs(200_000).popularity(10).genres(List.of("x")).build();
    Track other = Track.builder("b").audio(AudioFeatures.builder().set(AudioFeature.ENERGY, 0.6).build())
        .releaseDate(ReleaseDate.ofYear(2010)).durationMs(100_000).popularity(30).genres(List.of("y")).build();
    Track third = Track.builder("c").audio(AudioFeatures.builder().set(AudioFeature.ENERGY, 0.7).build())
        .durationMs(100_000).genres(List.of("x", "unknown-later")).build();
    FeatureConfig c = FeatureConfig.builder().audioFeatures(List.of("energy", "valence")).standardize(false)
        .imputation(FeatureConfig.Imputation.MEDIAN).minGenreCount(2).build();
    FittedFeatures f = new FeaturePipeline(c).fit(List.of(full, other, third));
    FitReport r = f.report();
    assertEquals(2, r.numeric().get(1).missing()); // valence
    assertEquals(0.9, r.numeric().get(1).fill());
    assertEquals(1, r.numeric().stream().filter(n -> n.name().equals("popularity")).findFirst().orElseThrow().missing());
    assertEquals(2011, r.referenceYear());
    assertEquals(List.of("x"), f.genres());
    assertEquals(2, r.genresDropped());
    float[] row = f.transform(other);
    assertEquals(0.6f, row[0]);
    assertEquals(0.9f, row[1]); // imputed median of the one present value
    assertEquals(0f, row[f.columns().indexOf("genre=x")]);
    // unseen genre at inference: block stays zero
    Track unseen = Track.builder("z").genres(List.of("never")).build();
    assertEquals(0f, f.transform(unseen)[f.columns().indexOf("genre=x")]);
  }

  @Test
  void saveLoadRoundTripGivesIdenticalRows(@TempDir Path dir) throws Exception {
    FittedFeatures f = new FeaturePipeline(FeatureConfig.builder().minGenreCount(50).build()).fit(WORLD);
    Path file = dir.resolve("features.model");
    f.save(file);
    FittedFeatures g = FittedFeatures.load(file);
    assertEquals(f.columns(), g.columns());
    assertEquals(f.config(), g.config());
    assertEquals(f.dataFingerprint(), g.dataFingerprint());
    assertTrue(f.dataFingerprint().startsWith("sha256:"));
    assertEquals(f.transform(WORLD), g.transform(WORLD));
    ModelContainer c = ModelContainer.readFrom(file);
    assertEquals(FittedFeatures.PROVIDER, c.provider());
    ModelContainer newer = new ModelContainer(c.provider(), FittedFeatures.FORMAT_VERSION + 1, c.configJson(),
        c.provenance(), c.payload());
    var e = assertThrows(ModelFormatException.class, () -> FittedFeatures.fromContainer(newer, "x"));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
    ModelContainer other = new ModelContainer("pca", 1, c.configJson(), c.provenance(), c.payload());
    assertThrows(ModelFormatException.class, () -> FittedFeatures.fromContainer(other, "x"));
    byte[] cut = java.util.Arrays.copyOf(c.payload(), c.payload().length - 5);
    ModelContainer truncated = new ModelContainer(c.provider(), 1, c.configJson(), Provenance.now(0, "x"), cut);
    assertThrows(ModelFormatException.class, () -> FittedFeatures.fromContainer(truncated, "x"));
  }

  @Test
  void configRejectsCategoricalAudioColumnsAndEmptySelections() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.builder().audioFeatures(List.of("key")).build());
    assertTrue(e.getMessage().contains("categorical"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureConfig.builder().audioFeatures(List.of("bpm")).build());
    assertThrows(IllegalArgumentException.class, () -> FeatureConfig.builder().audioFeatures(List.of()).keyOneHot(false)
        .modeOneHot(false).timeSignatureOneHot(false).moodQuadrant(false).tempoOctave(false).recency(false)
        .duration(false).popularity(false).genres(false).build());
    assertThrows(IllegalArgumentException.class, () -> new FeaturePipeline(FeatureConfig.defaults()).fit(List.of()));
  }
}
