package dev.recsys.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Recommender} must meet. Implement {@link #recommender()}, {@link #knownListener()},
 * {@link #itemsOf(String)} and {@link #someItems()}.
 */
public abstract class RecommenderConformance {
  /** The recommender under test, fitted on data of the implementor's choice. */
  protected abstract Recommender recommender();

  /** A listener the recommender knows. */
  protected abstract String knownListener();

  /** Items the listener interacted with in the training data. */
  protected abstract Set<String> itemsOf(String listener);

  /** A few item ids of the catalogue (for seeds and exclusions). */
  protected abstract List<String> someItems();

  @Test
  void resultsAreOrderedDistinctAndWithinK() {
    List<Recommendation> recs = recommender().recommend(RecommendationQuery.forListener(knownListener(), 10));
    assertTrue(recs.size() <= 10 && !recs.isEmpty());
    assertEquals(recs.size(), new HashSet<>(recs.stream().map(Recommendation::itemId).toList()).size());
    for (int i = 1; i < recs.size(); i++) {
      assertTrue(recs.get(i - 1).score() >= recs.get(i).score(), "not ordered by score");
    }
  }

  @Test
  void seenAndExcludedItemsNeverAppear() {
    Set<String> exclude = Set.of(someItems().get(0));
    RecommendationQuery q = new RecommendationQuery(Optional.of(knownListener()), List.of(), 20, exclude, true, Set.of());
    for (Recommendation r : recommender().recommend(q)) {
      assertFalse(itemsOf(knownListener()).contains(r.itemId()), "seen item returned: " + r.itemId());
      assertFalse(exclude.contains(r.itemId()));
    }
  }

  @Test
  void deterministic() {
    RecommendationQuery q = RecommendationQuery.forListener(knownListener(), 10);
    assertEquals(recommender().recommend(q), recommender().recommend(q));
  }

  @Test
  void unknownListenerWithSeedsIsAnsweredNotRefused() {
    List<String> seeds = someItems().subList(0, Math.min(3, someItems().size()));
    RecommendationQuery q = new RecommendationQuery(Optional.of("never-seen-listener"), seeds, 5, Set.of(), true, Set.of());
    List<Recommendation> recs = recommender().recommend(q);
    assertFalse(recs.isEmpty());
    for (Recommendation r : recs) {
      assertFalse(seeds.contains(r.itemId()));
    }
  }

  @Test
  void unknownListenerWithoutSeedsIsNotAnError() {
    // the contract asks for a documented fallback (e.g. popularity), never an exception
    List<Recommendation> recs = recommender().recommend(RecommendationQuery.forListener("never-seen-listener", 5));
    assertTrue(recs.size() <= 5);
    assertEquals(recs.size(), new HashSet<>(recs.stream().map(Recommendation::itemId).toList()).size());
  }

  @Test
  void seedItemsAreExcludedForKnownListenersToo() {
    List<String> seeds = someItems().subList(0, Math.min(2, someItems().size()));
    RecommendationQuery q = new RecommendationQuery(Optional.of(knownListener()), seeds, 20, Set.of(), true, Set.of());
    for (Recommendation r : recommender().recommend(q)) {
      assertFalse(seeds.contains(r.itemId()), "seed item returned: " + r.itemId());
      assertFalse(itemsOf(knownListener()).contains(r.itemId()), "seen item returned: " + r.itemId());
    }
  }
}
