package dev.recsys.core.plugin;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ListenerMatcherTrainer;

/**
 * A plugin that creates reusable {@link ListenerMatcherTrainer}s: the kind that lets {@code recsys
 * evaluate-matching --models NAME,...} and {@code recsys similar-listeners --model NAME} select any listener
 * matcher (the baselines, the learned co-listening matcher, a user's own) by name.
 *
 * <p>A trainer created here may be fitted many times; each fit returns a new, independent matcher, and a trainer
 * whose configuration carries a seed gives the same matcher for the same data.
 *
 * <p>Saving and loading: a fitted matcher that implements {@link dev.recsys.core.io.SaveableModel} writes a
 * container whose provider is one of {@link #providers()}; {@link #load} reads it back into a matcher with the same
 * listeners that answers the same queries with the same scores; {@link Plugins#load(java.nio.file.Path, Class)} finds
 * the plugin from the file.
 *
 * @param <C> its configuration record
 */
public interface ListenerMatcherPlugin<C> extends Plugin<C> {
  /**
   * A reusable trainer with this configuration; its {@link ListenerMatcherTrainer#name()} is this plugin's name.
   *
   * @param config the matcher's configuration
   * @return a trainer that may fit any number of matchers
   */
  ListenerMatcherTrainer create(C config);

  /**
   * A trainer with the {@linkplain #defaultConfig() default configuration}.
   *
   * @return a trainer with the default configuration
   */
  default ListenerMatcherTrainer create() {
    return create(defaultConfig());
  }

  /**
   * {@code config} with its seed replaced by {@code seed}, for configurations that carry one; unchanged
   * otherwise.
   *
   * @param config the configuration to reseed
   * @param seed the new seed
   * @return the reseeded configuration, or {@code config} itself when it carries no seed
   */
  default C withSeed(C config, long seed) {
    return config;
  }

  /**
   * Reads a matcher that one of this plugin's trainers fitted and saved. The default refuses: the plugin's matchers
   * are not saved.
   *
   * @param container a container of one of {@link #providers()}
   * @return the matcher
   * @throws ModelFormatException if the container holds another provider's model, a newer format version, or a
   *     malformed payload
   */
  @Override
  default ListenerMatcher load(ModelContainer container) throws ModelFormatException {
    throw new ModelFormatException("listener matcher plugin '" + name() + "' does not load saved matchers (provider '"
        + container.provider() + "')");
  }
}
