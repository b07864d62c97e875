package dev.recsys.graph.gat;

import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of the content graph attention recommender ({@link GatV2Trainer}).
 *
 * @param dim embedding size, in [4, 512]
 * @param fanout co-occurring tracks attended per layer, one entry per attention layer (0 to 4 layers), each in
 *     [1, 1000]; artists, genres and the album are always attended
 * @param negatives tracks drawn uniformly from the catalogue as shared negatives of each batch, in [0, 100000]
 * @param temperature softmax temperature of the cosine scores, in [0.01, 10]
 * @param idDropout probability of dropping a warm track's id embedding in a step, in [0, 1] (teaches the content
 *     part to stand alone for cold tracks)
 * @param maxPrefix the most recent seed tracks pooled per query, in [1, 1000]
 * @param validationShare share of listeners (or playlists) with at least 3 tracks whose last 20% validates each
 *     epoch, in [0, 0.5]
 * @param blend weight of the session-kNN votes (each in [0, 1]) added to the cosine score, in
 *     [0, 10], or {@value #AUTO_BLEND}: chosen after training from {@link #BLEND_GRID} by NDCG@10 on the validation
 *     queries (0 when there are none)
 * @param ensemble networks trained with different seeds (the first with the configured seed, the others with seeds
 *     derived from it) whose cosine scores are averaged, in [1, 16]; training costs that many fits
 * @param graph how the graph is built
 * @param training the shared training loop's configuration
 */
public record GatV2Config(int dim, List<Integer> fanout, int negatives, double temperature, double idDropout,
    int maxPrefix, double validationShare, double blend, int ensemble, GraphConfig graph, TrainingConfig training) {
  /** The {@code blend} value that has the trainer choose the weight on validation data. */
  public static final double AUTO_BLEND = -1;
  /** The session-kNN weights tried when {@code blend} is {@link #AUTO_BLEND}. */
  public static final List<Double> BLEND_GRID = List.of(0.0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6);

  /** Validates every field. */
  public GatV2Config {
    Checks.inRange("dim", dim, 4, 512);
    Objects.requireNonNull(fanout, "fanout");
    fanout = List.copyOf(fanout);
    if (fanout.size() > 4) {
      throw new IllegalArgumentException("fanout must list at most 4 layers; got " + fanout);
    }
    for (int f : fanout) {
      Checks.inRange("fanout", f, 1, 1000);
    }
    Checks.inRange("negatives", negatives, 0, 100_000);
    Checks.inRange("temperature", temperature, 0.01, 10.0);
    Checks.inRange("idDropout", idDropout, 0.0, 1.0);
    Checks.inRange("maxPrefix", maxPrefix, 1, 1000);
    Checks.inRange("validationShare", validationShare, 0.0, 0.5);
    if (blend != AUTO_BLEND) {
      Checks.inRange("blend", blend, 0.0, 10.0);
    }
    Checks.inRange("ensemble", ensemble, 1, 16);
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(training, "training");
  }

  /**
   * 64 dimensions, two layers attending 10 co-occurring tracks each, 512 uniform negatives per batch, temperature
   * 0.1, id dropout 0.3, the last 20 seeds pooled, 20% validation, session-kNN blend chosen on validation, an
   * ensemble of three networks (both chosen on the synthetic next-track and TidyTuesday validation splits); 12
   * epochs of batch 256 with Adam 0.005, cosine schedule, early stopping on validation recall@20 (patience 2, best
   * epoch restored), seed 42.
   *
   * @return the defaults
   */
  public static GatV2Config defaults() {
    TrainingConfig t = TrainingConfig.builder().epochs(12).batchSize(256).seed(42)
        .optimizer(OptimizerConfig.adam(0.005))
        .schedule(LearningRateSchedule.cosine(1e-4))
        .earlyStopping(new EarlyStopping(true, 2, 1e-4, true, EarlyStopping.Mode.MAXIMIZE))
        .build();
    return new GatV2Config(64, List.of(10, 10), 512, 0.1, 0.3, 20, 0.2, AUTO_BLEND, 3, GraphConfig.defaults(), t);
  }

  /**
   * A copy with {@code epochs} training epochs.
   *
   * @param epochs the number of epochs
   * @return the copy
   */
  public GatV2Config withEpochs(int epochs) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend,
        ensemble, graph, training.toBuilder().epochs(epochs).build());
  }

  /**
   * A copy with another seed.
   *
   * @param seed the seed
   * @return the copy
   */
  public GatV2Config withSeed(long seed) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend,
        ensemble, graph, training.toBuilder().seed(seed).build());
  }

  /**
   * A copy with other attention layers.
   *
   * @param fanout co-occurring tracks attended per layer
   * @return the copy
   */
  public GatV2Config withFanout(List<Integer> fanout) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend,
        ensemble, graph, training);
  }

  /**
   * A copy with another session-kNN blend weight.
   *
   * @param blend the weight, in [0, 10], or {@link #AUTO_BLEND}
   * @return the copy
   */
  public GatV2Config withBlend(double blend) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend,
        ensemble, graph, training);
  }

  /**
   * A copy with another embedding size.
   *
   * @param dim the embedding size
   * @return the copy
   */
  public GatV2Config withDim(int dim) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend,
        ensemble, graph, training);
  }

  /**
   * A copy with another temperature and id dropout.
   *
   * @param temperature the softmax temperature
   * @param idDropout the id dropout
   * @return the copy
   */
  public GatV2Config withSoftmax(double temperature, double idDropout) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend,
        ensemble, graph, training);
  }

  /**
   * A copy averaging the scores of {@code ensemble} networks trained with different seeds.
   *
   * @param ensemble the number of networks, in [1, 16]
   * @return the copy
   */
  public GatV2Config withEnsemble(int ensemble) {
    return new GatV2Config(dim, fanout, negatives, temperature, idDropout, maxPrefix, validationShare, blend, ensemble,
        graph, training);
  }
}
