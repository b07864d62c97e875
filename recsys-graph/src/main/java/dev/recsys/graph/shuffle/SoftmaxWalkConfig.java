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
 * @param excludeWithin hard filter: drop candidates played within the last this many plays, in [0, 100000] (0 = none;
 *     when it leaves nothing the walk relaxes it, see {@link SoftmaxWalkSampler})
 * @param historyWindow recent plays the artist and diversity features look at, in [1, 1000]
 * @param recencyHalfLife plays after which the recency feature halves, &gt; 0
 * @param tempoScale bpm difference at which tempo continuity falls to 1/2, &gt; 0
 */
public record SoftmaxWalkConfig(
    Map<String, Double> weights, double temperature, int maxCandidates, int recentNeighbourTracks, int excludeWithin,
    int historyWindow, double recencyHalfLife, double tempoScale) {

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
   * The defaults: every built-in feature with its default weight, temperature 1, 200 candidates.
   *
   * @return the defaults
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
   * A builder initialised from this configuration.
   *
   * @return this builder
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
    return b;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Map<String, Double> weights = defaultWeights();
    private double temperature = 1.0;
    private int maxCandidates = 200;
    private int recentNeighbourTracks = 0;
    private int excludeWithin = 0;
    private int historyWindow = 10;
    private double recencyHalfLife = 20;
    private double tempoScale = 15;

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
     * Sets the features to {@code names} with the weights in {@code values}.
     *
     * @param names the names
     * @param values the values
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
     * Builds and validates.
     *
     * @return the {@code SoftmaxWalkConfig}
     */
    public SoftmaxWalkConfig build() {
      return new SoftmaxWalkConfig(weights, temperature, maxCandidates, recentNeighbourTracks, excludeWithin, historyWindow,
          recencyHalfLife, tempoScale);
    }
  }
}
