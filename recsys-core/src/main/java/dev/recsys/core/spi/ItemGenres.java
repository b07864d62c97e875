package dev.recsys.core.spi;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
  /**
   * The provider name of a saved recommender with genre filters: {@link #filtering} of a {@link SaveableModel}
   * saves the genre table and the wrapped model's own container under this name. No plugin has it (plugin names
   * have no dot); {@code Plugins.loadRecommender} unpacks it with {@link #readFiltering}.
   */
  public static final String FILTERING_PROVIDER = "recsys.genre-filter";
  /** The format version of {@link #FILTERING_PROVIDER} containers this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  /** No item has a genre: every genre filter matches nothing. */
  public static final ItemGenres NONE = new ItemGenres(Map.of());

  private final Map<String, Set<String>> byItem;

  private ItemGenres(Map<String, Set<String>> byItem) {
    this.byItem = byItem;
  }

  /**
   * The genres of every track of {@code catalog}.
   *
   * @param catalog the tracks; those without genres are left out
   * @return the table of every track with at least one genre
   */
  public static ItemGenres of(Catalog catalog) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Track t : catalog.tracks()) {
      if (!t.genres().isEmpty()) {
        m.put(t.id(), Set.copyOf(t.genres()));
      }
    }
    return new ItemGenres(Map.copyOf(m));
  }

  /**
   * The given item-to-genres table (copied).
   *
   * @param genresByItem genres per item id; items with no genre are left out
   * @return an immutable copy of the table
   */
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

  /**
   * The genres of {@code itemId}, empty when unknown.
   *
   * @param itemId any item id
   * @return the item's genres, an immutable set
   */
  public Set<String> of(String itemId) {
    return byItem.getOrDefault(itemId, Set.of());
  }

  /**
   * Whether {@code itemId} passes the filter {@code genres}: true for an empty filter, else a shared genre.
   *
   * @param itemId any item id
   * @param genres the query's genre filter; empty lets everything pass
   * @return true when the filter is empty or the item has one of its genres
   */
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

  /**
   * The items that have at least one genre.
   *
   * @return an unmodifiable set of the item ids
   */
  public Set<String> items() {
    return byItem.keySet();
  }

  /**
   * Number of items with at least one genre.
   *
   * @return the number of items with at least one genre
   */
  public int size() {
    return byItem.size();
  }

  /**
   * {@code recommender} with genre filters applied: a query with genres is answered by the wrapped recommender
   * with the genre filter replaced by an exclusion of every item outside the genres, so results keep its order,
   * scores and explanations. A query without genres goes straight through. When {@code recommender} is a
   * {@link SaveableModel}, so is the result: it saves this table with the wrapped model ({@link #FILTERING_PROVIDER}).
   *
   * @param recommender the recommender to wrap
   * @return the wrapping recommender, saveable when {@code recommender} is
   */
  public Recommender filtering(Recommender recommender) {
    Objects.requireNonNull(recommender, "recommender");
    return recommender instanceof SaveableModel
        ? new GenreFilteringRecommender.Saveable(recommender, this)
        : new GenreFilteringRecommender(recommender, this);
  }

  /**
   * A saved recommender with genre filters, unpacked.
   *
   * @param genres the genre table the filters use
   * @param model the container of the wrapped recommender, read by its own plugin
   */
  public record SavedFiltering(ItemGenres genres, ModelContainer model) {
    /** Validates the fields. */
    public SavedFiltering {
      Objects.requireNonNull(genres, "genres");
      Objects.requireNonNull(model, "model");
    }
  }

  /**
   * Unpacks a container written by a {@linkplain #filtering filtering} recommender: its genre table and the
   * wrapped model's container.
   *
   * @param container a container of provider {@link #FILTERING_PROVIDER}
   * @return the genre table and the wrapped model's container
   * @throws ModelFormatException if the container is of another provider, of a newer format version, or malformed
   */
  public static SavedFiltering readFiltering(ModelContainer container) throws ModelFormatException {
    container.require(FILTERING_PROVIDER, FORMAT_VERSION);
    return ModelContainer.decode("genre-filtered model", () -> {
      Payload.Reader r = Payload.reader(container.payload());
      int n = r.getCount(8);
      Map<String, List<String>> table = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String item = r.getString();
        if (table.put(item, r.getStrings()) != null) {
          throw new ModelFormatException("item '" + item + "' appears twice in the genre table");
        }
      }
      byte[] inner = r.getBytes();
      r.requireEnd();
      return new SavedFiltering(of(table), ModelContainer.read(new ByteArrayInputStream(inner), "wrapped model"));
    });
  }

  /** The table in a payload, items and genres sorted so that equal tables give equal bytes. */
  void write(Payload.Writer w) {
    List<String> ids = new ArrayList<>(byItem.keySet());
    ids.sort(null);
    w.putInt(ids.size());
    for (String id : ids) {
      List<String> g = new ArrayList<>(byItem.get(id));
      g.sort(null);
      w.putString(id).putStrings(g);
    }
  }

  @Override
  public String toString() {
    return "ItemGenres[" + byItem.size() + " items, " + byItem.values().stream().flatMap(Set::stream).distinct().count()
        + " genres]";
  }
}
