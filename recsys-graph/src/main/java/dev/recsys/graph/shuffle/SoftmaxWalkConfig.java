package dev.recsys.graph.shuffle;

import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a {@link SoftmaxWalkSampler}: which built-in features with which weights, the softmax
 * temperature, where candidates come from and the parameters of the features.
 *
 * @param weights built-in feature name to weight, in column order (see {@link WalkFeatures#names()})
 * @param temperature softmax temperature, &gt; 0 (scores are divided by it)
 * @param maxCandidates most candidates per step, in [1, 10000]
 * @param recentNeighbourTracks also take the neighbours of this many recent plays before the current one, in [0, 20]
 * @param excludeWithin hard constraint "no repeat within N plays": drop candidates played within the last this many
 *     plays, in [0, 100000] (0 = none; when the constraints leave nothing the walk widens the candidates, then
 *     relaxes them, see {@link SoftmaxWalkSampler})
 * @param historyWindow recent plays the artist, diversity and drift features look at, in [1, 1000]
 * @param recencyHalfLife plays after which the recency feature halves, &gt; 0
 * @param tempoScale bpm difference at which tempo continuity falls to 1/2, &gt; 0
 * @param artistGap hard constraint "no artist twice within M plays": drop candidates whose primary artist is the
 *     artist of one of the last this many plays (the current track included), in [0, historyWindow] (0 = none)
 * @param driftDwell mood drift control: plays after which the {@value WalkFeatures#DRIFT} feature fully rewards
 *     leaving the current cluster, in [1, historyWindow]
 */
public record SoftmaxWalkConfig(
    Map<String, Double> weights, double temperature, int maxCandidates, int recentNeighbourTracks, int excludeWithin,
    int historyWindow, double recencyHalfLife, double tempoScale, int artistGap, int driftDwell) {
  /** Default of {@link #excludeWithin}: no track twice within 50 plays. */
  public static final int DEFAULT_EXCLUDE_WITHIN = 50;
  /** Default of {@link #artistGap}: no artist twice within 3 plays. */
  public static final int DEFAULT_ARTIST_GAP = 3;

  /** Validates every field. */
  public SoftmaxWalkConfig {
    Objects.requireNonNull(weights, "weights");
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (!WalkFeatures.names().contains(e.getKey())) {
        throw new IllegalArgumentException("unknown walk feature '" + e.getKey() + "'; known: " + WalkFeatures.names());
      }
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException("weight of '" + e.getKey() + "' must be finite; weight=" + e.getValue());
      }
    }
    Checks.positive("temperature", temperature);
    Checks.inRange("maxCandidates", maxCandidates, 1, 10_000);
    Checks.inRange("recentNeighbourTracks", recentNeighbourTracks, 0, 20);
    Checks.inRange("excludeWithin", excludeWithin, 0, 100_000);
    Checks.inRange("historyWindow", historyWindow, 1, 1000);
    Checks.positive("recencyHalfLife", recencyHalfLife);
    Checks.positive("tempoScale", tempoScale);
    Checks.inRange("artistGap", artistGap, 0, historyWindow);
    Checks.inRange("driftDwell", driftDwell, 1, historyWindow);
  }

  /**
   * The default weights of the built-in features (a hand-set smart shuffle before any fitting).
   *
   * @return the default weights of the built-in features (a hand-set smart shuffle before any fitting)
   */
  public static Map<String, Double> defaultWeights() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(WalkFeatures.SIMILARITY, 4.0);
    m.put(WalkFeatures.RECENCY, -4.0);
    m.put(WalkFeatures.NEVER_PLAYED, 0.5);
    m.put(WalkFeatures.SAME_ARTIST, -1.5);
    m.put(WalkFeatures.ARTIST_RECENT, -1.0);
    m.put(WalkFeatures.KEY, 0.5);
    m.put(WalkFeatures.TEMPO, 0.7);
    m.put(WalkFeatures.DIVERSITY, 0.8);
    return m;
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
   * The defaults: the {@linkplain #defaultWeights() default features and weights}, temperature 1, 200 candidates,
   * no repeat within {@value #DEFAULT_EXCLUDE_WITHIN} plays and no artist twice within {@value #DEFAULT_ARTIST_GAP}.
   *
   * @return the default configuration
   */
  public static SoftmaxWalkConfig defaults() {
    return builder().build();
  }

  /**
   * The feature names in column order.
   *
   * @return the feature names in column order
   */
  public List<String> featureNames() {
    return new ArrayList<>(weights.keySet());
  }

  /**
   * The weights in column order.
   *
   * @return the weights in column order
   */
  public double[] weightArray() {
    return weights.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The weight of one feature.
   *
   * @param name the feature's name, e.g. {@code "similarity"}
   * @return its weight, or 0 when the configuration does not use the feature
   */
  public double weight(String name) {
    return weights.getOrDefault(name, 0.0);
  }

  /**
   * A builder initialised from this configuration, to change some settings and keep the rest.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.weights = new LinkedHashMap<>(weights);
    b.temperature = temperature;
    b.maxCandidates = maxCandidates;
    b.recentNeighbourTracks = recentNeighbourTracks;
    b.excludeWithin = excludeWithin;
    b.historyWindow = historyWindow;
    b.recencyHalfLife = recencyHalfLife;
    b.tempoScale = tempoScale;
    b.artistGap = artistGap;
    b.driftDwell = driftDwell;
    return b;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Map<String, Double> weights = defaultWeights();
    private double temperature = 1.0;
    private int maxCandidates = 200;
    private int recentNeighbourTracks = 0;
    private int excludeWithin = DEFAULT_EXCLUDE_WITHIN;
    private int historyWindow = 10;
    private double recencyHalfLife = 20;
    private double tempoScale = 15;
    private int artistGap = DEFAULT_ARTIST_GAP;
    private int driftDwell = 8;

    private Builder() {}

    /**
     * Replaces the feature set and weights (column order is the map's order).
     *
     * @return this builder
     * @param w the weight of each feature by name, in column order
     */
    public Builder weights(Map<String, Double> w) {
      this.weights = new LinkedHashMap<>(w);
      return this;
    }

    /**
     * Sets the weight of one feature by name, adding the feature (as the last column) when it is not used yet.
     *
     * @param name the feature's name, one of the built-in or registered features
     * @param value its weight in the softmax score (negative to penalise the feature)
     * @return this builder
     * @throws IllegalArgumentException at {@link #build} for an unknown name or a non-finite weight
     */
    public Builder weight(String name, double value) {
      this.weights.put(name, value);
      return this;
    }

    /**
     * Sets the features and their weights, replacing the current ones; the order is the order of the feature
     * columns.
     *
     * @param names the features' names
     * @param values their weights, one per name
     * @return this builder
     */
    public Builder weights(List<String> names, double[] values) {
      if (names.size() != values.length) {
        throw new IllegalArgumentException("need one weight per feature; " + values.length + " vs " + names.size());
      }
      Map<String, Double> m = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        m.put(names.get(i), values[i]);
      }
      this.weights = m;
      return this;
    }

    /**
     * Sets the temperature.
     *
     * @param t the temperature
     * @return this builder
     */
    public Builder temperature(double t) {
      this.temperature = t;
      return this;
    }

    /**
     * Sets the candidate cap.
     *
     * @param n the candidate cap
     * @return this builder
     */
    public Builder maxCandidates(int n) {
      this.maxCandidates = n;
      return this;
    }

    /**
     * Sets how many recent plays also contribute their neighbours.
     *
     * @param n how many recent plays also contribute their neighbours
     * @return this builder
     */
    public Builder recentNeighbourTracks(int n) {
      this.recentNeighbourTracks = n;
      return this;
    }

    /**
     * Sets the hard recency filter.
     *
     * @param n the hard recency filter
     * @return this builder
     */
    public Builder excludeWithin(int n) {
      this.excludeWithin = n;
      return this;
    }

    /**
     * Sets the history window of the artist and diversity features.
     *
     * @param n the history window of the artist and diversity features
     * @return this builder
     */
    public Builder historyWindow(int n) {
      this.historyWindow = n;
      return this;
    }

    /**
     * Sets the recency half-life in plays.
     *
     * @param plays the recency half-life in plays
     * @return this builder
     */
    public Builder recencyHalfLife(double plays) {
      this.recencyHalfLife = plays;
      return this;
    }

    /**
     * Sets the tempo scale in bpm.
     *
     * @param bpm the tempo scale in bpm
     * @return this builder
     */
    public Builder tempoScale(double bpm) {
      this.tempoScale = bpm;
      return this;
    }

    /**
     * Sets the "no artist twice within M plays" constraint.
     *
     * @param plays M, the plays within which an artist may not come back (0: no constraint)
     * @return this builder
     */
    public Builder artistGap(int plays) {
      this.artistGap = plays;
      return this;
    }

    /**
     * Sets the plays after which the drift feature fully rewards leaving the current cluster.
     *
     * @param plays plays spent in one cluster before a move away scores the full drift value
     * @return this builder
     */
    public Builder driftDwell(int plays) {
      this.driftDwell = plays;
      return this;
    }

    /**
     * Turns both hard constraints off (no repeat filter, no artist gap), for baselines and experiments.
     *
     * @return this builder
     */
    public Builder unconstrained() {
      this.excludeWithin = 0;
      this.artistGap = 0;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the configuration
     * @throws IllegalArgumentException for an unknown feature, a non-finite weight or a setting out of range
     */
    public SoftmaxWalkConfig build() {
      return new SoftmaxWalkConfig(weights, temperature, maxCandidates, recentNeighbourTracks, excludeWithin, historyWindow,
          recencyHalfLife, tempoScale, artistGap, driftDwell);
    }
  }
}
