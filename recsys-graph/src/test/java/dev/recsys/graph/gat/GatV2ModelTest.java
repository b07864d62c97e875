package dev.recsys.graph.gat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.TrainingListener;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatV2ModelTest {
  private static GatV2Model model;

  static GatV2Config quick(int epochs) {
    return GatV2Config.defaults().withDim(16).withFanout(List.of(4, 4)).withEpochs(epochs);
  }

  static synchronized GatV2Model model() {
    if (model == null) {
      var w = GatFixtures.small();
      model = new GatV2Trainer(quick(2)).fit(w.catalog(), w.interactions(), TrainingListener.NONE);
    }
    return model;
  }

  @Test
  void sameSeedSameModelOtherSeedOtherModel() {
    var w = GatFixtures.small();
    List<String> seeds = List.of(w.interactions().items().id(0), w.interactions().items().id(1));
    RecommendationQuery q = RecommendationQuery.forSeeds(seeds, 10);
    GatV2Model again = new GatV2Trainer(quick(2)).fit(w.catalog(), w.interactions(), TrainingListener.NONE);
    assertArrayEquals(model().embedding(seeds.get(0)), again.embedding(seeds.get(0)));
    assertEquals(model().recommender("gat").recommend(q), again.recommender("gat").recommend(q));
    GatV2Model other = new GatV2Trainer(quick(2).withSeed(9)).fit(w.catalog(), w.interactions(),
        TrainingListener.NONE);
    assertFalse(java.util.Arrays.equals(model().embedding(seeds.get(0)), other.embedding(seeds.get(0))));
  }

  @Test
  void saveLoadRoundTripAndVersionOneIsRefusedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(GatV2Model.FILE_NAME);
    model().save(file);
    GatV2Model loaded = GatV2Model.load(file);
    List<String> seeds = List.of(model().graph().tracks().id(3), model().graph().tracks().id(4));
    RecommendationQuery q = RecommendationQuery.forSeeds(seeds, 10);
    assertEquals(model().recommender("gat").recommend(q), loaded.recommender("gat").recommend(q));
    Path v1 = dir.resolve(GatModel.FILE_NAME);
    GatModelTest.model().save(v1);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GatV2Model.load(v1));
    assertTrue(e.getMessage().contains("GatModel.load"), e.getMessage());
  }

  @Test
  void coldTracksGetContentVectorsAndCanBeRecommended() {
    var w = GatFixtures.small();
    // hold every row of a fifth of the tracks out of training: they stay in the catalogue only
    Set<Integer> coldItems = new HashSet<>();
    for (int i = 0; i < w.interactions().items().size(); i += 5) {
      coldItems.add(i);
    }
    Interactions all = w.interactions();
    int[] rows = java.util.stream.IntStream.range(0, all.size()).filter(r -> !coldItems.contains(all.item(r))).toArray();
    GatV2Model m = new GatV2Trainer(quick(2)).fit(w.catalog(), all.subset(rows), TrainingListener.NONE);
    String coldId = all.items().id(0);
    float[] v = m.embedding(coldId);
    assertEquals(16 * m.config().ensemble(), v.length, "one vector per network of the ensemble");
    for (int net = 0; net < m.config().ensemble(); net++) {
      double norm = 0;
      for (int c = net * 16; c < net * 16 + 16; c++) {
        norm += v[c] * v[c];
      }
      assertEquals(1.0, norm, 1e-3, "a cold track has a unit content vector in network " + net);
    }
    Set<String> recommended = new HashSet<>();
    for (int t = 0; t < 40; t++) {
      String seed = all.items().id(t * 3 + 1);
      for (Recommendation r : m.recommender("gat").recommend(RecommendationQuery.forSeeds(List.of(seed), 20))) {
        recommended.add(r.itemId());
      }
    }
    assertTrue(coldItems.stream().map(i -> all.items().id(i)).anyMatch(recommended::contains),
        "cold tracks are ranked with the warm ones");
  }

  @Test
  void explanationsNameArtistsGenresAndTracks() {
    var w = GatFixtures.small();
    String seed = w.interactions().items().id(2);
    List<Recommendation> recs = model().recommender("gat").recommend(RecommendationQuery.forSeeds(List.of(seed), 5));
    assertEquals(5, recs.size());
    for (Recommendation r : recs) {
      var paths = r.explanation().factors("path");
      assertFalse(paths.isEmpty());
      assertTrue(paths.stream().allMatch(f -> f.label().startsWith("via ") || f.label().startsWith("listeners who")),
          paths.toString());
      var seedFactors = new java.util.ArrayList<>(r.explanation().factors("seed"));
      seedFactors.addAll(r.explanation().factors("session-knn"));
      assertEquals(r.score(), seedFactors.stream().mapToDouble(f -> f.contribution()).sum(), 1e-3 * Math.max(1,
          Math.abs(r.score())), "seed and session-kNN contributions sum to the score");
      assertFalse(r.explanation().factors("genre-influence").isEmpty());
    }
  }

  @Test
  void pairedGainIsTheMeanDifferenceWithItsStandardError() {
    List<double[]> rows = List.of(new double[] {0.1, 0.3}, new double[] {0.2, 0.2}, new double[] {0.0, 0.4});
    double[] g = GatV2Trainer.pairedGain(rows, 1, 0);
    assertEquals(0.2, g[0], 1e-12); // differences 0.2, 0, 0.4
    assertEquals(Math.sqrt(0.04 / 3), g[1], 1e-12); // sample variance 0.04
    assertTrue(Double.isInfinite(GatV2Trainer.pairedGain(List.of(new double[] {0, 1}), 1, 0)[1]));
  }

  @Test
  void blendIsChosenFromTheGridOnValidationAndAFixedBlendIsKept() {
    assertTrue(GatV2Config.BLEND_GRID.contains(model().blend()), "chosen " + model().blend());
    assertEquals(model().blend(), model().config().blend());
    var w = GatFixtures.small();
    GatV2Model fixed = new GatV2Trainer(quick(1).withBlend(0.3)).fit(w.catalog(), w.interactions(),
        TrainingListener.NONE);
    assertEquals(0.3, fixed.blend(), 1e-6);
    GatV2Model none = new GatV2Trainer(quick(1).withBlend(0)).fit(w.catalog(), w.interactions(),
        TrainingListener.NONE);
    String seed = w.interactions().items().id(2);
    for (Recommendation r : none.recommender("gat").recommend(RecommendationQuery.forSeeds(List.of(seed), 5))) {
      assertTrue(r.explanation().factors("session-knn").isEmpty());
    }
    assertThrows(IllegalArgumentException.class, () -> quick(1).withBlend(-0.5));
    assertThrows(IllegalArgumentException.class, () -> quick(1).withBlend(11));
  }

  @Test
  void excludeSeenLeavesOutEveryTrainingRowOfTheListenerSkippedOnesIncluded(@TempDir Path dir) throws Exception {
    Interactions data = GatFixtures.small().interactions();
    int nt = model().graph().tracks().size();
    int checked = 0;
    GatV2Model loaded = null;
    for (int u = 0; u < data.users().size() && checked < 5; u++) {
      Set<String> all = new HashSet<>();
      Set<String> played = new HashSet<>();
      for (int row : data.rowsByUser()[u]) {
        all.add(data.items().id(data.item(row)));
        if (!data.skipped(row)) {
          played.add(data.items().id(data.item(row)));
        }
      }
      Set<String> onlySkipped = new HashSet<>(all);
      onlySkipped.removeAll(played);
      if (onlySkipped.isEmpty()) {
        continue;
      }
      checked++;
      if (loaded == null) {
        Path file = dir.resolve(GatV2Model.FILE_NAME);
        model().save(file);
        loaded = GatV2Model.load(file);
      }
      String listener = data.users().id(u);
      var keep = new RecommendationQuery(java.util.Optional.of(listener), List.of(), nt, Set.of(), false, Set.of());
      var drop = new RecommendationQuery(java.util.Optional.of(listener), List.of(), nt, Set.of(), true, Set.of());
      Set<String> everything = new HashSet<>(model().recommender("gat").recommend(keep).stream()
          .map(Recommendation::itemId).toList());
      assertTrue(everything.containsAll(onlySkipped), "without excludeSeen every track can be recommended");
      for (GatV2Model m : List.of(model(), loaded)) {
        List<Recommendation> recs = m.recommender("gat").recommend(drop);
        assertEquals(nt - all.size(), recs.size(), "every unseen track and only those");
        for (Recommendation r : recs) {
          assertFalse(all.contains(r.itemId()), "track " + r.itemId() + " of listener " + listener + " returned"
              + (onlySkipped.contains(r.itemId()) ? " (only skipped)" : ""));
        }
      }
    }
    assertTrue(checked > 0, "the fixture has listeners with tracks they only skipped");
  }

  @Test
  void anEnsembleScoresTheMeanOfItsNetworksAndRoundTrips(@TempDir Path dir) throws Exception {
    var w = GatFixtures.small();
    GatV2Config q1 = quick(1);
    // no validation split: it is drawn from the configured seed, and the networks of an ensemble share the first's
    GatV2Config base = new GatV2Config(q1.dim(), q1.fanout(), q1.negatives(), q1.temperature(), q1.idDropout(),
        q1.maxPrefix(), 0.0, 0, 1, q1.graph(), q1.training());
    GatV2Model ensemble = new GatV2Trainer(base.withEnsemble(2)).fit(w.catalog(), w.interactions(),
        TrainingListener.NONE);
    // its first network is the single network of the same seed, its second the network of the derived seed
    GatV2Model first = new GatV2Trainer(base).fit(w.catalog(), w.interactions(), TrainingListener.NONE);
    long secondSeed = dev.recsys.core.util.Seeds.mix(base.training().seed(), 1);
    GatV2Model second = new GatV2Trainer(base.withSeed(secondSeed)).fit(w.catalog(), w.interactions(),
        TrainingListener.NONE);
    String track = ensemble.graph().tracks().id(5);
    float[] both = ensemble.embedding(track);
    assertEquals(2 * 16, both.length);
    assertArrayEquals(first.embedding(track), java.util.Arrays.copyOfRange(both, 0, 16));
    assertArrayEquals(second.embedding(track), java.util.Arrays.copyOfRange(both, 16, 32));
    int nt = ensemble.graph().tracks().size();
    RecommendationQuery q = RecommendationQuery.forSeeds(List.of(ensemble.graph().tracks().id(3),
        ensemble.graph().tracks().id(4)), nt);
    java.util.Map<String, Double> a = scores(first, q);
    java.util.Map<String, Double> b = scores(second, q);
    List<Recommendation> recs = ensemble.recommender("gat").recommend(q);
    assertEquals(a.size(), recs.size());
    for (Recommendation r : recs) {
      assertEquals((a.get(r.itemId()) + b.get(r.itemId())) / 2, r.score(), 1e-4, r.itemId());
      double seedSum = r.explanation().factors("seed").stream().mapToDouble(f -> f.contribution()).sum();
      assertEquals(r.score(), seedSum, 1e-3, "the seeds' contributions sum to the score");
    }
    Path file = dir.resolve(GatV2Model.FILE_NAME);
    ensemble.save(file);
    GatV2Model loaded = GatV2Model.load(file);
    assertEquals(2, loaded.config().ensemble());
    assertEquals(recs, loaded.recommender("gat").recommend(q));
    assertThrows(IllegalArgumentException.class, () -> ensemble.save(dir.resolve("v4.rsm"), 4));
  }

  private static java.util.Map<String, Double> scores(GatV2Model m, RecommendationQuery q) {
    java.util.Map<String, Double> out = new java.util.HashMap<>();
    for (Recommendation r : m.recommender("gat").recommend(q)) {
      out.put(r.itemId(), r.score());
    }
    return out;
  }
}
