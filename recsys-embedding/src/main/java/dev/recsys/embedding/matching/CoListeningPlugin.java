package dev.recsys.embedding.matching;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.plugin.ListenerMatcherPlugin;
import java.util.Set;

/** {@code matcher}: the learned co-listening listener matcher ({@link CoListeningMatcherTrainer}). */
public final class CoListeningPlugin implements ListenerMatcherPlugin<CoListeningConfig> {
  /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
  public CoListeningPlugin() {}

  @Override
  public String name() {
    return CoListeningMatcherTrainer.NAME;
  }

  @Override
  public String description() {
    return "learned matcher: item embeddings from co-listening pooled by TF-IDF/BM25 weights, plus the content "
        + "profile, trained on split-half views, plus the exact TF-IDF item overlap; settings chosen on validation "
        + "listeners";
  }

  @Override
  public Class<CoListeningConfig> configType() {
    return CoListeningConfig.class;
  }

  @Override
  public CoListeningConfig defaultConfig() {
    return CoListeningConfig.defaults();
  }

  @Override
  public ListenerMatcherTrainer create(CoListeningConfig config) {
    return new CoListeningMatcherTrainer(config);
  }

  @Override
  public CoListeningConfig withSeed(CoListeningConfig config, long seed) {
    return config.toBuilder().seed(seed).build();
  }

  /** Its own name: the matchers it fits save under it ({@link CoListeningMatcher#toContainer()}). */
  @Override
  public Set<String> providers() {
    return Set.of(CoListeningMatcherTrainer.NAME);
  }

  @Override
  public ListenerMatcher load(ModelContainer container) throws ModelFormatException {
    container.require(CoListeningMatcherTrainer.NAME, CoListeningMatcher.FORMAT_VERSION);
    return CoListeningMatcher.load(container, "'" + CoListeningMatcherTrainer.NAME + "' container");
  }
}
