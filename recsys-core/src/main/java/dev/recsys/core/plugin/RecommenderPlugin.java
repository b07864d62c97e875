package dev.recsys.core.plugin;

import dev.recsys.core.eval.RecommenderTrainer;

/**
 * A plugin that creates reusable {@link RecommenderTrainer}s: the kind that lets {@code recsys evaluate --models
 * NAME,...} and pipeline files select any recommender (baselines, factor models, two-tower, graph attention, a
 * user's own) by name.
 *
 * <p>A trainer created here may be fitted many times; each fit returns a new, independent, immutable
 * recommender, and a trainer whose configuration carries a seed gives the same recommender for the same data.
 *
 * @param <C> its configuration record
 */
public interface RecommenderPlugin<C> extends Plugin<C> {
  /**
   * A reusable trainer with this configuration; its {@link RecommenderTrainer#name()} is this plugin's name.
   *
   * @param config the configuration
   * @return a reusable trainer with this configuration
   */
  RecommenderTrainer create(C config);

  /**
   * A trainer with the {@linkplain #defaultConfig() default configuration}.
   *
   * @return a trainer with the {@linkplain #defaultConfig() default configuration}
   */
  default RecommenderTrainer create() {
    return create(defaultConfig());
  }
}
