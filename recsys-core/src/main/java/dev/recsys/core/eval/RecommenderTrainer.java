package dev.recsys.core.eval;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

/**
 * Fits a {@link Recommender} on the training part of a split: the one thing the {@link Evaluator} needs to know
 * about a model. A trainer may be called more than once (for example on several splits); each call returns a
 * new, independent, immutable recommender. Trainers with randomness take a seed in their configuration.
 */
public interface RecommenderTrainer {
  /** The name of the models it fits (e.g. {@code "itemknn"}), used in reports. */
  String name();

  /** Fits a recommender on {@code train}; item and user ids are those of {@code train}'s dictionaries. */
  Recommender fit(Interactions train);

  /**
   * Fits a recommender on {@code train} with the catalogue's content (genres, artists, audio features) at hand.
   * Models that use content (the content baseline, the two-tower's track tower, the graph models) override this;
   * the default ignores the catalogue. Callers that have a catalogue should call this method.
   */
  default Recommender fit(Interactions train, Catalog catalog) {
    return fit(train);
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

  /**
   * A trainer of the given name for a model that uses the catalogue: {@link #fit(Interactions, Catalog)} calls
   * {@code fit} with the catalogue extended by a bare track for every interaction item it lacks
   * ({@link Catalog#coveringItemsOf}); {@link #fit(Interactions)} calls it with bare tracks only.
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
        return fit.apply(train, catalog.coveringItemsOf(train));
      }

      @Override
      public String toString() {
        return "RecommenderTrainer[name=" + name + "]";
      }
    };
  }
}
