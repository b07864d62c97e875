package dev.recsys.core.plugin;

import dev.recsys.core.matching.ListenerMatcherTrainer;

/**
 * A plugin that creates reusable {@link ListenerMatcherTrainer}s: the kind that lets {@code recsys
 * evaluate-matching --models NAME,...} and {@code recsys similar-listeners --model NAME} select any listener
 * matcher (the baselines, the learned co-listening matcher, a user's own) by name.
 *
 * <p>A trainer created here may be fitted many times; each fit returns a new, independent matcher, and a trainer
 * whose configuration carries a seed gives the same matcher for the same data.
 *
 * @param <C> its configuration record
 */
public interface ListenerMatcherPlugin<C> extends Plugin<C> {
  /** A reusable trainer with this configuration; its {@link ListenerMatcherTrainer#name()} is this plugin's name. */
  ListenerMatcherTrainer create(C config);

  /** A trainer with the {@linkplain #defaultConfig() default configuration}. */
  default ListenerMatcherTrainer create() {
    return create(defaultConfig());
  }

  /**
   * {@code config} with its seed replaced by {@code seed}, for configurations that carry one; unchanged
   * otherwise.
   */
  default C withSeed(C config, long seed) {
    return config;
  }
}
