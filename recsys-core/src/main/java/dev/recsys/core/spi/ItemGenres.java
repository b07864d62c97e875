package dev.recsys.core.spi;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The genres of the catalogue's items: what a {@link Recommender} needs to honour a query's
 * {@linkplain RecommendationQuery#genres() genre filter}. A recommender fitted on interactions alone never sees
 * the catalogue; a trainer receives this with the interactions (see
 * {@code dev.recsys.core.eval.RecommenderTrainer#fit(dev.recsys.core.model.Interactions, dev.recsys.core.model.Catalog)}).
 *
 * <p>An item this table does not know has no genre, so it never passes a genre filter. Immutable and
 * thread-safe.
 */
public final class ItemGenres {
  /** No item has a genre: every genre filter matches nothing. */
  public static final ItemGenres NONE = new ItemGenres(Map.of());

  private final Map<String, Set<String>> byItem;

  private ItemGenres(Map<String, Set<String>> byItem) {
    this.byItem = byItem;
  }

  /** The genres of every track of {@code catalog}. */
  public static ItemGenres of(Catalog catalog) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Track t : catalog.tracks()) {
      if (!t.genres().isEmpty()) {
        m.put(t.id(), Set.copyOf(t.genres()));
      }
    }
    return new ItemGenres(Map.copyOf(m));
  }

  /** The given item-to-genres table (copied). */
  public static ItemGenres of(Map<String, ? extends Collection<String>> genresByItem) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    genresByItem.forEach((item, genres) -> {
      Objects.requireNonNull(item, "item id");
      if (!genres.isEmpty()) {
        m.put(item, Set.copyOf(genres));
      }
    });
    return new ItemGenres(Map.copyOf(m));
  }

  /** The genres of {@code itemId}, empty when unknown. */
  public Set<String> of(String itemId) {
    return byItem.getOrDefault(itemId, Set.of());
  }

  /** Whether {@code itemId} passes the filter {@code genres}: true for an empty filter, else a shared genre. */
  public boolean matches(String itemId, Set<String> genres) {
    if (genres.isEmpty()) {
      return true;
    }
    for (String g : of(itemId)) {
      if (genres.contains(g)) {
        return true;
      }
    }
    return false;
  }

  /** The items that have at least one genre. */
  public Set<String> items() {
    return byItem.keySet();
  }

  /** Number of items with at least one genre. */
  public int size() {
    return byItem.size();
  }

  /**
   * {@code recommender} with genre filters applied: a query with genres is answered by the wrapped recommender
   * with the genre filter replaced by an exclusion of every item outside the genres, so results keep its order,
   * scores and explanations. A query without genres goes straight through.
   */
  public Recommender filtering(Recommender recommender) {
    Objects.requireNonNull(recommender, "recommender");
    return new GenreFilteringRecommender(recommender, this);
  }

  @Override
  public String toString() {
    return "ItemGenres[" + byItem.size() + " items, " + byItem.values().stream().flatMap(Set::stream).distinct().count()
        + " genres]";
  }
}
