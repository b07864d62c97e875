package dev.recsys.core.eval;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.ItemGenres;
import dev.recsys.core.spi.Recommender;

/**
 * Fits a {@link Recommender} on the training part of a split: the one thing the {@link Evaluator} needs to know
 * about a model. A trainer may be called more than once (for example on several splits); each call returns a
 * new, independent, immutable recommender. Trainers with randomness take a seed in their configuration.
 */
public interface RecommenderTrainer {
  /**
   * The name of the models it fits (e.g. {@code "itemknn"}), used in reports.
   *
   * @return the name of the models it fits (e.g. {@code "itemknn"}), used in reports
   */
  String name();

  /**
   * Fits a recommender on {@code train}; item and user ids are those of {@code train}'s dictionaries.
   *
   * @param train the training interactions
   * @return the {@code Recommender}
   */
  Recommender fit(Interactions train);

  /**
   * Fits a recommender on {@code train} with the catalogue's content (genres, artists, audio features) at hand,
   * honouring {@linkplain dev.recsys.core.spi.RecommendationQuery#genres() genre filters} with the catalogue's
   * genres. Models that use content (the content baseline, the two-tower's track tower, the graph models)
   * override this; the default fits on the interactions and applies genre filters through
   * {@link ItemGenres#filtering}. Callers that have a catalogue should call this method.
   *
   * @param train the training interactions
   * @param catalog the catalogue (items of {@code train} it does not name have no content and no genre)
   * @return the {@code Recommender}
   */
  default Recommender fit(Interactions train, Catalog catalog) {
    return ItemGenres.of(catalog).filtering(fit(train));
  }

  /**
   * A trainer of the given name backed by a function.
   *
   * @param name the trainer's name, not blank
   * @param fit fits a recommender on training interactions; called once per {@link #fit(Interactions)}
   * @return a trainer delegating to {@code fit}; the catalogue variant filters by genre around it
   */
  static RecommenderTrainer of(String name, java.util.function.Function<Interactions, Recommender> fit) {
    java.util.Objects.requireNonNull(fit, "fit");
    dev.recsys.core.util.Checks.notBlank("name", name);
    return new RecommenderTrainer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Recommender fit(Interactions train) {
        return fit.apply(train);
      }

      @Override
      public String toString() {
        return "RecommenderTrainer[name=" + name + "]";
      }
    };
  }

  /**
   * A trainer of the given name for a model that uses the catalogue: {@link #fit(Interactions, Catalog)} calls
   * {@code fit} with the catalogue extended by a bare track for every interaction item it lacks
   * ({@link Catalog#coveringItemsOf}); {@link #fit(Interactions)} calls it with bare tracks only.
   *
   * @param name the trainer's name, not blank
   * @param fit fits a recommender on training interactions and a catalogue covering every item of them
   * @return a trainer delegating to {@code fit}
   */
  static RecommenderTrainer withCatalog(String name,
      java.util.function.BiFunction<Interactions, Catalog, Recommender> fit) {
    java.util.Objects.requireNonNull(fit, "fit");
    dev.recsys.core.util.Checks.notBlank("name", name);
    return new RecommenderTrainer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Recommender fit(Interactions train) {
        return fit(train, Catalog.of(java.util.List.of()));
      }

      @Override
      public Recommender fit(Interactions train, Catalog catalog) {
        return ItemGenres.of(catalog).filtering(fit.apply(train, catalog.coveringItemsOf(train)));
      }

      @Override
      public String toString() {
        return "RecommenderTrainer[name=" + name + "]";
      }
    };
  }
}
