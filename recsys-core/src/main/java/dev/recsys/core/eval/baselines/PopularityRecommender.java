package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.spi.Explanation;
import java.util.List;

/**
 * Most-popular baseline: every listener gets the items with the most distinct training users, minus what they
 * already have. Score = number of training users. Immutable and thread-safe.
 */
public final class PopularityRecommender extends MatrixRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "popularity";
  /** The format version of saved models this code writes and the newest it reads (no state beyond the matrix). */
  public static final int FORMAT_VERSION = 1;

  private PopularityRecommender(Interactions train) {
    super(NAME, FORMAT_VERSION, train);
  }

  private PopularityRecommender(Restored saved) {
    super(NAME, FORMAT_VERSION, saved);
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static PopularityRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, NoConfig.class, (saved, config, in) -> new PopularityRecommender(saved));
  }

  @Override
  Object config() {
    return NoConfig.INSTANCE;
  }

  /**
   * Fits on {@code train}.
   *
   * @param train the training interactions
   * @return the {@code PopularityRecommender}
   */
  public static PopularityRecommender fit(Interactions train) {
    return new PopularityRecommender(train);
  }

  /**
   * The trainer.
   *
   * @return the trainer
   */
  public static RecommenderTrainer trainer() {
    return RecommenderTrainer.of(NAME, PopularityRecommender::fit);
  }

  @Override
  Object score(int[] history, int listener, float[] scores) {
    for (int i = 0; i < scores.length; i++) {
      scores[i] = popularity[i];
    }
    return null;
  }

  @Override
  Explanation explain(Object state, int[] history, int item, float score) {
    return new Explanation("popular: " + popularity[item] + " listeners played it",
        List.of(new Explanation.Factor("popularity", items.id(item), popularity[item], score)));
  }
}
