package dev.recsys.graph.choice;

import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.OnlineChoiceUpdater.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Per-listener weights of the smart shuffle: the global weights (fitted by {@link ChoiceModel}) plus a personal
 * offset per listener, learned online from that listener's stream of plays, skips and replays, and shrunk towards
 * the global model.
 *
 * <p><b>Model.</b> Listener {@code u}'s weights are {@code w_u = w + s_u * d_u}, where {@code w} is global,
 * {@code d_u} the raw offset and {@code s_u = n_u / (n_u + priorEvents)} the shrinkage factor after {@code n_u}
 * events. Each event (the presented candidate set, the row played, and what the listener did) moves {@code d_u} by
 * one stochastic gradient step of the conditional-logit log-likelihood under {@code w_u}: a full play or a replay
 * (worth {@link OnlineChoiceUpdater#REPLAY_FACTOR} plays) raises the played candidate's utility against the
 * others, a skip lowers it; every step also decays {@code d_u} by {@code l2} towards 0, i.e. towards the global
 * model. A listener without events gets exactly the global weights.
 *
 * <p>Thread-safe: methods are synchronised, so one instance can take events from several sessions.
 */
public final class PersonalWeights {
  /**
   * Settings of the personal offsets.
   *
   * @param learningRate step size of an event, in (0, 10]
   * @param l2 decay of the raw offset towards 0 per event, in [0, 1)
   * @param priorEvents shrinkage strength: a listener's offset counts {@code n / (n + priorEvents)} after {@code n}
   *     events, in [0, 1000000] (0 = no shrinkage)
   */
  public record Config(double learningRate, double l2, double priorEvents) {
    /** Validates the fields. */
    public Config {
      Checks.positive("learningRate", learningRate);
      Checks.inRange("learningRate", learningRate, 0, 10);
      Checks.inRange("l2", l2, 0, 0.999_999);
      Checks.inRange("priorEvents", priorEvents, 0, 1_000_000);
    }

    /**
     * Learning rate 0.05, decay 0.001 per event, shrinkage as if 20 events agreed with the global model.
     *
     * @return the default configuration described above
     */
    public static Config defaults() {
      return new Config(0.05, 0.001, 20);
    }
  }

  private final List<String> featureNames;
  private final double[] global;
  private final Config config;
  private final Map<String, double[]> offsets = new HashMap<>();
  private final Map<String, long[]> events = new HashMap<>();
  private double[] prob = new double[256];

  /**
   * Personal weights around {@code global}.
   *
   * @param featureNames the features' names, in column order
   * @param global the global weight per feature, finite; copied
   * @param config learning rate, decay and shrinkage of the offsets
   * @throws IllegalArgumentException when names and weights differ in length or a weight is not finite
   */
  public PersonalWeights(List<String> featureNames, double[] global, Config config) {
    this.featureNames = List.copyOf(featureNames);
    this.global = Objects.requireNonNull(global, "global").clone();
    this.config = Objects.requireNonNull(config, "config");
    if (this.global.length != this.featureNames.size()) {
      throw new IllegalArgumentException("need one global weight per feature " + this.featureNames + "; got " + global.length);
    }
    for (int f = 0; f < global.length; f++) {
      if (!Double.isFinite(global[f])) {
        throw new IllegalArgumentException("global weights must be finite; weight of '" + this.featureNames.get(f) + "'=" + global[f]);
      }
    }
  }

  /**
   * Personal weights around a fitted choice model.
   *
   * @param model the fitted global choice model
   * @param config learning rate, decay and shrinkage of the offsets
   * @return personal weights with no listener yet, every listener starting at the model's weights
   */
  public static PersonalWeights of(ChoiceModel model, Config config) {
    return new PersonalWeights(model.featureNames(), model.weights(), config);
  }

  /**
   * The feature names, in column order.
   *
   * @return an immutable list of the feature names
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * A copy of the global weights.
   *
   * @return a new array of the global weight per feature
   */
  public double[] global() {
    return global.clone();
  }

  /**
   * The settings.
   *
   * @return the settings given at construction
   */
  public Config config() {
    return config;
  }

  /**
   * Learns from one event of {@code listener}: the walk presented {@code count} candidates (feature rows of
   * {@code matrix}, row-major, one column per feature) and the track in row {@code played} was played with
   * {@code outcome}.
   *
   * @param listener the listener's id
   * @param matrix the candidates' feature rows, row-major, at least {@code count} rows of one value per feature
   * @param count number of candidates presented, at least 1
   * @param played row of the played candidate, in [0, count)
   * @param outcome what the listener did with it (full play, replay or skip)
   * @throws IllegalArgumentException if {@code played} is not in [0, count) or the matrix is too short
   */
  public synchronized void update(String listener, double[] matrix, int count, int played, Outcome outcome) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(outcome, "outcome");
    int p = global.length;
    Checks.inRange("count", count, 1, Integer.MAX_VALUE / Math.max(1, p));
    Checks.inRange("played", played, 0, count - 1);
    if (matrix.length < count * p) {
      throw new IllegalArgumentException("matrix must hold count * features = " + count * p + " values; length=" + matrix.length);
    }
    if (prob.length < count) {
      prob = new double[Math.max(count, prob.length * 2)];
    }
    double[] d = offsets.computeIfAbsent(listener, k -> new double[p]);
    long[] n = events.computeIfAbsent(listener, k -> new long[1]);
    double[] scoring = combine(d, n[0]);
    // the gradient of w_u = w + s d with respect to d is s; using the raw step keeps early events informative
    OnlineChoiceUpdater.step(scoring, d, 1.0, prob, matrix, count, played, outcome, config.learningRate(), config.l2());
    n[0]++;
  }

  private double[] combine(double[] d, long n) {
    double s = shrinkage(n);
    double[] w = global.clone();
    for (int f = 0; f < w.length; f++) {
      w[f] += s * d[f];
    }
    return w;
  }

  private double shrinkage(long n) {
    return n == 0 ? 0.0 : n / (n + config.priorEvents());
  }

  /**
   * The listener's weights: global plus the shrunk offset (exactly the global weights without events).
   *
   * @param listener any listener id
   * @return a new array of the listener's weight per feature
   */
  public synchronized double[] weights(String listener) {
    double[] d = offsets.get(listener);
    return d == null ? global.clone() : combine(d, events.get(listener)[0]);
  }

  /**
   * The listener's shrunk offset {@code s_u * d_u} (zeros without events).
   *
   * @param listener any listener id
   * @return a new array of the listener's shrunk offset per feature
   */
  public synchronized double[] offset(String listener) {
    double[] w = weights(listener);
    for (int f = 0; f < w.length; f++) {
      w[f] -= global[f];
    }
    return w;
  }

  /**
   * The number of events learned from {@code listener}.
   *
   * @param listener any listener id
   * @return the event count, 0 for a listener never updated
   */
  public synchronized long events(String listener) {
    long[] n = events.get(listener);
    return n == null ? 0 : n[0];
  }

  /**
   * The listeners with at least one event.
   *
   * @return a new list of the listener ids, in no particular order
   */
  public synchronized List<String> listeners() {
    return new ArrayList<>(offsets.keySet());
  }

  /**
   * Why candidate {@code row} of {@code distribution} (drawn with this listener's weights, or any weights over the
   * same features) scores as it does for {@code listener}: per feature a {@code "global"} factor (global weight
   * times value over the temperature) and a {@code "personal"} factor (the listener's offset times value over the
   * temperature), so the two parts are shown separately; they sum to the listener's score.
   *
   * @param listener any listener id; one without events has zero personal factors
   * @param distribution the candidate distribution holding the feature values and the temperature
   * @param row the candidate's row in {@code distribution}
   * @return the global and personal factor per feature, with the candidate's probability in the summary
   * @throws IllegalArgumentException if the distribution's features differ from these weights' features
   */
  public Explanation explain(String listener, NextTrackDistribution distribution, int row) {
    if (!distribution.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException("the distribution's features " + distribution.featureNames()
          + " differ from the personal weights' features " + featureNames);
    }
    double[] off = offset(listener);
    double t = distribution.temperature();
    List<Explanation.Factor> factors = new ArrayList<>(2 * featureNames.size());
    double g = 0;
    double q = 0;
    for (int f = 0; f < featureNames.size(); f++) {
      double v = distribution.value(row, f);
      factors.add(new Explanation.Factor("global", featureNames.get(f), v, global[f] * v / t));
      factors.add(new Explanation.Factor("personal", featureNames.get(f), v, off[f] * v / t));
      g += global[f] * v / t;
      q += off[f] * v / t;
    }
    return new Explanation(String.format(Locale.ROOT, "p=%.3f among %d candidates; score %.3f global %+.3f personal (%d events)",
        distribution.probabilities()[row], distribution.size(), g, q, events(listener)), factors);
  }

  @Override
  public synchronized String toString() {
    return "PersonalWeights[features=" + featureNames + ", global=" + Arrays.toString(global) + ", listeners="
        + offsets.size() + ", config=" + config + "]";
  }
}
