package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.internal.TopK;
import dev.recsys.core.eval.internal.UserItemMatrix;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared query handling of the baselines fitted on an interaction table: resolving the query's history,
 * exclusions, the popularity fallback, deterministic top-k selection and explanations.
 *
 * <p>A query's <em>history</em> is the listener's training items (when the listener is known) plus the query's
 * seed items that are in the catalogue. With an empty history (unknown listener, no known seed) every baseline
 * answers with the most popular items, and says so in the explanation. Results are ordered by score, then by
 * training popularity, then by item index, so the list is total and deterministic; items with score 0 fill the
 * list when fewer items have a positive score (the contract asks for {@code min(k, eligible)} results). Genre
 * filters need item genres, which interaction-only baselines do not have: a query with genres fails with
 * {@link IllegalArgumentException}, unless the recommender was fitted through
 * {@link dev.recsys.core.eval.RecommenderTrainer#fit(Interactions, dev.recsys.core.model.Catalog)}, which
 * applies the filter with the catalogue's genres.
 *
 * <p>Immutable and thread-safe: each query allocates its own score buffer.
 */
abstract class MatrixRecommender implements Recommender {
  final String name;
  final IdIndex users;
  final IdIndex items;
  final UserItemMatrix matrix;
  final int[] popularity;

  MatrixRecommender(String name, Interactions train) {
    this.name = name;
    this.users = train.users();
    this.items = train.items();
    this.matrix = UserItemMatrix.of(train);
    this.popularity = new int[matrix.numItems()];
    for (int i = 0; i < popularity.length; i++) {
      popularity[i] = matrix.itemDegree(i);
    }
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * Number of catalogue items.
   *
   * @return the number of catalogue items
   */
  public int numItems() {
    return matrix.numItems();
  }

  /**
   * Writes the score of every item for a non-empty history into {@code scores} (all zero on entry).
   *
   * @param listener the known listener's index, or -1
   * @return state for {@link #explain}, or {@code null}
   */
  abstract Object score(int[] history, int listener, float[] scores);

  /** The explanation of one result. */
  abstract Explanation explain(Object state, int[] history, int item, float score);

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    if (!query.genres().isEmpty()) {
      throw new IllegalArgumentException(name + " has no item genres, so it cannot filter by genres "
          + query.genres() + "; filter the results instead");
    }
    int listener = query.listenerId().map(users::indexOf).orElse(-1);
    if (listener >= matrix.numUsers()) {
      listener = -1;
    }
    int[] history = history(listener, query.seedItems());
    int n = matrix.numItems();
    boolean[] excluded = new boolean[n];
    for (String id : query.exclude()) {
      int i = items.indexOf(id);
      if (i >= 0 && i < n) {
        excluded[i] = true;
      }
    }
    if (query.excludeSeen()) {
      for (int h : history) {
        excluded[h] = true;
      }
    }
    float[] scores = new float[n];
    Object state = null;
    boolean fallback = history.length == 0;
    if (fallback) {
      for (int i = 0; i < n; i++) {
        scores[i] = popularity[i];
      }
    } else {
      state = score(history, listener, scores);
    }
    int[] top = TopK.select(scores, popularity, excluded, query.k());
    List<Recommendation> out = new ArrayList<>(top.length);
    for (int i : top) {
      Explanation e = fallback
          ? new Explanation("popular: " + popularity[i] + " listeners played it (no history to go on)",
              List.of(new Explanation.Factor("popularity", items.id(i), popularity[i], scores[i])))
          : explain(state, history, i, scores[i]);
      out.add(new Recommendation(items.id(i), scores[i], e));
    }
    return out;
  }

  /** The listener's training items plus the known seed items, sorted and distinct. */
  int[] history(int listener, List<String> seeds) {
    int[] own = listener >= 0 ? matrix.itemsOf(listener) : new int[0];
    if (seeds.isEmpty()) {
      return own;
    }
    int[] all = Arrays.copyOf(own, own.length + seeds.size());
    int m = own.length;
    for (String s : seeds) {
      int i = items.indexOf(s);
      if (i >= 0 && i < matrix.numItems()) {
        all[m++] = i;
      }
    }
    return Arrays.stream(all, 0, m).sorted().distinct().toArray();
  }

  /** Labels of the first few factors, for summaries: {@code "A, B and 3 more"}. */
  static String labels(List<Explanation.Factor> factors, int max) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(max, factors.size());
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(factors.get(i).label());
    }
    if (factors.size() > n) {
      b.append(" and ").append(factors.size() - n).append(" more");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[name=" + name + ", users=" + matrix.numUsers() + ", items="
        + matrix.numItems() + ", nnz=" + matrix.nnz() + "]";
  }
}
