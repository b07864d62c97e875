package dev.recsys.graph.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.internal.WalkKernel;
import java.util.Arrays;

/**
 * What a {@link WalkFeature} may read about the step being scored: the current track, the listening history, the
 * precomputed {@link TrackAttributes}, the similarity of each candidate to the current track, and the most recent
 * plays as an array.
 *
 * <p>A context belongs to one thread's {@link StepBuffers} and is overwritten at every step; features must not keep
 * it. Its mark table is sized by the catalogue (one long per track), so each thread pays {@code 8 * catalogue size}
 * bytes once, and {@code 4 * catalogue size} more once it keeps a table of last plays for a long-lived walk.
 *
 * <p>For the built-in batch kernels the context also holds, per candidate slot (the candidate's row in the step),
 * the attributes copied from {@link TrackAttributes} and the plays since the last play in one pass, so that
 * features read small sequential arrays instead of the catalogue-wide ones; and, per artist and per cluster, how
 * many of the recent plays have it, so that the artist and diversity features need no loop over the recent plays.
 * These counts cost one int per artist and per cluster per thread.
 */
public final class WalkContext {
  /** Slot arrays are padded to a multiple of this many entries, so vector kernels may read whole vectors. */
  static final int PAD = 64;

  private final TrackAttributes attributes;
  /** The arithmetic of the built-in feature kernels and of the softmax. */
  final WalkKernel kernel;
  /** Per track: (stamp << 32) | slot of the step that last marked it. */
  private final long[] marks;
  /** The recent plays of the step, the last one first (the first {@link #recentCount}). */
  private int[] recent;
  /** The array the next step reads the recent plays into, then swapped with {@link #recent}. */
  private int[] spare;
  final int[] recentArtist;
  final int[] recentCluster;
  final float[] slotSimilarity;
  final int[] slotArtist;
  final int[] slotKeyCode;
  final int[] slotCluster;
  final float[] slotTempo;
  /** Per slot, {@link ListeningHistory#playsSince} of the candidate. */
  final int[] slotPlaysAgo;
  /** Per slot, the recency feature's value (written by {@link HistoryScorer} only). */
  final double[] slotRecency;
  /** Per slot, scratch indices for the gathers of the walk kernel's fused history pass. */
  final int[] slotIndex;
  /** Per slot, how many of the recent plays are by the candidate's artist, -1 when it has none. */
  final int[] slotArtistRecent;
  /** Per slot, how many of the recent plays are in the candidate's cluster, -1 when it has none. */
  final int[] slotClusterRecent;
  /** Per artist, how many of the {@link #recentCount} recent plays are by it. */
  final int[] recentArtistCount;
  /** Per cluster, how many of the {@link #recentCount} recent plays are in it. */
  final int[] recentClusterCount;
  /** Per artist, how many of the last {@link #artistGap} plays are by it (the "no artist twice" constraint). */
  final int[] gapArtistCount;
  /** The artist constraint's window in plays (0 = off). */
  final int artistGap;
  private int gapCount;
  private int currentArtist = -1;
  private long stamp;
  /** Candidates taken by {@link #markLater} whose marks are not written yet (null when every mark is written). */
  private int[] unmarked;
  private int unmarkedCount;
  /**
   * Per track, the step of the history at which it was last played, {@link Integer#MIN_VALUE} if never: this
   * context's copy of the last plays of {@link #tracked}, so that {@code step - lastPlay[t]} is the plays-ago of
   * {@code t} (negative for a track never played) without a read of the history per candidate. Valid only when
   * {@link #lastPlayValid}; allocated when first built.
   */
  private int[] lastPlay;
  private boolean lastPlayValid;
  /** The history whose plays {@link #lastPlay} follows, with its version and steps when last synchronised. */
  private ListeningHistory tracked;
  private long trackedVersion;
  private int trackedSteps;
  /** Consecutive steps that found {@link #tracked} changed by plays only, while {@link #lastPlay} is not valid. */
  private int continuedSteps;
  int current;
  ListeningHistory history;
  int recentCount;

  WalkContext(TrackAttributes attributes, int recentCapacity, int candidateCapacity, int artistGap, WalkKernel kernel) {
    this.kernel = kernel;
    this.artistGap = artistGap;
    int slots = padded(candidateCapacity);
    this.gapArtistCount = new int[artistGap > 0 ? attributes.artistCount() : 0];
    this.attributes = attributes;
    this.marks = new long[attributes.size()];
    this.recent = new int[recentCapacity];
    this.spare = new int[recentCapacity];
    this.recentArtist = new int[recentCapacity];
    this.recentCluster = new int[recentCapacity];
    this.slotSimilarity = new float[slots];
    this.slotArtist = new int[slots];
    this.slotKeyCode = new int[slots];
    this.slotCluster = new int[slots];
    this.slotTempo = new float[slots];
    this.slotPlaysAgo = new int[slots];
    this.slotRecency = new double[slots];
    this.slotIndex = new int[slots];
    this.slotArtistRecent = new int[slots];
    this.slotClusterRecent = new int[slots];
    // at least one entry: an unknown artist (cluster) reads entry 0, which its -1 then masks
    this.recentArtistCount = new int[Math.max(1, attributes.artistCount())];
    this.recentClusterCount = new int[Math.max(1, attributes.clusterCount())];
  }

  /** {@code capacity} rounded up to a multiple of {@link #PAD}. */
  static int padded(int capacity) {
    return (capacity + PAD - 1) / PAD * PAD;
  }

  /**
   * Starts a new step: forgets which tracks were marked and snapshots the recent plays. The per-artist and
   * per-cluster counts of the recent plays are a function of the window alone, so when the new window is the previous
   * one (nothing played since) or the previous one after one more play (the step after a pick) only the plays that
   * entered and left it are counted; any other history is counted afresh.
   */
  void beginStep(int current, ListeningHistory history) {
    this.current = current;
    this.history = history;
    unmarked = null;
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(marks, 0);
      stamp = 1;
    }
    int n = Math.min(recent.length, history.recentCount());
    int[] window = spare;
    history.recentInto(window, n);
    if (!Arrays.equals(window, 0, n, recent, 0, recentCount)) {
      if (n >= 1 && (n == recentCount + 1 || n == recentCount)
          && Arrays.equals(window, 1, n, recent, 0, n - 1)) {
        advance(window[0], n);
      } else {
        recount(window, n);
      }
    }
    spare = recent;
    recent = window;
    recentCount = n;
    gapCount = Math.min(artistGap, n);
    currentArtist = attributes.artist(current);
  }

  /**
   * Updates the window's attributes and counts from the previous window to {@code n} plays after one more play,
   * {@code track}: the oldest play leaves when the window was full.
   */
  private void advance(int track, int n) {
    if (n == recentCount) {
      count(recentArtistCount, recentArtist[n - 1], -1);
      count(recentClusterCount, recentCluster[n - 1], -1);
    }
    int gap = Math.min(artistGap, n);
    if (gap > 0 && gap == gapCount) {
      count(gapArtistCount, recentArtist[gap - 1], -1);
    }
    System.arraycopy(recentArtist, 0, recentArtist, 1, n - 1);
    System.arraycopy(recentCluster, 0, recentCluster, 1, n - 1);
    enter(0, track, gap > 0);
  }

  /** Forgets the previous window's counts and counts the {@code n} plays of {@code window}. */
  private void recount(int[] window, int n) {
    for (int i = 0; i < recentCount; i++) {
      count(recentArtistCount, recentArtist[i], -1);
      count(recentClusterCount, recentCluster[i], -1);
    }
    for (int i = 0; i < gapCount; i++) {
      count(gapArtistCount, recentArtist[i], -1);
    }
    int gap = Math.min(artistGap, n);
    for (int i = 0; i < n; i++) {
      enter(i, window[i], i < gap);
    }
  }

  /** Records {@code track} as the recent play {@code i}: its artist and cluster, counted (in the gap when asked). */
  private void enter(int i, int track, boolean inGap) {
    int base = track * TrackAttributes.STRIDE;
    int a = attributes.packed[base];
    int c = attributes.packed[base + 2];
    recentArtist[i] = a;
    recentCluster[i] = c;
    count(recentArtistCount, a, 1);
    count(recentClusterCount, c, 1);
    if (inGap) {
      count(gapArtistCount, a, 1);
    }
  }

  /**
   * The table of last plays of this step's history ({@code step - lastPlay[t]} is the plays-ago of track {@code t}
   * at {@link ListeningHistory#steps()}, negative when never played), or null when this context does not keep one
   * for it yet. The table follows one history through its {@link ListeningHistory#version() version}: the plays
   * since the previous step are applied to it (as many as the history's recent window remembers); any other change,
   * a clear, a longer gap or another history, drops it, and it is rebuilt from the history (one read per track)
   * only once the history has been followed for a sixteenth of the catalogue's size in steps, so a context that
   * serves many sessions in turn never pays for it.
   */
  int[] lastPlays() {
    ListeningHistory h = history;
    long version = h.version();
    int steps = h.steps();
    long plays = version - trackedVersion;
    boolean continues = h == tracked && plays == steps - trackedSteps && plays <= h.recentCount();
    tracked = h;
    trackedVersion = version;
    trackedSteps = steps;
    if (!continues) {
      lastPlayValid = false;
      continuedSteps = 0;
      return null;
    }
    if (lastPlayValid) {
      for (int k = (int) plays - 1; k >= 0; k--) {
        lastPlay[h.recent(k)] = steps - 1 - k;
      }
      return lastPlay;
    }
    if (++continuedSteps < attributes.size() >> 4) {
      return null;
    }
    rebuildLastPlays(h);
    return lastPlay;
  }

  /** The table of last plays as the last step left it, or null when this context keeps none (for tests). */
  int[] keptLastPlays() {
    return lastPlayValid ? lastPlay : null;
  }

  /** Rebuilds {@link #lastPlay} from {@code h}, which it then follows. */
  private void rebuildLastPlays(ListeningHistory h) {
    if (lastPlay == null) {
      lastPlay = new int[attributes.size()];
    }
    int steps = h.steps();
    for (int t = 0; t < lastPlay.length; t++) {
      int ago = h.playsSince(t);
      lastPlay[t] = ago < 0 ? Integer.MIN_VALUE : steps - ago;
    }
    lastPlayValid = true;
    tracked = h;
    trackedVersion = h.version();
    trackedSteps = steps;
  }

  /** Whether artist {@code a} played within the last {@code artistGap} plays (false for an unknown artist). */
  boolean artistBlocked(int a) {
    return a >= 0 && artistGap > 0 && (a == currentArtist || gapArtistCount[a] > 0);
  }

  /** The length of the run of most recent plays in the current track's cluster (0 when it has none). */
  int clusterRun() {
    int c = attributes.cluster(current);
    if (c < 0) {
      return 0;
    }
    // the current track counts even when the history does not hold it yet
    int run = recentCount == 0 || recent[0] != current ? 1 : 0;
    for (int i = 0; i < recentCount && recentCluster[i] == c; i++) {
      run++;
    }
    return run;
  }

  private static void count(int[] counts, int id, int delta) {
    if (id >= 0) {
      counts[id] += delta;
    }
  }

  /**
   * Records that this step's candidates are {@code candidates[0..n)}, distinct and without the current track, with
   * their marks (and the current track's) left unwritten until a feature asks for {@link #similarity}: the common
   * step then writes no marks at all. Only the first thing a step does with its marks; {@link #mark} must not
   * follow.
   */
  void markLater(int[] candidates, int n) {
    unmarked = candidates;
    unmarkedCount = n;
  }

  /** Writes the marks {@link #markLater} left unwritten. */
  private void writeMarks() {
    int[] c = unmarked;
    unmarked = null;
    mark(current, -1);
    for (int i = 0; i < unmarkedCount; i++) {
      mark(c[i], i);
    }
  }

  /** Marks {@code track} as the candidate in {@code slot}; false if it was already marked this step. */
  boolean mark(int track, int slot) {
    long m = marks[track];
    if ((m >>> 32) == stamp) {
      return false;
    }
    marks[track] = (stamp << 32) | (slot & 0xffffffffL);
    return true;
  }

  /** Marks {@code track} as the candidate in {@code slot} even if it was marked before this step. */
  void forceMark(int track, int slot) {
    marks[track] = (stamp << 32) | (slot & 0xffffffffL);
  }

  /**
   * Copies the attributes, plays-ago and recent-play counts of artist and cluster of the {@code n} candidates into
   * the slot arrays.
   */
  void loadSlots(int[] candidates, int n) {
    loadSlots(candidates, n, true);
  }

  /**
   * {@link #loadSlots(int[], int)}, leaving the plays-ago slots as they are when {@code playsAgo} is false (a
   * caller that wrote them already).
   */
  void loadSlots(int[] candidates, int n, boolean playsAgo) {
    int[] packed = attributes.packed;
    ListeningHistory h = history;
    for (int i = 0; i < n; i++) {
      int t = candidates[i];
      if (playsAgo) {
        slotPlaysAgo[i] = h.playsSince(t);
      }
      int base = t * TrackAttributes.STRIDE;
      int a = packed[base];
      int c = packed[base + 2];
      slotArtist[i] = a;
      slotKeyCode[i] = packed[base + 1];
      slotCluster[i] = c;
      slotTempo[i] = Float.intBitsToFloat(packed[base + 3]);
      slotArtistRecent[i] = a < 0 ? -1 : recentArtistCount[a];
      slotClusterRecent[i] = c < 0 ? -1 : recentClusterCount[c];
    }
  }

  /**
   * The track the next one follows.
   *
   * @return the track the next one follows
   */
  public int current() {
    return current;
  }

  /**
   * The session's listening history (read it, never modify it from a feature).
   *
   * @return the session's listening history (read it, never modify it from a feature)
   */
  public ListeningHistory history() {
    return history;
  }

  /**
   * The per-track attributes.
   *
   * @return the per-track attributes
   */
  public TrackAttributes attributes() {
    return attributes;
  }

  /**
   * The graph weight (cosine) of the edge from the current track to {@code candidate}, or 0 when the candidate is
   * not a neighbour of the current track (it came from a recent track's neighbours or from a fallback).
   *
   * @param candidate the candidate track
   * @return the graph weight (cosine) of the edge from the current track to {@code candidate}, or 0 when the
   *     candidate is not a neighbour of the current track (it came from a recent track's neighbours or from a
   *     fallback)
   */
  public double similarity(int candidate) {
    if (unmarked != null) {
      writeMarks();
    }
    long m = marks[candidate];
    int slot = (int) m;
    return (m >>> 32) == stamp && slot >= 0 ? slotSimilarity[slot] : 0.0;
  }

  /**
   * Number of recent plays available through {@link #recentTrack} (at most the configured history window).
   *
   * @return the number of recent plays available through {@link #recentTrack} (at most the configured history window)
   */
  public int recentCount() {
    return recentCount;
  }

  /**
   * The {@code i}-th most recent play (0 = the last one, normally the current track).
   *
   * @return the {@code i}-th most recent play (0 = the last one, normally the current track)
   * @param i how many plays back, 0 for the last one
   */
  public int recentTrack(int i) {
    if (i >= recentCount) {
      throw new IndexOutOfBoundsException("recent index must be in [0, " + (recentCount - 1) + "]; i=" + i);
    }
    return recent[i];
  }
}
