package dev.recsys.graph.shuffle;

/**
 * Caller-owned buffers of {@link SoftmaxWalkSampler#step}: candidates, their feature matrix, scores and
 * probabilities. Created by {@link SoftmaxWalkSampler#newBuffers()} and reused across steps, so a step allocates
 * nothing. Not thread-safe: one per thread. The arrays are overwritten by every step; entries past the step's
 * candidate count are stale.
 *
 * <p>A step computes the features in a column layout (one contiguous run of candidates per feature, the layout the
 * vector kernels read); {@link #features()} gives them row-major, transposed on its first call after a step.
 */
public final class StepBuffers {
  final int[] candidates;
  /** Feature {@code f} of candidate {@code i} at {@code columns[f * columnStride + i]}. */
  final double[] columns;
  /** Entries per column of {@link #columns}: the capacity, padded for whole vectors. */
  final int columnStride;
  private final double[] rows;
  /** Candidates of the last step whose features are in {@link #columns}; -1 once {@link #rows} holds them. */
  private int unsynced;
  /**
   * The walk whose last step left feature columns unwritten (its scores came from its table of edge scores), or
   * null; they are computed on the first read of the features.
   */
  private SoftmaxWalkSampler pendingOf;
  /** Whether {@link #pendingOf} left every column unwritten, not only the edge-only ones. */
  private boolean pendingAll;
  /**
   * The first edge of the current track's neighbour list when the last gathering took the candidates straight from
   * that list (candidate {@code i} is the list's entry {@code i}), else -1.
   */
  int listStart = -1;
  final double[] scores;
  final double[] probabilities;
  final WalkContext context;
  final int featureCount;
  StepSource source = StepSource.NEIGHBOURS;

  StepBuffers(int capacity, int featureCount, WalkContext context) {
    this.candidates = new int[capacity];
    this.columnStride = WalkContext.padded(capacity);
    this.columns = new double[columnStride * featureCount];
    this.rows = new double[capacity * featureCount];
    this.scores = new double[columnStride];
    this.probabilities = new double[columnStride];
    this.context = context;
    this.featureCount = featureCount;
    this.unsynced = -1;
  }

  /** Records that the features of {@code n} candidates were just computed into the column layout. */
  void columnsWritten(int n) {
    unsynced = n;
    pendingOf = null;
  }

  /**
   * Records that {@code walk} left the feature columns of its last step's {@code n} candidates for the first read:
   * all of them when {@code all}, else only the edge-only ones.
   */
  void columnsPending(SoftmaxWalkSampler walk, int n, boolean all) {
    unsynced = n;
    pendingOf = walk;
    pendingAll = all;
  }

  /** Computes the feature columns a step left for the first read, if any; then {@link #columns} is complete. */
  void completeColumns() {
    SoftmaxWalkSampler walk = pendingOf;
    if (walk != null) {
      pendingOf = null;
      walk.computePendingColumns(this, unsynced, pendingAll);
    }
  }

  /** Feature {@code feature} of candidate row {@code row} of the last step. */
  double value(int row, int feature) {
    completeColumns();
    return columns[feature * columnStride + row];
  }

  /** Where the candidates of a step came from. */
  public enum StepSource {
    /** Graph neighbours of the current (and optionally recent) tracks, after the hard constraints. */
    NEIGHBOURS,
    /** The constraints removed every neighbour: neighbours of the neighbours, after the constraints. */
    SECOND_HOP,
    /** The constraints removed every first and second neighbour, so they were relaxed. */
    UNFILTERED_NEIGHBOURS,
    /** The current track has no neighbours: the tracks after it in catalogue order, cyclically. */
    CATALOGUE_FALLBACK,
    /** A one-track catalogue: the only candidate is the current track again. */
    ONLY_TRACK,
    /** The catalogue is empty. */
    EMPTY,
    /** Candidates given by the caller ({@link SoftmaxWalkSampler#featuresOf}). */
    EXPLICIT
  }

  /**
   * Candidate track indices (valid up to the last step's count).
   *
   * @return the candidate track indices (valid up to the last step's count)
   */
  public int[] candidates() {
    return candidates;
  }

  /**
   * Feature values of the last step, row-major, {@link #featureCount()} per candidate (the buffer itself, filled from
   * the column layout on the first call after a step; allocation-free).
   *
   * @return the feature values, row-major, {@link #featureCount()} per candidate
   */
  public double[] features() {
    completeColumns();
    int n = unsynced;
    if (n >= 0) {
      int fc = featureCount;
      for (int f = 0; f < fc; f++) {
        for (int i = 0, c = f * columnStride; i < n; i++, c++) {
          rows[i * fc + f] = columns[c];
        }
      }
      unsynced = -1;
    }
    return rows;
  }

  /**
   * Scores (weighted feature sums divided by the temperature).
   *
   * @return the scores of the last step's candidates (the buffer itself, not a copy)
   */
  public double[] scores() {
    return scores;
  }

  /**
   * Softmax probabilities.
   *
   * @return the softmax probabilities
   */
  public double[] probabilities() {
    return probabilities;
  }

  /**
   * Columns of the feature matrix.
   *
   * @return the columns of the feature matrix
   */
  public int featureCount() {
    return featureCount;
  }

  /**
   * Capacity in candidates.
   *
   * @return the capacity in candidates
   */
  public int capacity() {
    return candidates.length;
  }

  /**
   * Where the last step's candidates came from.
   *
   * @return where the last step's candidates came from
   */
  public StepSource source() {
    return source;
  }
}
