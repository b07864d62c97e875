package dev.recsys.quality;

import dev.recsys.core.util.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a harness run. Use {@link #of} for the sizes of a profile.
 *
 * @param profile the profile the sizes come from
 * @param seed seed of every random component (worlds, splits, models, bootstraps)
 * @param dataDir folder of the real data sets ({@code spotify-songs-tidytuesday/spotify_songs.csv},
 *     {@code movielens-latest-small/}); used by the full profile only
 * @param tracks tracks of the synthetic world, in [200, 1000000]
 * @param listeners listeners of the synthetic world, in [20, 100000]
 * @param autoencoderEpochs maximum autoencoder epochs, in [1, 10000]
 * @param neighbours neighbours per track in the neighbourhood quality, in [1, 1000]
 * @param replicates independent seeds of the shuffle and choice-recovery simulations, in [2, 100]
 * @param choiceSessions simulated sessions per recovery fit, in [10, 1000000]
 * @param shuffleSessions simulated training sessions per shuffle evaluation, in [10, 1000000]
 * @param twoTowerEpochs epochs of the two-tower recommender, in [1, 1000]
 * @param matcherEpochs epochs of the two-tower listener matcher, in [1, 1000]
 * @param gatEpochs epochs of the graph attention network, in [1, 1000]
 * @param bootstrap bootstrap resamples of every interval, in [100, 100000]
 */
public record QualityConfig(QualityProfile profile, long seed, Path dataDir, int tracks, int listeners,
    int autoencoderEpochs, int neighbours, int replicates, int choiceSessions, int shuffleSessions, int twoTowerEpochs,
    int matcherEpochs, int gatEpochs, int bootstrap) {

  /** Validates the fields. */
  public QualityConfig {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(dataDir, "dataDir");
    Checks.inRange("tracks", tracks, 200, 1_000_000);
    Checks.inRange("listeners", listeners, 20, 100_000);
    Checks.inRange("autoencoderEpochs", autoencoderEpochs, 1, 10_000);
    Checks.inRange("neighbours", neighbours, 1, 1000);
    Checks.inRange("replicates", replicates, 2, 100);
    Checks.inRange("choiceSessions", choiceSessions, 10, 1_000_000);
    Checks.inRange("shuffleSessions", shuffleSessions, 10, 1_000_000);
    Checks.inRange("twoTowerEpochs", twoTowerEpochs, 1, 1000);
    Checks.inRange("matcherEpochs", matcherEpochs, 1, 1000);
    Checks.inRange("gatEpochs", gatEpochs, 1, 1000);
    Checks.inRange("bootstrap", bootstrap, 100, 100_000);
  }

  /**
   * The sizes of a profile.
   *
   * <ul>
   *   <li>{@code TINY}: 400 tracks, 60 listeners, 2 replicates, one epoch each; for tests.
   *   <li>{@code QUICK}: 3,000 tracks, 600 listeners, 5 replicates of 300 recovery sessions (12,000 choices).
   *   <li>{@code FULL}: 10,000 tracks, 1,500 listeners, 8 replicates of 500 recovery sessions (20,000 choices),
   *       more epochs, and the real data sets under {@code dataDir}.
   * </ul>
   */
  public static QualityConfig of(QualityProfile profile, long seed, Path dataDir) {
    return switch (profile) {
      case TINY -> new QualityConfig(profile, seed, dataDir, 400, 60, 3, 10, 2, 20, 20, 1, 1, 1, 200);
      case QUICK -> new QualityConfig(profile, seed, dataDir, 3000, 600, 30, 10, 5, 300, 150, 3, 5, 3, 1000);
      case FULL -> new QualityConfig(profile, seed, dataDir, 10_000, 1500, 60, 10, 8, 500, 250, 5, 10, 4, 1000);
    };
  }
}
