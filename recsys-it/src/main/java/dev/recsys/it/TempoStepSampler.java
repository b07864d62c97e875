package dev.recsys.it;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.NextTrackSamplerPlugin;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A next-track sampler over the whole catalogue that prefers a close tempo and a shared genre and avoids tracks
 * played in the last {@value #RECENT} plays: a softmax over three features. With a single track it repeats it;
 * with none it offers no candidate. Immutable and thread-safe.
 */
public final class TempoStepSampler implements NextTrackSampler {
  /** Its name in the plugin registry. */
  public static final String NAME = "tempo-step";

  /** Plays within which a track counts as recently played. */
  public static final int RECENT = 20;

  private static final List<String> FEATURES = List.of("tempo-closeness", "same-genre", "played-recently");

  private final double[] tempo;
  private final List<Set<String>> genres;
  private final double[] weights;
  private final double temperature;

  /**
   * A sampler over {@code catalog}.
   *
   * @param weights the weights of tempo closeness, same genre and recently played, finite
   * @param temperature the softmax temperature, in (0, 100]
   */
  public TempoStepSampler(Catalog catalog, double[] weights, double temperature) {
    Objects.requireNonNull(catalog, "catalog");
    if (weights.length != FEATURES.size()) {
      throw new IllegalArgumentException("need one weight per feature " + FEATURES + "; got " + weights.length);
    }
    for (double w : weights) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("weights must be finite; weight=" + w);
      }
    }
    if (!(temperature > 0 && temperature <= 100)) {
      throw new IllegalArgumentException("temperature must be in (0, 100]; temperature=" + temperature);
    }
    this.weights = weights.clone();
    this.temperature = temperature;
    this.tempo = new double[catalog.size()];
    this.genres = new java.util.ArrayList<>(catalog.size());
    for (int i = 0; i < catalog.size(); i++) {
      Track t = catalog.get(i);
      tempo[i] = t.audio().value(AudioFeature.TEMPO);
      genres.add(new HashSet<>(t.genres()));
    }
  }

  /** A sampler with the default weights (1, 0.5, -4) and temperature 0.5. */
  public TempoStepSampler(Catalog catalog) {
    this(catalog, Config.DEFAULTS);
  }

  /** A sampler with the weights and temperature of {@code config}. */
  public TempoStepSampler(Catalog catalog, Config config) {
    this(catalog, new double[] {config.tempoCloseness(), config.sameGenre(), config.playedRecently()},
        config.temperature());
  }

  /**
   * Configuration: one weight per feature and the softmax temperature.
   *
   * @param tempoCloseness weight of tempo closeness (0 for the same tempo, down to -4 at 120 bpm apart), finite
   * @param sameGenre weight of sharing a genre with the current track, finite
   * @param playedRecently weight of having been played in the last {@value TempoStepSampler#RECENT} plays, finite
   * @param temperature softmax temperature, in (0, 100]
   */
  public record Config(double tempoCloseness, double sameGenre, double playedRecently, double temperature) {
    /** The defaults: (1, 0.5, -4) at temperature 0.5. */
    public static final Config DEFAULTS = new Config(1, 0.5, -4, 0.5);

    /** Validates. */
    public Config {
      for (double w : new double[] {tempoCloseness, sameGenre, playedRecently}) {
        if (!Double.isFinite(w)) {
          throw new IllegalArgumentException("weights must be finite; tempoCloseness=" + tempoCloseness
              + ", sameGenre=" + sameGenre + ", playedRecently=" + playedRecently);
        }
      }
      if (!(temperature > 0 && temperature <= 100)) {
        throw new IllegalArgumentException("temperature must be in (0, 100]; temperature=" + temperature);
      }
    }
  }

  /** The plugin that makes this sampler selectable by the name {@value #NAME}. */
  public static final class Plugin implements NextTrackSamplerPlugin<Config> {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "a softmax over tempo closeness, shared genre and recent plays (recsys-it application)";
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaultConfig() {
      return Config.DEFAULTS;
    }

    @Override
    public NextTrackSampler create(Config config, Catalog catalog, TrackVectors vectors) {
      return new TempoStepSampler(catalog, config);
    }
  }

  @Override
  public NextTrackDistribution distribution(int current, ListeningHistory history) {
    int n = tempo.length;
    if (n == 0) {
      return new NextTrackDistribution(new int[0], new double[0], FEATURES, new double[0], weights.clone(), temperature);
    }
    Objects.checkIndex(current, n);
    int[] candidates = new int[n == 1 ? 1 : n - 1];
    for (int i = 0, c = 0; i < n; i++) {
      if (i != current || n == 1) {
        candidates[c++] = i;
      }
    }
    int f = FEATURES.size();
    double[] values = new double[candidates.length * f];
    double[] logits = new double[candidates.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates.length; c++) {
      int t = candidates[c];
      double dt = Math.abs(tempo[t] - tempo[current]);
      values[c * f] = Double.isNaN(dt) ? 0 : -Math.min(dt, 120) / 30;
      values[c * f + 1] = shares(genres.get(t), genres.get(current)) ? 1 : 0;
      int since = history.playsSince(t);
      values[c * f + 2] = since >= 0 && since <= RECENT ? 1 : 0;
      double z = 0;
      for (int j = 0; j < f; j++) {
        z += weights[j] * values[c * f + j];
      }
      logits[c] = z / temperature;
      max = Math.max(max, logits[c]);
    }
    double sum = 0;
    double[] p = new double[candidates.length];
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp(logits[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
    }
    return new NextTrackDistribution(candidates, p, FEATURES, values, weights.clone(), temperature);
  }

  private static boolean shares(Set<String> a, Set<String> b) {
    for (String g : a) {
      if (b.contains(g)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "TempoStepSampler[" + tempo.length + " tracks, weights " + java.util.Arrays.toString(weights)
        + ", temperature " + temperature + "]";
  }
}
