package dev.recsys.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads a feature pipeline saved by format version 1 (a golden file under test resources): the format must stay
 * readable. A new format version adds a new golden file next to it; this one stays.
 */
class FeatureGoldenFileTest {
  static List<Track> tracks() {
    return List.of(
        Track.builder("a").audio(AudioFeatures.of(0.5, 0.8, 4, -6, 1, 0.05, 0.1, 0, 0.2, 0.7, 120, 4))
            .releaseDate(ReleaseDate.ofYear(2001)).durationMs(200_000).popularity(40).genres(List.of("rock")).build(),
        Track.builder("b").audio(AudioFeatures.of(0.7, 0.3, 9, -12, 0, 0.2, 0.8, 0.9, 0.1, 0.2, 70, 3))
            .releaseDate(ReleaseDate.parse("2019-05")).durationMs(300_000).genres(List.of("jazz", "rock")).build(),
        Track.builder("c").audio(AudioFeatures.builder().set(AudioFeature.ENERGY, 0.6).set(AudioFeature.TEMPO, 170)
            .build()).popularity(80).genres(List.of("pop")).build());
  }

  static FittedFeatures fit() {
    return new FeaturePipeline(FeatureConfig.builder().minGenreCount(1).build()).fit(tracks());
  }

  @Test
  void goldenVersion1FileLoadsAndTransformsLikeAFreshFit() throws Exception {
    ModelContainer c;
    try (InputStream in = getClass().getResourceAsStream("feature-pipeline-v1.model")) {
      c = ModelContainer.read(in, "feature-pipeline-v1.model");
    }
    assertEquals(1, c.payloadVersion());
    FittedFeatures golden = FittedFeatures.fromContainer(c, "golden");
    FittedFeatures fresh = fit();
    assertEquals(fresh.columns(), golden.columns());
    for (Track t : tracks()) {
      assertArrayEquals(fresh.transform(t), golden.transform(t));
    }
  }
}
