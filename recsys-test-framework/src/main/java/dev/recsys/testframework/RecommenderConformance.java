package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.ItemGenres;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Recommender} (and the {@link RecommenderTrainer} that fits it) must meet. Extend it
 * and implement {@link #trainer()}: the suite fits it with {@link RecommenderTrainer#fit(Interactions, Catalog)}
 * on {@link #trainingData()} (clustered synthetic interactions: 80 listeners, 60 items in 4 genres) and checks
 * ordering, exclusions, determinism, cold start, genre filters, and that the fitted model saves and loads back
 * through its plugin ({@link SaveableModel}, {@link Plugins#loadRecommender(Path)}) into a model that answers
 * exactly the same. Override {@link #trainingData()} and
 * {@link #catalog()} to run on your own data, and any test method to opt out of it (with a reason).
 */
public abstract class RecommenderConformance {
  /** For subclasses, which JUnit instantiates once per test. */
  protected RecommenderConformance() {}

  private Recommender fitted;

  /**
   * The trainer under test.
   *
   * @return a trainer whose fits are deterministic for the same data and catalogue
   */
  protected abstract RecommenderTrainer trainer();

  /**
   * The interactions the recommender is fitted on.
   *
   * @return the training interactions; by default 80 listeners with 12 items each of 60 items in 4 clusters, seed 11
   */
  protected Interactions trainingData() {
    return Fixtures.clusteredInteractions(80, 60, 4, 12, 11);
  }

  /**
   * The catalogue the recommender is fitted with: a bare track per item of {@link #trainingData()} with one
   * genre, fixture item {@code iN} {@code g(N / 15)} (its cluster), other ids one of four genres by their index.
   *
   * @return a catalogue covering every item of {@link #trainingData()}
   */
  protected Catalog catalog() {
    Interactions data = trainingData();
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < data.items().size(); i++) {
      String id = data.items().id(i);
      tracks.add(Track.builder(id).genres(List.of(Fixtures.genreOf(id, i))).build());
    }
    return Catalog.of(tracks);
  }

  /**
   * The genres of {@link #catalog()}'s tracks, which the genre-filter checks hold the results to.
   *
   * @return the item-to-genres table of {@link #catalog()}
   */
  protected ItemGenres itemGenres() {
    return ItemGenres.of(catalog());
  }

  /**
   * The recommender under test: the trainer fitted on the training data and the catalogue (once per test).
   *
   * @return the fitted recommender, the same instance for the whole test
   */
  protected Recommender recommender() {
    if (fitted == null) {
      fitted = trainer().fit(trainingData(), catalog());
    }
    return fitted;
  }

  /**
   * A listener the recommender knows.
   *
   * @return the id of the sixth training listener (the last one when there are fewer)
   */
  protected String knownListener() {
    Interactions data = trainingData();
    return data.users().id(Math.min(5, data.users().size() - 1));
  }

  /**
   * Items the listener interacted with in the training data.
   *
   * @param listener a listener id of {@link #trainingData()}
   * @return a new set of the items the listener has a row of
   */
  protected Set<String> itemsOf(String listener) {
    Interactions data = trainingData();
    Set<String> s = new HashSet<>();
    for (int r = 0; r < data.size(); r++) {
      if (data.users().id(data.user(r)).equals(listener)) {
        s.add(data.items().id(data.item(r)));
      }
    }
    return s;
  }

  /**
   * A few item ids of the catalogue (for seeds and exclusions).
   *
   * @return up to four item ids spread over the training items
   */
  protected List<String> someItems() {
    Interactions data = trainingData();
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < data.items().size() && out.size() < 4; i += Math.max(1, data.items().size() / 4)) {
      out.add(data.items().id(i));
    }
    return out;
  }

  /** The known listener's top 10 holds between 1 and 10 distinct items in descending score order. */
  @Test
  public void resultsAreOrderedDistinctAndWithinK() {
    List<Recommendation> recs = recommender().recommend(RecommendationQuery.forListener(knownListener(), 10));
    assertTrue(recs.size() <= 10 && !recs.isEmpty(), "expected 1..10 results, got " + recs.size());
    assertEquals(recs.size(), new HashSet<>(recs.stream().map(Recommendation::itemId).toList()).size(), "duplicates: " + recs);
    for (int i = 1; i < recs.size(); i++) {
      assertTrue(recs.get(i - 1).score() >= recs.get(i).score(), "not ordered by score at " + i + ": " + recs);
    }
  }

  /** Neither the listener's training items nor explicitly excluded items are ever recommended. */
  @Test
  public void seenAndExcludedItemsNeverAppear() {
    Set<String> exclude = Set.of(someItems().get(0));
    RecommendationQuery q = new RecommendationQuery(Optional.of(knownListener()), List.of(), 20, exclude, true, Set.of());
    for (Recommendation r : recommender().recommend(q)) {
      assertFalse(itemsOf(knownListener()).contains(r.itemId()), "seen item returned: " + r.itemId());
      assertFalse(exclude.contains(r.itemId()), "excluded item returned: " + r.itemId());
    }
  }

  /** The same query gives equal results twice. */
  @Test
  public void deterministic() {
    RecommendationQuery q = RecommendationQuery.forListener(knownListener(), 10);
    assertEquals(recommender().recommend(q), recommender().recommend(q));
  }

  /** Two fits of the trainer on the same data give the same items in the same order. */
  @Test
  public void aTrainerFittedTwiceGivesTheSameRecommendations() {
    RecommendationQuery q = RecommendationQuery.forListener(knownListener(), 10);
    Recommender again = trainer().fit(trainingData(), catalog());
    assertEquals(recommender().recommend(q).stream().map(Recommendation::itemId).toList(),
        again.recommend(q).stream().map(Recommendation::itemId).toList());
  }

  /** An unknown listener with seed items gets a non-empty answer that leaves the seeds out. */
  @Test
  public void unknownListenerWithSeedsIsAnsweredNotRefused() {
    List<String> seeds = someItems().subList(0, Math.min(3, someItems().size()));
    RecommendationQuery q = new RecommendationQuery(Optional.of("never-seen-listener"), seeds, 5, Set.of(), true, Set.of());
    List<Recommendation> recs = recommender().recommend(q);
    assertFalse(recs.isEmpty(), "no answer for an unknown listener with seed items");
    for (Recommendation r : recs) {
      assertFalse(seeds.contains(r.itemId()), "seed item returned: " + r.itemId());
    }
  }

  /** An unknown listener without seeds gets at most {@code k} distinct items (a fallback), never an exception. */
  @Test
  public void unknownListenerWithoutSeedsIsNotAnError() {
    // the contract asks for a documented fallback (e.g. popularity), never an exception
    List<Recommendation> recs = recommender().recommend(RecommendationQuery.forListener("never-seen-listener", 5));
    assertTrue(recs.size() <= 5);
    assertEquals(recs.size(), new HashSet<>(recs.stream().map(Recommendation::itemId).toList()).size());
  }

  /** Seed items are excluded for a known listener as well as the listener's own training items. */
  @Test
  public void seedItemsAreExcludedForKnownListenersToo() {
    List<String> seeds = someItems().subList(0, Math.min(2, someItems().size()));
    RecommendationQuery q = new RecommendationQuery(Optional.of(knownListener()), seeds, 20, Set.of(), true, Set.of());
    for (Recommendation r : recommender().recommend(q)) {
      assertFalse(seeds.contains(r.itemId()), "seed item returned: " + r.itemId());
      assertFalse(itemsOf(knownListener()).contains(r.itemId()), "seen item returned: " + r.itemId());
    }
  }

  /**
   * For every genre, a one-genre filter yields only items of that genre, unseen, and exactly {@code min(k, eligible)}
   * of them.
   */
  @Test
  public void genreFiltersAreHonouredAndStillFillK() {
    ItemGenres genres = itemGenres();
    Set<String> seen = itemsOf(knownListener());
    Set<String> all = new TreeSet<>();
    for (String item : genres.items()) {
      all.addAll(genres.of(item));
    }
    assertFalse(all.isEmpty(), "itemGenres() names no genre");
    int k = 5;
    for (String genre : all) {
      Set<String> filter = Set.of(genre);
      long eligible = genres.items().stream().filter(i -> genres.matches(i, filter) && !seen.contains(i)).count();
      RecommendationQuery q = new RecommendationQuery(Optional.of(knownListener()), List.of(), k, Set.of(), true, filter);
      List<Recommendation> recs = recommender().recommend(q);
      for (Recommendation r : recs) {
        assertTrue(genres.matches(r.itemId(), filter), r.itemId() + " with genres " + genres.of(r.itemId())
            + " returned for a filter on " + filter);
        assertFalse(seen.contains(r.itemId()), "seen item returned: " + r.itemId());
      }
      assertEquals(Math.min(k, eligible), recs.size(), "results for genre " + genre + " (" + eligible + " eligible items)");
    }
  }

  /** A filter on two genres accepts items of either. */
  @Test
  public void aFilterOnSeveralGenresAcceptsAnyOfThem() {
    ItemGenres genres = itemGenres();
    Set<String> filter = new LinkedHashSet<>();
    for (String item : someItems()) {
      if (filter.size() < 2) {
        filter.addAll(genres.of(item).stream().sorted().limit(1).toList());
      }
    }
    RecommendationQuery q = new RecommendationQuery(Optional.of(knownListener()), List.of(), 10, Set.of(), true, filter);
    for (Recommendation r : recommender().recommend(q)) {
      assertTrue(genres.matches(r.itemId(), filter), r.itemId() + " returned for a filter on " + filter);
    }
  }

  /**
   * The fitted model is a {@link SaveableModel}; written with {@link SaveableModel#save} and read back by
   * {@link Plugins#loadRecommender(Path)} (which finds the plugin named in the file through
   * {@link java.util.ServiceLoader}, so the plugin must be registered as a service), it gives exactly the same
   * lists, scores and explanations for known and unknown listeners, seeds, exclusions and genre filters.
   *
   * @param dir a temporary directory for the saved model, from JUnit
   * @throws IOException if the model cannot be saved or loaded
   */
  @Test
  public void aSavedModelLoadsBackAndRecommendsExactlyTheSame(@TempDir Path dir) throws IOException {
    Recommender r = recommender();
    assertTrue(r instanceof SaveableModel, "the fitted recommender '" + r.name() + "' (" + r.getClass().getName()
        + ") does not implement SaveableModel, so it cannot be saved and loaded through its plugin");
    Path file = dir.resolve("model.rsm");
    ((SaveableModel) r).save(file);
    Recommender loaded = Plugins.loadRecommender(file);
    List<String> seeds = someItems().subList(0, Math.min(3, someItems().size()));
    String genre = itemGenres().of(someItems().get(0)).stream().sorted().findFirst().orElse("none");
    List<RecommendationQuery> queries = List.of(RecommendationQuery.forListener(knownListener(), 10),
        new RecommendationQuery(Optional.of(knownListener()), seeds, 10, Set.of(someItems().get(0)), true, Set.of()),
        new RecommendationQuery(Optional.of(knownListener()), List.of(), 10, Set.of(), false, Set.of()),
        new RecommendationQuery(Optional.of("never-seen-listener"), seeds, 10, Set.of(), true, Set.of()),
        RecommendationQuery.forListener("never-seen-listener", 5),
        new RecommendationQuery(Optional.of(knownListener()), List.of(), 5, Set.of(), true, Set.of(genre)));
    for (RecommendationQuery q : queries) {
      assertEquals(r.recommend(q), loaded.recommend(q), "loaded model answers differently to " + q);
    }
  }

  /** Deterministic fixture data shared by the suites. */
  static final class Fixtures {
    private Fixtures() {}

    /** Listeners {@code uN} each with {@code perUser} items {@code iN}, 85% from their own cluster. */
    static Interactions clusteredInteractions(int users, int items, int clusters, int perUser, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      Interactions.Builder b = Interactions.builder();
      int groupSize = items / clusters;
      for (int u = 0; u < users; u++) {
        int g = u % clusters;
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(perUser, items)) {
          chosen.add(r.nextDouble() < 0.85 ? g * groupSize + r.nextInt(groupSize) : r.nextInt(items));
        }
        long t = 1_000_000L + u;
        for (int it : chosen) {
          b.add("u" + u, "i" + it, 1 + r.nextInt(5), t, false);
          t += 1 + r.nextInt(100);
        }
      }
      return b.build();
    }

    /** The genre of fixture item {@code iN}, {@code g(N / 15)}; of any other id, {@code g(index % 4)}. */
    static String genreOf(String item, int index) {
      return item.matches("i[0-9]{1,6}") ? "g" + Integer.parseInt(item.substring(1)) / 15 : "g" + index % 4;
    }
  }
}
