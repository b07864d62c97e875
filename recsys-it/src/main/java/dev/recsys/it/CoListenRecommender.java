package dev.recsys.it;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ItemGenres;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Recommends the items most often heard by the same listeners as the query's items (co-listening counts, pairs
 * seen fewer than {@code minCoListens} times ignored), popularity when there is no history, and honours genre
 * filters with the genres given at fit time. Immutable and thread-safe.
 */
public final class CoListenRecommender implements Recommender {
  /** Its name in reports and the plugin registry. */
  public static final String NAME = "co-listen";

  /**
   * Configuration.
   *
   * @param minCoListens the fewest listeners two items must share to count, in [1, 1000]
   */
  public record Config(int minCoListens) {
    /** Validates. */
    public Config {
      if (minCoListens < 1 || minCoListens > 1000) {
        throw new IllegalArgumentException("minCoListens must be in [1, 1000]; minCoListens=" + minCoListens);
      }
    }
  }

  /** The trainer: reusable, each fit an independent recommender. */
  public static RecommenderTrainer trainer(Config config) {
    Objects.requireNonNull(config, "config");
    return new RecommenderTrainer() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Recommender fit(Interactions train) {
        return new CoListenRecommender(train, config, null);
      }

      @Override
      public Recommender fit(Interactions train, Catalog catalog) {
        return new CoListenRecommender(train, config, ItemGenres.of(catalog));
      }
    };
  }

  /** The plugin that makes the trainer selectable by the name {@value #NAME}. */
  public static final class Plugin implements RecommenderPlugin<Config> {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "co-listening counts with a popularity fallback (recsys-it application)";
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaultConfig() {
      return new Config(1);
    }

    @Override
    public RecommenderTrainer create(Config config) {
      return trainer(config);
    }
  }

  private final Interactions train;
  private final ItemGenres genres;
  private final int[][] itemsByUser;
  private final int[][] coListens;
  private final int[] popularity;
  private final int minCoListens;

  private CoListenRecommender(Interactions train, Config config, ItemGenres genres) {
    this.train = train;
    this.genres = genres;
    this.minCoListens = config.minCoListens();
    int ni = train.items().size();
    int nu = train.users().size();
    BitSet[] heard = new BitSet[nu];
    for (int u = 0; u < nu; u++) {
      heard[u] = new BitSet(ni);
    }
    for (int r = 0; r < train.size(); r++) {
      heard[train.user(r)].set(train.item(r));
    }
    itemsByUser = new int[nu][];
    popularity = new int[ni];
    coListens = new int[ni][ni];
    for (int u = 0; u < nu; u++) {
      int[] items = heard[u].stream().toArray();
      itemsByUser[u] = items;
      for (int a : items) {
        popularity[a]++;
        for (int b : items) {
          if (a != b) {
            coListens[a][b]++;
          }
        }
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    if (!query.genres().isEmpty() && genres == null) {
      throw new IllegalArgumentException(NAME + " was fitted without item genres, so it cannot filter by " + query.genres()
          + "; fit it with RecommenderTrainer.fit(train, catalog)");
    }
    int ni = popularity.length;
    int user = query.listenerId().map(train.users()::indexOf).orElse(-1);
    List<Integer> history = new ArrayList<>();
    if (user >= 0) {
      for (int i : itemsByUser[user]) {
        history.add(i);
      }
    }
    for (String s : query.seedItems()) {
      int i = train.items().indexOf(s);
      if (i >= 0) {
        history.add(i);
      }
    }
    boolean[] blocked = new boolean[ni];
    for (String s : query.exclude()) {
      int i = train.items().indexOf(s);
      if (i >= 0) {
        blocked[i] = true;
      }
    }
    if (query.excludeSeen()) {
      history.forEach(i -> blocked[i] = true);
    }
    if (!query.genres().isEmpty()) {
      for (int i = 0; i < ni; i++) {
        blocked[i] |= !genres.matches(train.items().id(i), query.genres());
      }
    }
    double[] score = new double[ni];
    boolean fallback = history.isEmpty();
    for (int i = 0; i < ni; i++) {
      if (fallback) {
        score[i] = popularity[i];
      } else {
        for (int h : history) {
          if (coListens[h][i] >= minCoListens) {
            score[i] += coListens[h][i];
          }
        }
      }
    }
    Integer[] order = new Integer[ni];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a])
        : popularity[a] != popularity[b] ? Integer.compare(popularity[b], popularity[a]) : Integer.compare(a, b));
    List<Recommendation> out = new ArrayList<>(query.k());
    for (int i : order) {
      if (out.size() == query.k()) {
        break;
      }
      if (!blocked[i]) {
        String why = fallback ? popularity[i] + " listeners heard it (no history)"
            : (int) score[i] + " co-listens with the " + history.size() + " items of the history";
        out.add(new Recommendation(train.items().id(i), score[i],
            new Explanation(why, List.of(new Explanation.Factor(fallback ? "popularity" : "co-listen", train.items().id(i),
                score[i], score[i])))));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CoListenRecommender[" + popularity.length + " items, " + itemsByUser.length + " listeners, minCoListens "
        + minCoListens + (genres == null ? "" : ", " + genres) + "]";
  }
}
