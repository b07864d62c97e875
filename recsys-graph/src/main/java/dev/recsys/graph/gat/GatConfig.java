package dev.recsys.graph.gat;

import dev.recsys.core.util.Checks;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import java.util.Objects;

/**
 * Hyper-parameters of the graph attention recommender.
 *
 * @param dim embedding size, in [4, 512], a multiple of {@code heads}
 * @param heads attention heads per edge type, in [1, 16]
 * @param neighbours neighbours sampled per edge type and node, in [1, 1000] (bounds memory and time per node)
 * @param negatives sampled negative tracks per training example for the BPR loss, in [1, 1000]
 * @param maxPrefix the longest session or playlist prefix pooled for one example, in [1, 1000]
 * @param validationShare share of sequences whose last track is held out to validate each epoch, in [0, 0.5]
 * @param graph how the graph is built
 * @param training the shared training loop's configuration (epochs, batch, seed, optimizer, schedule, stopping)
 */
public record GatConfig(int dim, int heads, int neighbours, int negatives, int maxPrefix, double validationShare,
    GraphConfig graph, TrainingConfig training) {

  /** Validates every field. */
  public GatConfig {
    Checks.inRange("dim", dim, 4, 512);
    Checks.inRange("heads", heads, 1, 16);
    if (dim % heads != 0) {
      throw new IllegalArgumentException("dim must be a multiple of heads; dim=" + dim + ", heads=" + heads);
    }
    Checks.inRange("neighbours", neighbours, 1, 1000);
    Checks.inRange("negatives", negatives, 1, 1000);
    Checks.inRange("maxPrefix", maxPrefix, 1, 1000);
    Checks.inRange("validationShare", validationShare, 0.0, 0.5);
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(training, "training");
  }

  /**
   * 32 dimensions in 4 heads, 16 neighbours per type, 8 negatives, prefixes up to 10, 10% validation; 10 epochs of
   * batch 256 with Adam 0.01 (weight decay 1e-6), cosine schedule, early stopping on validation recall (patience 2),
   * seed 42.
   *
   * @return the 32 dimensions in 4 heads, 16 neighbours per type, 8 negatives, prefixes up to 10, 10% validation
   */
  public static GatConfig defaults() {
    TrainingConfig t = TrainingConfig.builder().epochs(10).batchSize(256).seed(42)
        .optimizer(OptimizerConfig.adam(0.01).withWeightDecay(1e-6))
        .schedule(LearningRateSchedule.cosine(1e-4))
        .earlyStopping(new EarlyStopping(true, 2, 1e-4, true, EarlyStopping.Mode.MAXIMIZE))
        .build();
    return new GatConfig(32, 4, 16, 8, 10, 0.1, GraphConfig.defaults(), t);
  }

  /**
   * A copy with {@code epochs} training epochs.
   *
   * @param epochs the number of epochs
   * @return a copy with {@code epochs} training epochs
   */
  public GatConfig withEpochs(int epochs) {
    return new GatConfig(dim, heads, neighbours, negatives, maxPrefix, validationShare, graph,
        training.toBuilder().epochs(epochs).build());
  }

  /**
   * A copy with another seed.
   *
   * @param seed the random seed
   * @return a copy with another seed
   */
  public GatConfig withSeed(long seed) {
    return new GatConfig(dim, heads, neighbours, negatives, maxPrefix, validationShare, graph,
        training.toBuilder().seed(seed).build());
  }

  /**
   * A copy with another embedding size and head count.
   *
   * @param dim the dim
   * @param heads the heads
   * @return a copy with another embedding size and head count
   */
  public GatConfig withDim(int dim, int heads) {
    return new GatConfig(dim, heads, neighbours, negatives, maxPrefix, validationShare, graph, training);
  }
}
