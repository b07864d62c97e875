package dev.recsys.core.matching;

import dev.recsys.core.eval.baselines.IalsRecommender;
import dev.recsys.core.model.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Implicit-ALS listener vectors: an {@link IalsRecommender} is fitted on the interactions and each listener is its
 * fitted listener vector, compared by cosine. The collaborative factor-model baseline next to {@link SvdMatcher}:
 * it generalises across items, so two listeners with no item in common can match. A listener added later is folded
 * in with the fitted track vectors fixed ({@link IalsRecommender#foldInEmbedding}); items unknown to the model are
 * ignored.
 */
public final class IalsMatcher extends DenseListenerMatcher {
  /** Name in reports and on the command line. */
  public static final String NAME = "ials";

  /**
   * Settings.
   *
   * @param factors the factor model's settings
   */
  public record Config(IalsRecommender.Config factors) {
    /** Validates. */
    public Config {
      Objects.requireNonNull(factors, "factors");
    }

    /**
     * The recommender's defaults ({@link IalsRecommender.Config#defaults()}).
     *
     * @return the implicit ALS recommender's default settings
     */
    public static Config defaults() {
      return new Config(IalsRecommender.Config.defaults());
    }
  }

  private final IalsRecommender model;

  private IalsMatcher(ListenerProfiles p, Catalog catalog, IalsRecommender model, float[][] vectors) {
    super(NAME, p, catalog, vectors);
    this.model = model;
  }

  /**
   * The trainer.
   *
   * @param config the settings of the implicit ALS factorisation whose user factors become listener vectors
   * @return a trainer fitting implicit ALS and matching listeners by the cosine of their factors
   */
  public static ListenerMatcherTrainer trainer(Config config) {
    Objects.requireNonNull(config, "config");
    return ListenerMatcherTrainer.of(NAME, (data, catalog) -> {
      ListenerProfiles p = ListenerProfiles.of(data);
      if (p.size() == 0) {
        throw new IllegalArgumentException("no listener to factorise: the data has no non-skipped interaction");
      }
      IalsRecommender model = IalsRecommender.fit(data, config.factors());
      float[][] vectors = new float[p.size()][];
      for (int u = 0; u < p.size(); u++) {
        vectors[u] = model.listenerEmbedding(p.id(u)).orElseGet(() -> new float[model.dimension()]);
      }
      return new IalsMatcher(p, catalog, model, vectors);
    });
  }

  @Override
  protected float[] encode(int u) {
    List<String> tracks = new ArrayList<>();
    for (int i : profiles.items(u)) {
      tracks.add(profiles.itemId(i));
    }
    return model.foldInEmbedding(tracks);
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of("co-listening", cosine(a, b));
  }
}
