package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;

/**
 * Fits a {@link ListenerMatcher} on interactions: the one thing the matching protocols need to know about a
 * matcher. A trainer may be called many times; each call returns a new, independent matcher. Trainers with
 * randomness take a seed in their configuration and give the same matcher for the same data.
 */
public interface ListenerMatcherTrainer {
  /**
   * The name of the matchers it fits (e.g. {@code "cosine-tfidf"}), used in reports.
   *
   * @return the name, not blank
   */
  String name();

  /**
   * Fits a matcher on {@code data}: every user of {@code data} becomes a known listener.
   *
   * @param catalog track metadata (titles, artists, genres, audio) for explanations and content profiles; may be
   *     empty (id-only interaction files)
   * @param data the interactions to fit; skipped rows count as no plays
   * @return a new matcher knowing every user of {@code data} with at least one play
   */
  ListenerMatcher fit(Interactions data, Catalog catalog);

  /**
   * A trainer of the given name backed by a function.
   *
   * @param name the trainer's name, not blank
   * @param fit fits a matcher from interactions and catalogue; called once per {@link #fit}
   * @return a trainer delegating to {@code fit}
   */
  static ListenerMatcherTrainer of(String name, java.util.function.BiFunction<Interactions, Catalog, ListenerMatcher> fit) {
    java.util.Objects.requireNonNull(fit, "fit");
    dev.recsys.core.util.Checks.notBlank("name", name);
    return new ListenerMatcherTrainer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ListenerMatcher fit(Interactions data, Catalog catalog) {
        return fit.apply(data, catalog);
      }

      @Override
      public String toString() {
        return "ListenerMatcherTrainer[name=" + name + "]";
      }
    };
  }
}
