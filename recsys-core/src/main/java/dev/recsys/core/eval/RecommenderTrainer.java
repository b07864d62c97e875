package dev.recsys.core.eval;

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
   * Fits a recommender on {@code train} that also honours {@linkplain
   * dev.recsys.core.spi.RecommendationQuery#genres() genre filters}, using the catalogue's item genres. The
   * default fits on the interactions and applies the filter through {@link ItemGenres#filtering}; a trainer whose
   * model can use genres (in scoring or in its index) overrides it.
   */
  default Recommender fit(Interactions train, ItemGenres genres) {
    java.util.Objects.requireNonNull(genres, "genres");
    return genres.filtering(fit(train));
  }

  /** A trainer of the given name backed by a function. */
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
}
