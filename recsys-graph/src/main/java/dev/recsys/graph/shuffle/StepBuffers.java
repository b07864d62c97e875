package dev.recsys.graph.shuffle;

/**
 * Caller-owned buffers of {@link SoftmaxWalkSampler#step}: candidates, their feature matrix (row-major, one row per
 * candidate, one column per feature), scores and probabilities. Created by {@link SoftmaxWalkSampler#newBuffers()}
 * and reused across steps, so a step allocates nothing. Not thread-safe: one per thread. The arrays are
 * overwritten by every step; entries past the step's candidate count are stale.
 */
public final class StepBuffers {
  final int[] candidates;
  final double[] features;
  final double[] scores;
  final double[] probabilities;
  final WalkContext context;
  final int featureCount;
  StepSource source = StepSource.NEIGHBOURS;

  StepBuffers(int capacity, int featureCount, WalkContext context) {
    this.candidates = new int[capacity];
    this.features = new double[capacity * featureCount];
    this.scores = new double[capacity];
    this.probabilities = new double[capacity];
    this.context = context;
    this.featureCount = featureCount;
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
   * Feature values, row-major, {@link #featureCount()} per candidate.
   *
   * @return the feature values, row-major, {@link #featureCount()} per candidate
   */
  public double[] features() {
    return features;
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
