package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.baselines.PopularityRecommender;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HistoryTwoTowerTest {
  private static final TasteWorld WORLD = new TasteWorld(40, 60, 30, 5, 7);

  private static HistoryTwoTowerConfig config(int threads, long seed) {
    HistoryTwoTowerConfig d = HistoryTwoTowerConfig.defaults();
    return new HistoryTwoTowerConfig(16, 20, 6, 4, d.targetFraction(), 32, 0.01, d.weightDecay(),
        d.historyDropout(), true, true, d.fullSoftmaxLimit(), d.sampledNegatives(), d.wholeHistoryShare(),
        d.outputInitScale(), true, false, d.genreSmoothing(), 0, d.itemItemLambda(),
        d.blendWeight(), d.validationFraction(), 1, threads, seed);
  }

  private static double hitRate(Recommender r) {
    int hits = 0;
    for (int u = 0; u < WORLD.testUsers.size(); u++) {
      Set<String> truth = new HashSet<>(WORLD.test.get(u));
      for (Recommendation rec : r.recommend(RecommendationQuery.forListener(WORLD.testUsers.get(u), 10))) {
        if (truth.contains(rec.itemId())) {
          hits++;
        }
      }
    }
    return hits / (double) WORLD.testUsers.size();
  }

  @Test
  void beatsPopularityOnATasteWorld() {
    HistoryTwoTowerRecommender m = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config(1, 42));
    double model = hitRate(m);
    double pop = hitRate(PopularityRecommender.fit(WORLD.train));
    assertTrue(model > pop * 1.5, "two-tower " + model + " vs popularity " + pop);
  }

  @Test
  void sameSeedSameModelWhateverTheThreadCount() {
    HistoryTwoTowerRecommender a = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config(1, 3));
    HistoryTwoTowerRecommender b = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config(4, 3));
    HistoryTwoTowerRecommender c = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config(1, 4));
    assertArrayEquals(a.positionWeights(), b.positionWeights());
    boolean differs = false;
    for (String t : a.trackIds()) {
      assertArrayEquals(a.trackEmbedding(t).orElseThrow(), b.trackEmbedding(t).orElseThrow(), t);
      differs |= !java.util.Arrays.equals(a.trackEmbedding(t).orElseThrow(), c.trackEmbedding(t).orElseThrow());
    }
    assertTrue(differs, "another seed gives another model");
    assertEquals(a.popularityAffinityWeight(), b.popularityAffinityWeight());
    for (String u : List.of("u0", "u7", "u33")) {
      assertEquals(a.recommend(RecommendationQuery.forListener(u, 10)),
          b.recommend(RecommendationQuery.forListener(u, 10)), u);
    }
  }

  @Test
  void anEnsembleScoresTheMeanOfItsNetworksAndItsEmbeddingsReproduceIt() {
    HistoryTwoTowerConfig one = config(2, 9).withBlend(0, 0, 0);
    HistoryTwoTowerRecommender first = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, one);
    HistoryTwoTowerRecommender second = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        one.withSeed(dev.recsys.core.util.Seeds.mix(9, 1)));
    HistoryTwoTowerRecommender both = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        one.withEnsemble(2));
    assertEquals(2 * one.dimension() + 1, both.dimension());
    float[] u = both.listenerEmbedding("u5").orElseThrow();
    float[] u1 = first.listenerEmbedding("u5").orElseThrow();
    float[] u2 = second.listenerEmbedding("u5").orElseThrow();
    for (String t : both.trackIds()) {
      double mean = (dot(u1, first.trackEmbedding(t).orElseThrow())
          + dot(u2, second.trackEmbedding(t).orElseThrow())) / 2;
      assertEquals(mean, dot(u, both.trackEmbedding(t).orElseThrow()), 1e-4, t);
    }
    Recommendation top = both.recommend(RecommendationQuery.forListener("u5", 1)).get(0);
    assertEquals(top.score(), dot(u, both.trackEmbedding(top.itemId()).orElseThrow()), 1e-4);
    assertTrue(hitRate(both) >= hitRate(first) * 0.8, "the ensemble is at least near its first network");
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * (double) b[k];
    }
    return s;
  }

  @Test
  void embeddingsReproduceTheScores() {
    HistoryTwoTowerRecommender m = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config(2, 42).withPopularityAffinity(false));
    float[] u = m.listenerEmbedding("u3").orElseThrow();
    assertEquals(m.dimension(), u.length);
    for (Recommendation r : m.recommend(RecommendationQuery.forListener("u3", 5))) {
      float[] v = m.trackEmbedding(r.itemId()).orElseThrow();
      double s = 0;
      for (int k = 0; k < u.length; k++) {
        s += u[k] * v[k];
      }
      assertEquals(r.score(), s, 1e-4);
    }
    assertTrue(m.listenerEmbedding("nobody").isEmpty());
    assertTrue(m.foldInEmbedding(List.of("no-such-track")).isEmpty());
  }

  @Test
  void excludesSeenItemsAndServesSeedsAndUnknownListeners() {
    HistoryTwoTowerRecommender m = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config(1, 42));
    Set<String> heard = new HashSet<>();
    for (int r = 0; r < WORLD.train.size(); r++) {
      if (WORLD.train.users().id(WORLD.train.user(r)).equals("u0")) {
        heard.add(WORLD.train.items().id(WORLD.train.item(r)));
      }
    }
    List<Recommendation> recs = m.recommend(RecommendationQuery.forListener("u0", 20));
    assertEquals(20, recs.size());
    for (int i = 0; i < recs.size(); i++) {
      assertFalse(heard.contains(recs.get(i).itemId()));
      if (i > 0) {
        assertTrue(recs.get(i - 1).score() >= recs.get(i).score());
      }
    }
    List<Recommendation> fromSeeds = m.recommend(RecommendationQuery.forSeeds(List.of("t2-0", "t2-1"), 10));
    assertEquals(10, fromSeeds.size());
    long sameGenre = fromSeeds.stream().filter(r -> r.itemId().startsWith("t2-")).count();
    assertTrue(sameGenre >= 5, "seeds of genre 2 recommend genre 2: " + fromSeeds);
    assertEquals(5, m.recommend(RecommendationQuery.forListener("stranger", 5)).size());
    assertThrows(IllegalArgumentException.class, () -> m.recommend(new RecommendationQuery(
        java.util.Optional.of("u0"), List.of(), 5, Set.of(), true, Set.of("genre1"))));
  }

  @Test
  void sampledSoftmaxTrainsToo() {
    HistoryTwoTowerConfig d = config(1, 42);
    HistoryTwoTowerConfig sampled = new HistoryTwoTowerConfig(d.dimension(), d.historyLength(), d.epochs(),
        d.cutsPerListener(), d.targetFraction(), d.batchSize(), d.learningRate(), d.weightDecay(),
        d.historyDropout(), true, true, 10, 30, d.wholeHistoryShare(), d.outputInitScale(), false, false,
        d.genreSmoothing(), 0, d.itemItemLambda(), d.blendWeight(), d.validationFraction(), 1, 1, 42);
    double model = hitRate(HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, sampled));
    double pop = hitRate(PopularityRecommender.fit(WORLD.train));
    assertTrue(model > pop * 1.5, "sampled two-tower " + model + " vs popularity " + pop);
  }

  @Test
  void registeredAsAPluginAndValidated() {
    assertTrue(java.util.ServiceLoader.load(RecommenderPlugin.class).stream()
        .anyMatch(p -> p.get().name().equals(HistoryTwoTowerRecommender.NAME)));
    HistoryTwoTowerConfig d = HistoryTwoTowerConfig.defaults();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HistoryTwoTowerConfig(
        0, d.historyLength(), d.epochs(), d.cutsPerListener(), d.targetFraction(), d.batchSize(), d.learningRate(),
        d.weightDecay(), d.historyDropout(), true, true, d.fullSoftmaxLimit(), d.sampledNegatives(),
        d.wholeHistoryShare(), d.outputInitScale(), false, false, d.genreSmoothing(), d.itemItemItems(),
        d.itemItemLambda(), d.blendWeight(), d.validationFraction(), 1, 0, 1));
    assertTrue(e.getMessage().contains("dimension"), e.getMessage());
  }

  @Test
  void theItemItemBlendIsChosenOnValidationDataAndStaysDeterministic() {
    HistoryTwoTowerConfig blended = config(1, 42).withBlend(100, 0.5, 0.2);
    HistoryTwoTowerRecommender a = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, blended);
    HistoryTwoTowerRecommender b = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config(4, 42).withBlend(100, 0.5, 0.2));
    assertTrue(a.blendWeight() >= 0 && a.blendWeight() <= 1, "blend " + a.blendWeight());
    assertEquals(a.blendWeight(), b.blendWeight());
    for (String u : List.of("u0", "u7", "u33")) {
      assertEquals(a.recommend(RecommendationQuery.forListener(u, 10)),
          b.recommend(RecommendationQuery.forListener(u, 10)), u);
    }
    double pop = hitRate(PopularityRecommender.fit(WORLD.train));
    assertTrue(hitRate(a) > pop * 1.5, "blended " + hitRate(a) + " vs popularity " + pop);
    HistoryTwoTowerRecommender fixed = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config(1, 42).withBlend(100, 0.3, 0));
    assertEquals(0.3f, fixed.blendWeight());
    HistoryTwoTowerRecommender off = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config(1, 42));
    assertEquals(0f, off.blendWeight());
  }

  @Test
  void thePopularityAffinityWeightIsChosenOnValidationDataAndChangesTheRanking() {
    HistoryTwoTowerConfig base = config(1, 42).withBlend(100, 0.5, 0.2);
    HistoryTwoTowerRecommender a = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, base);
    HistoryTwoTowerRecommender without = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        base.withPopularityAffinity(false));
    assertEquals(0f, without.popularityAffinityWeight());
    float beta = a.popularityAffinityWeight();
    assertTrue(List.of(0f, 0.5f, 1f, 2f, 4f, 8f).contains(beta), "beta " + beta);
    // the fixed blend of settings without a validation split never adds the term
    assertEquals(0f, HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config(1, 42).withBlend(100, 0.3, 0)).popularityAffinityWeight());
    // the two-tower and item-item components do not depend on the term, so with beta 0 the lists are the same and
    // with beta > 0 some list differs
    boolean differs = false;
    for (String u : WORLD.testUsers) {
      differs |= !a.recommend(RecommendationQuery.forListener(u, 10))
          .equals(without.recommend(RecommendationQuery.forListener(u, 10)));
    }
    assertEquals(beta > 0, differs, "beta " + beta);
  }

  @Test
  void theGenreAffinityWeightIsChosenOnValidationDataAndZeroGivesTheModelWithoutIt() {
    HistoryTwoTowerConfig base = config(1, 42).withBlend(100, 0.5, 0.2);
    HistoryTwoTowerRecommender a = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        base.withGenreAffinity(true));
    HistoryTwoTowerRecommender without = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, base);
    assertEquals(0f, without.genreAffinityWeight());
    float gamma = a.genreAffinityWeight();
    assertTrue(List.of(0f, 0.125f, 0.25f, 0.5f, 1f, 2f).contains(gamma), "gamma " + gamma);
    // the fixed blend of settings without a validation split never adds the term, nor do tracks without genres
    assertEquals(0f, HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config(1, 42).withGenreAffinity(true).withBlend(100, 0.3, 0)).genreAffinityWeight());
    assertEquals(0f, HistoryTwoTowerRecommender.fit(WORLD.train, dev.recsys.core.model.Catalog.of(List.of()),
        base.withGenreAffinity(true)).genreAffinityWeight());
    // the components and the other weights' grid do not depend on the term, so with gamma 0 the lists are the same
    // bit for bit and with gamma > 0 some list differs
    boolean differs = false;
    for (String u : WORLD.testUsers) {
      differs |= !a.recommend(RecommendationQuery.forListener(u, 10))
          .equals(without.recommend(RecommendationQuery.forListener(u, 10)));
    }
    assertEquals(gamma > 0, differs, "gamma " + gamma);
    HistoryTwoTowerRecommender again = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config(3, 42).withBlend(100, 0.5, 0.2).withGenreAffinity(true));
    assertEquals(gamma, again.genreAffinityWeight());
    for (String u : List.of("u0", "u7", "u33")) {
      assertEquals(a.recommend(RecommendationQuery.forListener(u, 10)),
          again.recommend(RecommendationQuery.forListener(u, 10)), u);
    }
  }

  /** Fixed blend (no validation split): the same components with and without the genres of the term. */
  private static final HistoryTwoTowerRecommender WITH_GENRES = HistoryTwoTowerRecommender.fit(WORLD.train,
      WORLD.catalog, config(1, 42).withBlend(100, 0.4, 0).withGenreAffinity(true));
  private static final HistoryTwoTowerRecommender WITHOUT_GENRES = HistoryTwoTowerRecommender.fit(WORLD.train,
      WORLD.catalog, config(1, 42).withBlend(100, 0.4, 0));

  @Property(tries = 30)
  void aGenreWeightOfZeroGivesTheScoresOfTheModelWithoutTheTermBitForBit(
      @ForAll @IntRange(min = 0, max = 39) int listener, @ForAll("betas") float beta,
      @ForAll @IntRange(min = 1, max = 8) int gammaEighths) {
    RecommendationQuery q = RecommendationQuery.forListener("u" + listener, 20);
    List<Recommendation> off = WITHOUT_GENRES.withAffinity(beta, 0f).recommend(q);
    assertEquals(off, WITH_GENRES.withAffinity(beta, 0f).recommend(q));
    for (int i = 0; i < off.size(); i++) {
      assertEquals(Float.floatToRawIntBits((float) off.get(i).score()),
          Float.floatToRawIntBits((float) WITH_GENRES.withAffinity(beta, 0f).recommend(q).get(i).score()));
    }
    // a weight above 0 moves the scores of the model with genres, and only of it
    assertEquals(off, WITHOUT_GENRES.withAffinity(beta, gammaEighths / 8f).recommend(q));
    List<Recommendation> on = WITH_GENRES.withAffinity(beta, gammaEighths / 8f).recommend(q);
    boolean moved = false;
    for (int i = 0; i < on.size(); i++) {
      moved |= on.get(i).score() != off.get(i).score() || !on.get(i).itemId().equals(off.get(i).itemId());
    }
    assertTrue(moved, "gamma " + gammaEighths / 8f);
  }

  @Provide
  Arbitrary<Float> betas() {
    return Arbitraries.of(0f, 0.5f, 2f);
  }

  @Test
  void wholeHistoryExamplesTrainToo() {
    HistoryTwoTowerConfig d = config(1, 42);
    HistoryTwoTowerConfig whole = new HistoryTwoTowerConfig(d.dimension(), d.historyLength(), d.epochs(),
        d.cutsPerListener(), d.targetFraction(), d.batchSize(), d.learningRate(), d.weightDecay(),
        d.historyDropout(), true, true, d.fullSoftmaxLimit(), d.sampledNegatives(), 0.5, 0.01,
        d.popularityAffinity(), d.genreAffinity(), d.genreSmoothing(), 0, d.itemItemLambda(), d.blendWeight(), d.validationFraction(), 1, 1, 42);
    double model = hitRate(HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, whole));
    double pop = hitRate(PopularityRecommender.fit(WORLD.train));
    assertTrue(model > pop * 1.5, "whole-history two-tower " + model + " vs popularity " + pop);
  }
}
