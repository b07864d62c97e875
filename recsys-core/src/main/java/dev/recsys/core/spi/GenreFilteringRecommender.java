package dev.recsys.core.spi;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.SaveableModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** See {@link ItemGenres#filtering(Recommender)}. */
class GenreFilteringRecommender implements Recommender {
  final Recommender inner;
  final ItemGenres genres;

  GenreFilteringRecommender(Recommender inner, ItemGenres genres) {
    this.inner = inner;
    this.genres = genres;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    if (query.genres().isEmpty()) {
      return inner.recommend(query);
    }
    Set<String> exclude = new HashSet<>(query.exclude());
    for (String item : genres.items()) {
      if (!genres.matches(item, query.genres())) {
        exclude.add(item);
      }
    }
    // items without known genres may still come back from the wrapped recommender: drop them, and ask for
    // more until k pass or the recommender runs out
    int ask = query.k();
    while (true) {
      RecommendationQuery q = new RecommendationQuery(query.listenerId(), query.seedItems(), ask, exclude,
          query.excludeSeen(), Set.of());
      List<Recommendation> got = inner.recommend(q);
      List<Recommendation> out = new ArrayList<>(Math.min(query.k(), got.size()));
      for (Recommendation r : got) {
        if (genres.matches(r.itemId(), query.genres()) && out.size() < query.k()) {
          out.add(r);
        }
      }
      if (out.size() == query.k() || got.size() < ask || ask == VectorIndex.MAX_K) {
        return out;
      }
      ask = (int) Math.min(VectorIndex.MAX_K, 2L * ask + query.k());
    }
  }

  @Override
  public String toString() {
    return inner + " filtered by " + genres;
  }

  /** The filtering of a saveable recommender: saves the genre table with the wrapped model's container. */
  static final class Saveable extends GenreFilteringRecommender implements SaveableModel {
    Saveable(Recommender inner, ItemGenres genres) {
      super(inner, genres);
    }

    @Override
    public ModelContainer toContainer() {
      ModelContainer model = ((SaveableModel) inner).toContainer();
      Payload.Writer w = Payload.writer();
      genres.write(w);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.payload().length + 1024);
      try {
        model.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      w.putBytes(bytes.toByteArray());
      return new ModelContainer(ItemGenres.FILTERING_PROVIDER, ItemGenres.FORMAT_VERSION,
          model.configJson(), model.provenance(), w.toByteArray());
    }
  }
}
