package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hybrid recommender on a generated world with known tastes. */
class HybridRecommenderTest {
  static TasteWorld world;
  static TwoTowerRecommender rec;

  static HybridConfig config(long seed) {
    return HybridConfig.builder()
        .model(TwoTowerConfig.builder().outputDimension(16).hiddenLayers(32).temperature(0.1).seed(seed).build())
        .training(TrainingConfig.builder().epochs(8).batchSize(128).seed(seed).optimizer(OptimizerConfig.adam(5e-3))
            .schedule(LearningRateSchedule.cosine(1e-4))
            .earlyStopping(new EarlyStopping(true, 3, 1e-4, true, EarlyStopping.Mode.MAXIMIZE)).build())
        .historyLength(10).idDimension(16).hashBuckets(8).validationListeners(40).validationK(10).build();
  }

  @BeforeAll
  static void train() {
    world = new TasteWorld(40, 100, 30, 5, 7);
    rec = new HybridRecommenderTrainer(config(1), ExactTestIndex::new).fit(world.train, world.catalog,
        TrainingListener.NONE);
  }

  static double recall(java.util.function.Function<String, List<String>> top) {
    double sum = 0;
    for (int u = 0; u < world.testUsers.size(); u++) {
      List<String> got = top.apply(world.testUsers.get(u));
      Set<String> rel = new HashSet<>(world.test.get(u));
      long hits = got.stream().filter(rel::contains).count();
      sum += hits / (double) rel.size();
    }
    return sum / world.testUsers.size();
  }

  @Test
  void beatsPopularityAndRecommendsTheFavouriteGenre() {
    double model = recall(u -> ids(rec.recommend(RecommendationQuery.forListener(u, 10))));
    // popularity: the most played training tracks the listener has not played
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (int r = 0; r < world.train.size(); r++) {
      counts.merge(world.train.items().id(world.train.item(r)), 1, Integer::sum);
    }
    List<String> byPop = counts.keySet().stream()
        .sorted((a, b) -> counts.get(a).equals(counts.get(b)) ? a.compareTo(b) : counts.get(b) - counts.get(a)).toList();
    double pop = recall(u -> {
      Set<String> heard = new HashSet<>(rec.history(u));
      return byPop.stream().filter(t -> !heard.contains(t)).limit(10).toList();
    });
    assertTrue(model > pop * 1.5, "two-tower recall@10 " + model + " vs popularity " + pop);
    int inFavourite = 0;
    int total = 0;
    for (int u = 0; u < 20; u++) {
      for (Recommendation r : rec.recommend(RecommendationQuery.forListener("u" + u, 10))) {
        total++;
        if (r.itemId().startsWith("t" + world.favourite[u] + "-")) {
          inFavourite++;
        }
      }
    }
    assertTrue(inFavourite > 0.7 * total, inFavourite + " of " + total + " in the favourite genre");
  }

  static List<String> ids(List<Recommendation> recs) {
    return recs.stream().map(Recommendation::itemId).toList();
  }

  @Test
  void filtersHeardExcludedAndGenres() {
    List<String> heard = rec.history("u3");
    RecommendationQuery q = new RecommendationQuery(Optional.of("u3"), List.of(), 25, Set.of("t3-0", "t3-1"), true,
        Set.of("genre1"));
    List<Recommendation> got = rec.recommend(q);
    assertEquals(25, got.size());
    for (Recommendation r : got) {
      assertFalse(heard.contains(r.itemId()), r.itemId() + " was heard");
      assertTrue(r.itemId().startsWith("t1-"), r.itemId() + " is not in genre1");
      assertFalse(r.explanation().factors("shared-genre").isEmpty());
    }
    for (int i = 1; i < got.size(); i++) {
      assertTrue(got.get(i - 1).score() >= got.get(i).score());
    }
  }

  @Test
  void coldStartListenerFromSeedsAndWithoutAnything() {
    List<String> seeds = List.of("t2-0", "t2-1", "t2-3", "t2-5");
    List<Recommendation> got = rec.recommend(new RecommendationQuery(Optional.of("new-listener"), seeds, 10, Set.of(),
        true, Set.of()));
    assertEquals(10, got.size());
    long genre2 = got.stream().filter(r -> r.itemId().startsWith("t2-")).count();
    assertTrue(genre2 >= 7, "only " + genre2 + " of 10 in the seeds' genre: " + ids(got));
    assertTrue(got.stream().noneMatch(r -> seeds.contains(r.itemId())));
    List<Recommendation> nothing = rec.recommend(RecommendationQuery.forListener("stranger", 5));
    assertEquals(5, nothing.size());
    assertTrue(nothing.get(0).explanation().summary().contains("popular"));
  }

  @Test
  void coldStartTrackFromContentIsRecommendedToItsGenre() throws Exception {
    double[] audio = world.catalog.require("t4-3").audio().toArray();
    Track fresh = Track.builder("brand-new").title("Brand new").artists(List.of(ArtistRef.named("newcomer")))
        .genres(List.of("genre4")).releaseDate(ReleaseDate.ofYear(2015)).audio(AudioFeatures.of(audio)).build();
    TwoTowerRecommender copy = TwoTowerRecommender.load(save(rec), ExactTestIndex::new);
    copy.addTrack(fresh);
    float[] v = copy.trackVector(fresh);
    // closer to listeners who love genre 4 than to the others
    double fans = 0;
    double others = 0;
    for (int u = 0; u < 50; u++) {
      float[] q = copy.listenerVector(RecommendationQuery.forListener("u" + u, 1));
      double s = HybridRecommenderTrainer.dot(q, v);
      if (world.favourite[u] == 4) {
        fans += s / 10;
      } else {
        others += s / 40;
      }
    }
    assertTrue(fans > others + 0.1, "fans " + fans + " others " + others);
    List<String> genre4 = ids(copy.recommend(new RecommendationQuery(Optional.of("u4"), List.of(), 40, Set.of(), true,
        Set.of("genre4"))));
    assertTrue(genre4.contains("brand-new"), "new track not among genre-4 recommendations " + genre4);
  }

  static Path dir;

  static Path save(TwoTowerRecommender r) throws Exception {
    Path f = Files.createTempFile("two-tower", ".rsm");
    r.save(f);
    f.toFile().deleteOnExit();
    return f;
  }

  @Test
  void saveLoadRoundTripAnswersIdentically(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("m.rsm");
    rec.save(f);
    TwoTowerRecommender back = TwoTowerRecommender.load(f, ExactTestIndex::new);
    for (String u : List.of("u0", "u7", "u42")) {
      RecommendationQuery q = RecommendationQuery.forListener(u, 10);
      assertEquals(rec.recommend(q), back.recommend(q));
      assertArrayEquals(rec.listenerVector(q), back.listenerVector(q));
    }
    assertEquals(rec.provenance(), back.provenance());
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 1;
    Files.write(f, bytes);
    assertThrows(ModelFormatException.class, () -> TwoTowerRecommender.load(f, ExactTestIndex::new));
  }

  @Test
  void corruptedModelsGiveOnlyModelFormatExceptions(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("m.rsm");
    rec.save(f);
    var result = dev.recsys.core.reliability.ContainerFuzzer.fuzz(f, tmp.resolve("fuzz"),
        file -> TwoTowerRecommender.load(file, ExactTestIndex::new), dev.recsys.core.reliability.Stress.cases(45, 900), 10);
    System.out.println("two-tower container fuzzing: " + result);
  }

  @Test
  void sameSeedSameModelDifferentSeedDifferentModel() {
    TasteWorld small = new TasteWorld(10, 20, 12, 2, 3);
    HybridConfig c = config(5).toString().isEmpty() ? null : config(5);
    TwoTowerRecommender a = new HybridRecommenderTrainer(c, ExactTestIndex::new).fit(small.train, small.catalog, TrainingListener.NONE);
    TwoTowerRecommender b = new HybridRecommenderTrainer(c, ExactTestIndex::new).fit(small.train, small.catalog, TrainingListener.NONE);
    TwoTowerRecommender d = new HybridRecommenderTrainer(config(6), ExactTestIndex::new).fit(small.train, small.catalog, TrainingListener.NONE);
    RecommendationQuery q = RecommendationQuery.forListener("u1", 5);
    assertArrayEquals(a.listenerVector(q), b.listenerVector(q));
    assertFalse(java.util.Arrays.equals(a.listenerVector(q), d.listenerVector(q)));
  }
}
