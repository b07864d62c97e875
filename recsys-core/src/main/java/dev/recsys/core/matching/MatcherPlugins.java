package dev.recsys.core.matching;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.plugin.ListenerMatcherPlugin;
import dev.recsys.core.plugin.NoConfig;
import java.util.Set;

/**
 * The baseline listener matchers as {@link ListenerMatcherPlugin}s, registered as services, so that they are
 * selected by name like any other matcher: {@code random}, {@code most-active}, {@code cosine-binary},
 * {@code cosine-logplays}, {@code cosine-tfidf}, {@code cosine-bm25}, {@code content}, {@code svd}, {@code ials}.
 */
public final class MatcherPlugins {
  private MatcherPlugins() {}

  /** {@code random}: chance: seeded uniformly random matches. */
  public static final class Random implements ListenerMatcherPlugin<RandomMatcher.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Random() {}

    @Override
    public String name() {
      return "random";
    }

    @Override
    public String description() {
      return "chance: seeded uniformly random matches";
    }

    @Override
    public Class<RandomMatcher.Config> configType() {
      return RandomMatcher.Config.class;
    }

    @Override
    public RandomMatcher.Config defaultConfig() {
      return RandomMatcher.Config.defaults();
    }

    @Override
    public ListenerMatcherTrainer create(RandomMatcher.Config config) {
      return RandomMatcher.trainer(config);
    }

    @Override
    public RandomMatcher.Config withSeed(RandomMatcher.Config config, long seed) {
      return new RandomMatcher.Config(seed);
    }
  }

  /** {@code most-active}: the most active listeners (most distinct items) for everyone. */
  public static final class MostActive implements ListenerMatcherPlugin<NoConfig> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public MostActive() {}

    @Override
    public String name() {
      return "most-active";
    }

    @Override
    public String description() {
      return "the most active listeners (most distinct items) for everyone";
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaultConfig() {
      return NoConfig.INSTANCE;
    }

    @Override
    public ListenerMatcherTrainer create(NoConfig config) {
      return MostActiveMatcher.trainer();
    }
  }

  /** A raw co-listening cosine with one item weighting: the three {@code cosine-*} plugins differ only in it. */
  abstract static class CosinePlugin implements ListenerMatcherPlugin<CosineMatcher.Config> {
    private final String name;
    private final String description;
    private final ItemWeighting weighting;

    CosinePlugin(String name, String description, ItemWeighting weighting) {
      this.name = name;
      this.description = description;
      this.weighting = weighting;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public Class<CosineMatcher.Config> configType() {
      return CosineMatcher.Config.class;
    }

    @Override
    public CosineMatcher.Config defaultConfig() {
      return new CosineMatcher.Config(weighting);
    }

    @Override
    public ListenerMatcherTrainer create(CosineMatcher.Config config) {
      return CosineMatcher.trainer(name, config);
    }

    /** Its own name: the matchers it fits save under it ({@link CosineMatcher#toContainer()}). */
    @Override
    public Set<String> providers() {
      return Set.of(name);
    }

    @Override
    public ListenerMatcher load(ModelContainer container) throws ModelFormatException {
      container.require(name, CosineMatcher.FORMAT_VERSION);
      return CosineMatcher.load(container, "'" + name + "' container");
    }
  }

  /** {@code cosine-binary}: cosine of binary item vectors (shared items). */
  public static final class CosineBinary extends CosinePlugin {
    /** The plugin, as the service loader creates it. */
    public CosineBinary() {
      super("cosine-binary", "cosine of binary item vectors (shared items)", ItemWeighting.BINARY);
    }
  }

  /** {@code cosine-logplays}: cosine of log-play item vectors. */
  public static final class CosineLogPlays extends CosinePlugin {
    /** The plugin, as the service loader creates it. */
    public CosineLogPlays() {
      super("cosine-logplays", "cosine of log-play item vectors", ItemWeighting.LOG_PLAYS);
    }
  }

  /** {@code cosine-tfidf}: cosine of TF-IDF-weighted log-play item vectors. */
  public static final class CosineTfidf extends CosinePlugin {
    /** The plugin, as the service loader creates it. */
    public CosineTfidf() {
      super("cosine-tfidf", "cosine of TF-IDF-weighted log-play item vectors", ItemWeighting.TFIDF);
    }
  }

  /** {@code cosine-bm25}: cosine of BM25-saturated plays times squared IDF ({@link ItemWeighting#BM25_IDF2}). */
  public static final class CosineBm25 extends CosinePlugin {
    /** The plugin, as the service loader creates it. */
    public CosineBm25() {
      super("cosine-bm25", "cosine of BM25-saturated plays x squared IDF item vectors", ItemWeighting.BM25_IDF2);
    }
  }

  /** {@code content}: content-profile cosine: genre distribution and audio-feature means. */
  public static final class Content implements ListenerMatcherPlugin<NoConfig> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Content() {}

    @Override
    public String name() {
      return "content";
    }

    @Override
    public String description() {
      return "content-profile cosine: genre distribution and audio-feature means";
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaultConfig() {
      return NoConfig.INSTANCE;
    }

    @Override
    public ListenerMatcherTrainer create(NoConfig config) {
      return ContentProfileMatcher.trainer();
    }
  }

  /** {@code svd}: truncated-SVD listener vectors of the TF-IDF listener-item matrix. */
  public static final class Svd implements ListenerMatcherPlugin<SvdMatcher.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Svd() {}

    @Override
    public String name() {
      return "svd";
    }

    @Override
    public String description() {
      return "truncated-SVD listener vectors of the TF-IDF listener-item matrix";
    }

    @Override
    public Class<SvdMatcher.Config> configType() {
      return SvdMatcher.Config.class;
    }

    @Override
    public SvdMatcher.Config defaultConfig() {
      return SvdMatcher.Config.defaults();
    }

    @Override
    public ListenerMatcherTrainer create(SvdMatcher.Config config) {
      return SvdMatcher.trainer(config);
    }

    @Override
    public SvdMatcher.Config withSeed(SvdMatcher.Config config, long seed) {
      return new SvdMatcher.Config(config.rank(), config.weighting(), config.iterations(), seed);
    }
  }

  /** {@code ials}: the listener vectors of an implicit-ALS factor model. */
  public static final class Ials implements ListenerMatcherPlugin<IalsMatcher.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Ials() {}

    @Override
    public String name() {
      return IalsMatcher.NAME;
    }

    @Override
    public String description() {
      return "listener vectors of an implicit-ALS factor model (the recommender's default settings)";
    }

    @Override
    public Class<IalsMatcher.Config> configType() {
      return IalsMatcher.Config.class;
    }

    @Override
    public IalsMatcher.Config defaultConfig() {
      return IalsMatcher.Config.defaults();
    }

    @Override
    public ListenerMatcherTrainer create(IalsMatcher.Config config) {
      return IalsMatcher.trainer(config);
    }

    @Override
    public IalsMatcher.Config withSeed(IalsMatcher.Config config, long seed) {
      return new IalsMatcher.Config(config.factors().toBuilder().seed(seed).build());
    }
  }
}
