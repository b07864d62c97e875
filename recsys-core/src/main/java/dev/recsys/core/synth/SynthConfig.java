package dev.recsys.core.synth;

import dev.recsys.core.util.Checks;

/**
 * Parameters of the synthetic world. Immutable; validated in the constructor. The same configuration (seed
 * included) always yields the same world, whatever {@code threads} is.
 *
 * @param seed the random seed of everything
 * @param tracks number of tracks, 1 to 50,000,000
 * @param listeners number of listeners, 0 to 10,000,000
 * @param genres number of genres used, the first ones of {@link GenreProfile#builtIn()}, 2 to 42 (default 42)
 * @param meanTracksPerArtist mean catalogue size of an artist (lognormal spread), 1 to 1000 (default 12)
 * @param artistStyleSpread standard deviation of an artist's style offset around its genre mean, in logit
 *     units of each audio feature, 0 to 3 (default 0.35)
 * @param trackSpread standard deviation of a track around its artist, in logit units, 0 to 3 (default 0.45)
 * @param featuredArtistShare share of tracks crediting a second artist of the same genre, 0 to 1 (default 0.08)
 * @param missingRate share of tracks with one audio feature missing, 0 to 0.5 (default 0: exported files stay
 *     complete)
 * @param meanSessionsPerListener mean number of listening sessions per listener (Poisson around a lognormal
 *     activity level), 0 to 10,000 (default 12)
 * @param meanSessionLength mean plays per session (geometric), 1 to 1000 (default 10)
 * @param meanPlaylistsPerListener mean playlists a listener builds (Poisson), 0 to 100 (default 0.5)
 * @param meanPlaylistSize median playlist length (lognormal, clamped to [5, 250]), 5 to 250 (default 30)
 * @param startEpochSecond first second of the listening period (default 2024-01-01T00:00:00Z)
 * @param days length of the listening period in days, 1 to 3650 (default 90)
 * @param explorerShare relative share of {@link BehaviourType#EXPLORER} listeners, >= 0 (default 0.15)
 * @param loyalistShare relative share of {@link BehaviourType#LOYALIST} listeners, >= 0 (default 0.25)
 * @param genreHopperShare relative share of {@link BehaviourType#GENRE_HOPPER} listeners, >= 0 (default 0.15)
 * @param mainstreamShare relative share of {@link BehaviourType#MAINSTREAM} listeners, >= 0 (default 0.30)
 * @param nicheShare relative share of {@link BehaviourType#NICHE} listeners, >= 0 (default 0.15); the five
 *     shares must not all be 0
 * @param threads worker threads, 0 meaning all available processors, 0 to 256 (default 0); never changes
 *     the result
 */
public record SynthConfig(
    long seed,
    int tracks,
    int listeners,
    int genres,
    double meanTracksPerArtist,
    double artistStyleSpread,
    double trackSpread,
    double featuredArtistShare,
    double missingRate,
    double meanSessionsPerListener,
    double meanSessionLength,
    double meanPlaylistsPerListener,
    double meanPlaylistSize,
    long startEpochSecond,
    int days,
    double explorerShare,
    double loyalistShare,
    double genreHopperShare,
    double mainstreamShare,
    double nicheShare,
    int threads) {

  /** Validates every field. */
  public SynthConfig {
    Checks.inRange("tracks", tracks, 1, 50_000_000);
    Checks.inRange("listeners", listeners, 0, 10_000_000);
    Checks.inRange("genres", genres, 2, GenreProfile.builtIn().size());
    Checks.inRange("meanTracksPerArtist", meanTracksPerArtist, 1, 1000);
    Checks.inRange("artistStyleSpread", artistStyleSpread, 0, 3);
    Checks.inRange("trackSpread", trackSpread, 0, 3);
    Checks.inRange("featuredArtistShare", featuredArtistShare, 0, 1);
    Checks.inRange("missingRate", missingRate, 0, 0.5);
    Checks.inRange("meanSessionsPerListener", meanSessionsPerListener, 0, 10_000);
    Checks.inRange("meanSessionLength", meanSessionLength, 1, 1000);
    Checks.inRange("meanPlaylistsPerListener", meanPlaylistsPerListener, 0, 100);
    Checks.inRange("meanPlaylistSize", meanPlaylistSize, 5, 250);
    Checks.inRange("startEpochSecond", startEpochSecond, 0, 32_503_680_000L);
    Checks.inRange("days", days, 1, 3650);
    Checks.inRange("explorerShare", explorerShare, 0, 1e6);
    Checks.inRange("loyalistShare", loyalistShare, 0, 1e6);
    Checks.inRange("genreHopperShare", genreHopperShare, 0, 1e6);
    Checks.inRange("mainstreamShare", mainstreamShare, 0, 1e6);
    Checks.inRange("nicheShare", nicheShare, 0, 1e6);
    if (explorerShare + loyalistShare + genreHopperShare + mainstreamShare + nicheShare <= 0) {
      throw new IllegalArgumentException("behaviour shares must not all be 0");
    }
    Checks.inRange("threads", threads, 0, 256);
  }

  /**
   * The default world: 10,000 tracks, 500 listeners, seed 42.
   *
   * @return the default world
   */
  public static SynthConfig defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.tracks = tracks;
    b.listeners = listeners;
    b.genres = genres;
    b.meanTracksPerArtist = meanTracksPerArtist;
    b.artistStyleSpread = artistStyleSpread;
    b.trackSpread = trackSpread;
    b.featuredArtistShare = featuredArtistShare;
    b.missingRate = missingRate;
    b.meanSessionsPerListener = meanSessionsPerListener;
    b.meanSessionLength = meanSessionLength;
    b.meanPlaylistsPerListener = meanPlaylistsPerListener;
    b.meanPlaylistSize = meanPlaylistSize;
    b.startEpochSecond = startEpochSecond;
    b.days = days;
    b.explorerShare = explorerShare;
    b.loyalistShare = loyalistShare;
    b.genreHopperShare = genreHopperShare;
    b.mainstreamShare = mainstreamShare;
    b.nicheShare = nicheShare;
    b.threads = threads;
    return b;
  }

  /**
   * The relative share of a behaviour type.
   *
   * @param type the type
   * @return the relative share of a behaviour type
   */
  public double share(BehaviourType type) {
    return switch (type) {
      case EXPLORER -> explorerShare;
      case LOYALIST -> loyalistShare;
      case GENRE_HOPPER -> genreHopperShare;
      case MAINSTREAM -> mainstreamShare;
      case NICHE -> nicheShare;
    };
  }

  /**
   * The worker threads to use ({@code threads}, or the available processors when 0).
   *
   * @return the worker threads to use ({@code threads}, or the available processors when 0)
   */
  public int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** Mutable builder of {@link SynthConfig}; not thread-safe. Starts from the documented defaults. */
  public static final class Builder {
    private long seed = 42;
    private int tracks = 10_000;
    private int listeners = 500;
    private int genres = GenreProfile.builtIn().size();
    private double meanTracksPerArtist = 12;
    private double artistStyleSpread = 0.35;
    private double trackSpread = 0.45;
    private double featuredArtistShare = 0.08;
    private double missingRate = 0;
    private double meanSessionsPerListener = 12;
    private double meanSessionLength = 10;
    private double meanPlaylistsPerListener = 0.5;
    private double meanPlaylistSize = 30;
    private long startEpochSecond = 1_704_067_200L;
    private int days = 90;
    private double explorerShare = 0.15;
    private double loyalistShare = 0.25;
    private double genreHopperShare = 0.15;
    private double mainstreamShare = 0.30;
    private double nicheShare = 0.15;
    private int threads = 0;

    private Builder() {}

    /**
     * See {@link SynthConfig#seed()}.
     *
     * @param v the value of {@link SynthConfig#seed()}
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * See {@link SynthConfig#tracks()}.
     *
     * @param v the value of {@link SynthConfig#tracks()}
     * @return this builder
     */
    public Builder tracks(int v) {
      tracks = v;
      return this;
    }

    /**
     * See {@link SynthConfig#listeners()}.
     *
     * @param v the value of {@link SynthConfig#listeners()}
     * @return this builder
     */
    public Builder listeners(int v) {
      listeners = v;
      return this;
    }

    /**
     * See {@link SynthConfig#genres()}.
     *
     * @param v the value of {@link SynthConfig#genres()}
     * @return this builder
     */
    public Builder genres(int v) {
      genres = v;
      return this;
    }

    /**
     * See {@link SynthConfig#meanTracksPerArtist()}.
     *
     * @param v the value of {@link SynthConfig#meanTracksPerArtist()}
     * @return this builder
     */
    public Builder meanTracksPerArtist(double v) {
      meanTracksPerArtist = v;
      return this;
    }

    /**
     * See {@link SynthConfig#artistStyleSpread()}.
     *
     * @param v the value of {@link SynthConfig#artistStyleSpread()}
     * @return this builder
     */
    public Builder artistStyleSpread(double v) {
      artistStyleSpread = v;
      return this;
    }

    /**
     * See {@link SynthConfig#trackSpread()}.
     *
     * @param v the value of {@link SynthConfig#trackSpread()}
     * @return this builder
     */
    public Builder trackSpread(double v) {
      trackSpread = v;
      return this;
    }

    /**
     * See {@link SynthConfig#featuredArtistShare()}.
     *
     * @param v the value of {@link SynthConfig#featuredArtistShare()}
     * @return this builder
     */
    public Builder featuredArtistShare(double v) {
      featuredArtistShare = v;
      return this;
    }

    /**
     * See {@link SynthConfig#missingRate()}.
     *
     * @param v the value of {@link SynthConfig#missingRate()}
     * @return this builder
     */
    public Builder missingRate(double v) {
      missingRate = v;
      return this;
    }

    /**
     * See {@link SynthConfig#meanSessionsPerListener()}.
     *
     * @param v the value of {@link SynthConfig#meanSessionsPerListener()}
     * @return this builder
     */
    public Builder meanSessionsPerListener(double v) {
      meanSessionsPerListener = v;
      return this;
    }

    /**
     * See {@link SynthConfig#meanSessionLength()}.
     *
     * @param v the value of {@link SynthConfig#meanSessionLength()}
     * @return this builder
     */
    public Builder meanSessionLength(double v) {
      meanSessionLength = v;
      return this;
    }

    /**
     * See {@link SynthConfig#meanPlaylistsPerListener()}.
     *
     * @param v the value of {@link SynthConfig#meanPlaylistsPerListener()}
     * @return this builder
     */
    public Builder meanPlaylistsPerListener(double v) {
      meanPlaylistsPerListener = v;
      return this;
    }

    /**
     * See {@link SynthConfig#meanPlaylistSize()}.
     *
     * @param v the value of {@link SynthConfig#meanPlaylistSize()}
     * @return this builder
     */
    public Builder meanPlaylistSize(double v) {
      meanPlaylistSize = v;
      return this;
    }

    /**
     * See {@link SynthConfig#startEpochSecond()}.
     *
     * @param v the value of {@link SynthConfig#startEpochSecond()}
     * @return this builder
     */
    public Builder startEpochSecond(long v) {
      startEpochSecond = v;
      return this;
    }

    /**
     * See {@link SynthConfig#days()}.
     *
     * @param v the value of {@link SynthConfig#days()}
     * @return this builder
     */
    public Builder days(int v) {
      days = v;
      return this;
    }

    /**
     * Sets the relative share of one behaviour type.
     *
     * @param type the type
     * @return this builder
     * @param v the relative share
     */
    public Builder share(BehaviourType type, double v) {
      switch (type) {
        case EXPLORER -> explorerShare = v;
        case LOYALIST -> loyalistShare = v;
        case GENRE_HOPPER -> genreHopperShare = v;
        case MAINSTREAM -> mainstreamShare = v;
        case NICHE -> nicheShare = v;
      }
      return this;
    }

    /**
     * See {@link SynthConfig#threads()}.
     *
     * @param v the value of {@link SynthConfig#threads()}
     * @return this builder
     */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code SynthConfig}
     */
    public SynthConfig build() {
      return new SynthConfig(seed, tracks, listeners, genres, meanTracksPerArtist, artistStyleSpread, trackSpread,
          featuredArtistShare, missingRate, meanSessionsPerListener, meanSessionLength, meanPlaylistsPerListener,
          meanPlaylistSize, startEpochSecond, days, explorerShare, loyalistShare, genreHopperShare, mainstreamShare,
          nicheShare, threads);
    }
  }
}
