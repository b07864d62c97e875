package dev.recsys.graph.shuffle;

import java.util.Arrays;
import java.util.List;

/**
 * The built-in {@link WalkFeature}s, each a small final class with an allocation-free batch kernel. On the column
 * layout the walk uses ({@code stride == 1}) the batch kernels run on the walk's {@code WalkKernel} (Vector API
 * when available, with the same bits as plain loops); other layouts are computed one candidate at a time.
 *
 * <table>
 *   <caption>built-in features</caption>
 *   <tr><th>name</th><th>value</th></tr>
 *   <tr><td>{@value #SIMILARITY}</td><td>graph cosine weight from the current track (0 without an edge)</td></tr>
 *   <tr><td>{@value #RECENCY}</td><td>{@code 2^(-(playsAgo-1)/halfLife)}: 1 for the previous play, decaying; 0 when
 *       never played or played 64 half-lives or more ago</td></tr>
 *   <tr><td>{@value #NEVER_PLAYED}</td><td>1 when never played in the session, else 0, so never-played is distinct from
 *       played long ago</td></tr>
 *   <tr><td>{@value #SAME_ARTIST}</td><td>1 when the candidate's primary artist is the current track's</td></tr>
 *   <tr><td>{@value #ARTIST_RECENT}</td><td>1 when it is the artist of any of the last {@code historyWindow}
 *       plays</td></tr>
 *   <tr><td>{@value #KEY}</td><td>harmonic compatibility with the current track: 1 same key and mode, 0.75 relative
 *       major/minor, 0.5 adjacent on the circle of fifths (same mode), 0.25 parallel major/minor, else 0; 0 when
 *       either key is missing (with a missing mode only pitch class is compared: 1 same, 0.5 a fifth apart)</td></tr>
 *   <tr><td>{@value #TEMPO}</td><td>{@code 1 / (1 + ((bpm - currentBpm) / tempoScale)^2)}: 1 at the same tempo, 1/2
 *       at {@code tempoScale} bpm apart; 0 when either tempo is missing</td></tr>
 *   <tr><td>{@value #DIVERSITY}</td><td>1 minus the share of the last {@code historyWindow} plays in the candidate's
 *       cluster; 0 when the candidate has no cluster</td></tr>
 *   <tr><td>{@value #DRIFT}</td><td>the mood drift control: {@code min(1, run / driftDwell)} when the candidate's
 *       cluster differs from the current track's, where {@code run} is how many of the latest plays (the current one
 *       included) stayed in the current cluster; else 0. With a positive weight a session stays in a mood for about
 *       {@code driftDwell} plays, then moves to a neighbouring one, still along graph edges, so it stays coherent
 *       but travels</td></tr>
 * </table>
 */
public final class WalkFeatures {
  /** Name of the similarity feature. */
  public static final String SIMILARITY = "similarity";
  /** Name of the recency feature. */
  public static final String RECENCY = "recency";
  /** Name of the never-played indicator. */
  public static final String NEVER_PLAYED = "never-played";
  /** Name of the same-artist-as-current feature. */
  public static final String SAME_ARTIST = "same-artist";
  /** Name of the artist-among-recent-plays feature. */
  public static final String ARTIST_RECENT = "artist-recent";
  /** Name of the key compatibility feature. */
  public static final String KEY = "key";
  /** Name of the tempo continuity feature. */
  public static final String TEMPO = "tempo";
  /** Name of the diversity feature. */
  public static final String DIVERSITY = "diversity";
  /** Name of the mood drift feature (not in the default weights; set its weight to turn the drift control on). */
  public static final String DRIFT = "drift";

  private static final List<String> NAMES =
      List.of(SIMILARITY, RECENCY, NEVER_PLAYED, SAME_ARTIST, ARTIST_RECENT, KEY, TEMPO, DIVERSITY, DRIFT);

  /** Columns of {@link #KEY_TABLE}: a missing key (code -1), then the 36 {@link TrackAttributes#keyCode key codes}. */
  private static final int KEY_ROW = 37;
  /**
   * Key compatibility of every pair of key codes, 36 rows of {@link #KEY_ROW}: entry {@code a * KEY_ROW + 1 + b}
   * for codes {@code a} and {@code b}, 0 at {@code a * KEY_ROW} for a missing key {@code b = -1}.
   */
  private static final double[] KEY_TABLE = new double[36 * KEY_ROW];

  static {
    for (int a = 0; a < 36; a++) {
      for (int b = 0; b < 36; b++) {
        KEY_TABLE[a * KEY_ROW + 1 + b] = keyCompatibility(a % 12, a / 12 - 1, b % 12, b / 12 - 1);
      }
    }
  }

  private WalkFeatures() {}

  /**
   * Names of the built-in features.
   *
   * @return the names of the built-in features
   */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The built-in feature called {@code name}, parameterised by {@code config}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   * @param name the name
   * @param config the configuration
   * @return the built-in feature called {@code name}, parameterised by {@code config}
   */
  public static WalkFeature builtIn(String name, SoftmaxWalkConfig config) {
    return switch (name) {
      case SIMILARITY -> new Similarity();
      case RECENCY -> new Recency(config.recencyHalfLife());
      case NEVER_PLAYED -> new NeverPlayed();
      case SAME_ARTIST -> new SameArtist();
      case ARTIST_RECENT -> new ArtistRecent(config.historyWindow());
      case KEY -> new KeyCompatibility();
      case TEMPO -> new TempoContinuity(config.tempoScale());
      case DIVERSITY -> new Diversity(config.historyWindow());
      case DRIFT -> new Drift(config.driftDwell());
      default -> throw new IllegalArgumentException("unknown walk feature '" + name + "'; known: " + NAMES);
    };
  }

  /**
   * Whether {@code f} is a built-in feature whose value depends only on the current track and the candidate (the
   * edge between them), never on the listening history: similarity, same-artist, key and tempo.
   */
  static boolean dependsOnEdgeOnly(WalkFeature f) {
    return f instanceof Similarity || f instanceof SameArtist || f instanceof KeyCompatibility
        || f instanceof TempoContinuity;
  }

  /**
   * Harmonic compatibility of two keys (pitch class 0-11 or -1, mode 1 major / 0 minor / -1), as described in the
   * class documentation.
   *
   * @param key1 the key1
   * @param mode1 the mode1
   * @param key2 the key2
   * @param mode2 the mode2
   * @return the harmonic compatibility of two keys (pitch class 0-11 or -1, mode 1 major / 0 minor / -1), as
   *     described in the class documentation
   */
  public static double keyCompatibility(int key1, int mode1, int key2, int mode2) {
    if (key1 < 0 || key2 < 0) {
      return 0;
    }
    int diff = Math.floorMod(key2 - key1, 12);
    boolean fifth = diff == 5 || diff == 7;
    if (mode1 < 0 || mode2 < 0) {
      return diff == 0 ? 1.0 : fifth ? 0.5 : 0.0;
    }
    if (mode1 == mode2) {
      return diff == 0 ? 1.0 : fifth ? 0.5 : 0.0;
    }
    // relative keys: C major (0, major) <-> A minor (9, minor): the minor tonic is 9 semitones above the major one
    int majorKey = mode1 == 1 ? key1 : key2;
    int minorKey = mode1 == 1 ? key2 : key1;
    if (Math.floorMod(minorKey - majorKey, 12) == 9) {
      return 0.75;
    }
    return diff == 0 ? 0.25 : 0.0;
  }

  static final class Similarity implements WalkFeature {
    @Override
    public String name() {
      return SIMILARITY;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      return context.similarity(candidate);
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
        return;
      }
      context.kernel.widen(context.slotSimilarity, count, out, column);
    }
  }

  static final class Recency implements WalkFeature {
    /**
     * {@code table[ago] = 2^(-(ago - 1) / halfLife)} for {@code 1 <= ago < table.length - 1}, from
     * {@link StrictMath#exp} so that it has the same bits on every JVM; {@code table[0] = 0} (never played) and
     * {@code table[table.length - 1] = 0}, the value of every play 64 half-lives or more ago (below {@code 2^-64},
     * under an ulp of any score it could be added to).
     */
    private final double[] table;

    Recency(double halfLife) {
      double lambda = Math.log(2) / halfLife;
      int size = (int) Math.min(1 << 16, Math.ceil(64 * halfLife) + 2);
      this.table = new double[size];
      for (int ago = 1; ago < size - 1; ago++) {
        table[ago] = StrictMath.exp(-lambda * (ago - 1));
      }
    }

    /** The table of values by plays-ago (the array itself: never modify it). */
    double[] table() {
      return table;
    }

    @Override
    public String name() {
      return RECENCY;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      int ago = context.history().playsSince(candidate);
      return table[Math.min(Math.max(ago, 0), table.length - 1)];
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
        return;
      }
      context.kernel.clampedLookup(table, context.slotPlaysAgo, count, out, column);
    }
  }

  static final class NeverPlayed implements WalkFeature {
    @Override
    public String name() {
      return NEVER_PLAYED;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      return context.history().playsSince(candidate) < 0 ? 1.0 : 0.0;
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
        return;
      }
      context.kernel.negative(context.slotPlaysAgo, count, out, column);
    }
  }

  static final class SameArtist implements WalkFeature {
    @Override
    public String name() {
      return SAME_ARTIST;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      int a = context.attributes().artist(context.current());
      return a >= 0 && context.attributes().artist(candidate) == a ? 1.0 : 0.0;
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
        return;
      }
      int a = context.attributes().artist(context.current());
      if (a < 0) {
        Arrays.fill(out, column, column + count, 0.0);
      } else {
        context.kernel.equal(context.slotArtist, a, count, out, column);
      }
    }
  }

  static final class ArtistRecent implements WalkFeature {
    private final int window;

    ArtistRecent(int window) {
      this.window = window;
    }

    /** The recent plays looked at. */
    int window() {
      return window;
    }

    @Override
    public String name() {
      return ARTIST_RECENT;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      TrackAttributes at = context.attributes();
      int a = at.artist(candidate);
      if (a < 0) {
        return 0.0;
      }
      int n = Math.min(window, context.recentCount());
      for (int r = 0; r < n; r++) {
        if (at.artist(context.recentTrack(r)) == a) {
          return 1.0;
        }
      }
      return 0.0;
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      int[] recentArtist = context.recentArtist;
      int[] artists = context.slotArtist;
      int n = Math.min(window, context.recentCount());
      if (n == context.recentCount() && stride == 1) {
        // the context's per-artist counts cover exactly the plays this feature looks at
        context.kernel.positive(context.slotArtistRecent, count, out, column);
        return;
      }
      for (int i = 0; i < count; i++) {
        int a = artists[i];
        double v = 0.0;
        if (a >= 0) {
          for (int r = 0; r < n; r++) {
            if (recentArtist[r] == a) {
              v = 1.0;
              break;
            }
          }
        }
        out[i * stride + column] = v;
      }
    }
  }

  static final class KeyCompatibility implements WalkFeature {
    @Override
    public String name() {
      return KEY;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      TrackAttributes at = context.attributes();
      int c = context.current();
      return keyCompatibility(at.key(c), at.mode(c), at.key(candidate), at.mode(candidate));
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      TrackAttributes at = context.attributes();
      int c = context.current();
      int code = TrackAttributes.keyCode(at.key(c), at.mode(c));
      int[] codes = context.slotKeyCode;
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
      } else if (code < 0) {
        Arrays.fill(out, column, column + count, 0.0);
      } else {
        // codes are in [-1, 36), so every index (the padding's too) is in the row
        context.kernel.gather(KEY_TABLE, code * KEY_ROW + 1, codes, count, out, column);
      }
    }
  }

  static final class TempoContinuity implements WalkFeature {
    private final double inverseScale;

    TempoContinuity(double scale) {
      this.inverseScale = 1.0 / scale;
    }

    @Override
    public String name() {
      return TEMPO;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      float a = context.attributes().tempo(context.current());
      float b = context.attributes().tempo(candidate);
      if (Float.isNaN(a) || Float.isNaN(b)) {
        return 0.0;
      }
      double z = (a - b) * inverseScale;
      return 1.0 / (1.0 + z * z);
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      float a = context.attributes().tempo(context.current());
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
      } else if (Float.isNaN(a)) {
        Arrays.fill(out, column, column + count, 0.0);
      } else {
        context.kernel.cauchy(a, context.slotTempo, inverseScale, count, out, column);
      }
    }
  }

  static final class Diversity implements WalkFeature {
    private final int window;

    Diversity(int window) {
      this.window = window;
    }

    /** The recent plays looked at. */
    int window() {
      return window;
    }

    @Override
    public String name() {
      return DIVERSITY;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      TrackAttributes at = context.attributes();
      int c = at.cluster(candidate);
      int n = Math.min(window, context.recentCount());
      if (c < 0 || n == 0) {
        return c < 0 ? 0.0 : 1.0;
      }
      int same = 0;
      for (int r = 0; r < n; r++) {
        if (at.cluster(context.recentTrack(r)) == c) {
          same++;
        }
      }
      return 1.0 - (double) same / n;
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      int[] recentCluster = context.recentCluster;
      int[] clusters = context.slotCluster;
      int n = Math.min(window, context.recentCount());
      double inv = n == 0 ? 0 : 1.0 / n;
      if (n == context.recentCount() && n > 0 && stride == 1) {
        // the context's per-cluster counts cover exactly the plays this feature looks at
        context.kernel.complementShare(context.slotClusterRecent, inv, count, out, column);
        return;
      }
      for (int i = 0; i < count; i++) {
        int c = clusters[i];
        double v;
        if (c < 0) {
          v = 0.0;
        } else if (n == 0) {
          v = 1.0;
        } else {
          int same = 0;
          for (int r = 0; r < n; r++) {
            if (recentCluster[r] == c) {
              same++;
            }
          }
          v = 1.0 - same * inv;
        }
        out[i * stride + column] = v;
      }
    }
  }

  static final class Drift implements WalkFeature {
    private final double inverseDwell;

    Drift(int dwell) {
      this.inverseDwell = 1.0 / dwell;
    }

    /** {@code 1 / driftDwell}. */
    double inverseDwell() {
      return inverseDwell;
    }

    @Override
    public String name() {
      return DRIFT;
    }

    @Override
    public double compute(int candidate, WalkContext context) {
      int c = context.attributes().cluster(candidate);
      int cur = context.attributes().cluster(context.current());
      return c < 0 || cur < 0 || c == cur ? 0.0 : Math.min(1.0, context.clusterRun() * inverseDwell);
    }

    @Override
    public void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
      int cur = context.attributes().cluster(context.current());
      double v = cur < 0 ? 0.0 : Math.min(1.0, context.clusterRun() * inverseDwell);
      if (stride != 1) {
        WalkFeature.super.computeAll(context, candidates, count, out, column, stride);
      } else {
        context.kernel.differ(context.slotCluster, cur, v, count, out, column);
      }
    }
  }
}
