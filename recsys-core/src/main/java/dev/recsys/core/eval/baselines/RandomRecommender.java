package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;

/**
 * Random baseline: uniformly random scores in [0, 1), drawn from a hash of the seed, the query's history and
 * the item, so the same query with the same seed always gets the same list (deterministic and thread-safe as
 * the {@link dev.recsys.core.spi.Recommender} contract asks) while different listeners get independent lists.
 */
public final class RandomRecommender extends MatrixRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "random";
  /** The format version of saved models this code writes and the newest it reads (the seed is the configuration). */
  public static final int FORMAT_VERSION = 1;

  /**
   * Settings.
   *
   * @param seed of the hash that draws the scores
   */
  public record Config(long seed) {
    /**
     * Seed 42.
     *
     * @return the seed 42
     */
    public static Config defaults() {
      return new Config(42);
    }
  }

  private final long seed;

  private RandomRecommender(Interactions train, long seed) {
    super(NAME, FORMAT_VERSION, train);
    this.seed = seed;
  }

  private RandomRecommender(Restored saved, long seed) {
    super(NAME, FORMAT_VERSION, saved);
    this.seed = seed;
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static RandomRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, Config.class,
        (saved, config, in) -> new RandomRecommender(saved, config.seed()));
  }

  @Override
  Object config() {
    return new Config(seed);
  }

  @Override
  long seed() {
    return seed;
  }

  /**
   * Fits on {@code train} (only the catalogue and histories are used).
   *
   * @param train the training interactions
   * @param seed the random seed
   * @return the {@code RandomRecommender}
   */
  public static RandomRecommender fit(Interactions train, long seed) {
    return new RandomRecommender(train, seed);
  }

  /**
   * The trainer.
   *
   * @param seed the random seed
   * @return the trainer
   */
  public static RecommenderTrainer trainer(long seed) {
    return RecommenderTrainer.of(NAME, t -> fit(t, seed));
  }

  @Override
  Object score(int[] history, int listener, float[] scores) {
    long key = seed;
    key = mix(key ^ listener);
    for (int h : history) {
      key = mix(key + h);
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (mix(key + 0x9E3779B97F4A7C15L * (i + 1)) >>> 40) * 0x1.0p-24f;
    }
    return null;
  }

  @Override
  Explanation explain(Object state, int[] history, int item, float score) {
    return Explanation.of("random pick (seed " + seed + ")");
  }

  /** SplitMix64 finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", seed=" + seed + "]");
  }
}
