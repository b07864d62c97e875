package dev.recsys.embedding.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.matching.MatchingConfig;
import dev.recsys.core.eval.matching.MatchingEvaluator;
import dev.recsys.core.eval.matching.MatchingResult;
import dev.recsys.core.eval.matching.MatchingTask;
import dev.recsys.core.matching.CosineMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.ListenerMatcherPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.ListenerMatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoListeningMatcherTest {
  private static final Catalog NONE = Catalog.of(List.of());
  private static final int CLUSTERS = 8;

  /** Small settings so that a fit takes well under a second. */
  static CoListeningConfig small(long seed) {
    return CoListeningConfig.builder().seed(seed).dimensions(List.of(8, 16)).temperatures(List.of(0.1))
        .hardNegatives(List.of(0, 1)).maxEpochs(6).patience(2).build();
  }

  /**
   * Sparse listening with hidden taste: 8 groups of 300 items; a listener draws 10 items, 85% from their group, so
   * two listeners of one taste rarely share an item and raw cosine has little to go on.
   */
  static Interactions sparseTastes(int listeners, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    int size = 300;
    for (int u = 0; u < listeners; u++) {
      Set<Integer> seen = new HashSet<>();
      while (seen.size() < 10) {
        int item = r.nextDouble() < 0.85 ? (u % CLUSTERS) * size + r.nextInt(size) : r.nextInt(CLUSTERS * size);
        if (seen.add(item)) {
          b.add("u" + u, "i" + item, 1 + r.nextInt(4), 0, false);
        }
      }
    }
    return b.build();
  }

  @Test
  void theLearnedMatcherBeatsRawCosineOnSparseTastes() {
    Interactions data = sparseTastes(400, 7);
    Map<String, String> labels = new HashMap<>();
    for (int u = 0; u < 400; u++) {
      labels.put("u" + u, "taste" + u % CLUSTERS);
    }
    MatchingTask task = MatchingTask.sharedLabel(data, NONE, labels);
    MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().k(10).bootstrapSamples(500).build());
    MatchingResult learned = ev.evaluate(task, new CoListeningMatcherTrainer(small(7)));
    MatchingResult cosine = ev.evaluate(task, CosineMatcher.trainer("cosine-tfidf", new CosineMatcher.Config(ItemWeighting.TFIDF)));
    PairedComparison c = ev.compare(learned, cosine, "precision@10");
    assertTrue(c.lower() > 0.05, "learned " + learned.get("precision@10").format() + " vs cosine "
        + cosine.get("precision@10").format() + ": " + c);
  }

  @Test
  void anAddedListenerIsFoundWithoutRefittingAndUnknownItemsAreAccepted() {
    Interactions data = sparseTastes(200, 3);
    CoListeningMatcher m = new CoListeningMatcherTrainer(small(3)).fit(data, NONE);
    Map<String, Double> plays = new LinkedHashMap<>();
    for (int r = 0; r < data.size(); r++) { // the items of two taste-1 listeners
      String u = data.users().id(data.user(r));
      if (u.equals("u1") || u.equals("u9")) {
        plays.put(data.items().id(data.item(r)), 2.0);
      }
    }
    plays.put("a-new-track", 3.0);
    m.addListener("newcomer", plays);
    m.addListener("twin", new LinkedHashMap<>(plays));
    List<ListenerMatch> got = m.similarListeners("newcomer", 5);
    assertEquals("twin", got.get(0).listenerId());
    long sameTaste = got.stream().skip(1).filter(x -> !x.listenerId().equals("twin")
        && Integer.parseInt(x.listenerId().substring(1)) % CLUSTERS == 1).count();
    assertTrue(sameTaste >= 3, "matches of taste 1 expected: " + got);
    assertTrue(m.similarListeners("u1", 200).stream().anyMatch(x -> x.listenerId().equals("newcomer")));
    assertEquals("co-listening", got.get(1).explanation().factors("part").get(0).label());
  }

  /** Tracks a0-t0 .. a99-t39: 100 artists with 40 tracks each. */
  static Catalog artistCatalog() {
    List<Track> tracks = new java.util.ArrayList<>();
    for (int a = 0; a < 100; a++) {
      for (int t = 0; t < 40; t++) {
        tracks.add(Track.builder("a" + a + "-t" + t).title("Song " + t).artists(List.of(ArtistRef.named("Artist " + a)))
            .build());
      }
    }
    return Catalog.of(tracks);
  }

  /** Listeners who each play 16 tracks of their own three artists: their halves share artists, rarely tracks. */
  static Interactions artistListeners(int listeners, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < listeners; u++) {
      int[] artists = {r.nextInt(100), r.nextInt(100), r.nextInt(100)};
      Set<String> seen = new HashSet<>();
      while (seen.size() < 16) {
        String item = "a" + artists[r.nextInt(3)] + "-t" + r.nextInt(40);
        if (seen.add(item)) {
          b.add("u" + u, item, 1 + r.nextInt(4), 0, false);
        }
      }
    }
    return b.build();
  }

  @Test
  void artistTokensAreChosenWhenHalvesShareArtistsAndAddedListenersGetThem() {
    Interactions data = artistListeners(300, 4);
    Catalog catalog = artistCatalog();
    MatchingTask task = MatchingTask.splitHalf(data, catalog, 4, 4);
    MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().k(10).bootstrapSamples(500).build());
    MatchingResult with = ev.evaluate(task, new CoListeningMatcherTrainer(small(4)));
    MatchingResult without = ev.evaluate(task, new CoListeningMatcherTrainer(small(4).toBuilder().artistTokens(false).build()));
    PairedComparison c = ev.compare(with, without, "recall@10");
    assertTrue(c.lower() > 0, "with artist tokens " + with.get("recall@10").format() + " vs without "
        + without.get("recall@10").format() + ": " + c);

    CoListeningMatcher m = new CoListeningMatcherTrainer(small(4).toBuilder().minValidation(10).build()).fit(data, catalog);
    assertTrue(m.selection().artistTokens(), m.selection().toString());
    Map<String, Double> fan = new LinkedHashMap<>(); // two new listeners of artists 7 and 8 who share no track
    Map<String, Double> otherFan = new LinkedHashMap<>();
    for (int t = 0; t < 8; t++) {
      fan.put("a7-t" + t, 1.0 + t);
      fan.put("a8-t" + t, 2.0);
      otherFan.put("a7-t" + (20 + t), 2.0);
      otherFan.put("a8-t" + (20 + t), 1.0 + t);
    }
    fan.put("not-in-the-catalogue", 1.0);
    m.addListener("fan", fan);
    m.addListener("other-fan", otherFan);
    List<ListenerMatch> got = m.similarListeners("fan", 3);
    assertTrue(got.stream().anyMatch(x -> x.listenerId().equals("other-fan")), got.toString());
    assertEquals(302, m.size());
  }

  @Test
  void theFusedScoreIsExactAndExplainedByItsItemOverlapPart() {
    Interactions data = sparseTastes(160, 13);
    CoListeningMatcher m = new CoListeningMatcherTrainer(small(13).toBuilder().overlapWeights(List.of(0.5)).build())
        .fit(data, NONE);
    assertEquals(0.5, m.overlapWeight());
    m.addListener("late", Map.of("i1", 3.0, "i2", 1.0, "i5", 2.0, "i-unknown", 1.0));
    dev.recsys.core.matching.ListenerProfiles p = dev.recsys.core.matching.ListenerProfiles.of(data);
    p.put("late", Map.of("i1", 3.0, "i2", 1.0, "i5", 2.0, "i-unknown", 1.0));
    dev.recsys.core.matching.SparseCosineIndex sparse = new dev.recsys.core.matching.SparseCosineIndex(p, ItemWeighting.TFIDF);
    List<String> queries = List.of("u0", "u3", "u77", "late");
    List<List<dev.recsys.core.matching.ScoredListener>> got = m.nearest(queries, 10, id -> true);
    for (int qi = 0; qi < queries.size(); qi++) {
      int q = p.require(queries.get(qi));
      float[] x = m.vector(queries.get(qi));
      double[] brute = new double[p.size()];
      for (int v = 0; v < p.size(); v++) {
        float[] y = m.vector(p.id(v));
        double d = 0;
        for (int c = 0; c < x.length; c++) {
          d += (double) x[c] * y[c];
        }
        brute[v] = v == q ? Double.NEGATIVE_INFINITY : d + 0.5 * sparse.cosine(q, v);
      }
      double[] sorted = brute.clone();
      java.util.Arrays.sort(sorted);
      for (int r = 0; r < 10; r++) {
        var hit = got.get(qi).get(r);
        assertEquals(sorted[sorted.length - 1 - r], hit.score(), 1e-5, queries.get(qi) + " rank " + r);
        assertEquals(brute[p.require(hit.listenerId())], hit.score(), 1e-5, queries.get(qi) + " " + hit);
      }
    }
    String match = got.get(3).get(0).listenerId();
    var parts = m.explain("late", match).factors("part");
    assertEquals(List.of("co-listening", "item-overlap"), parts.stream().map(f -> f.label()).toList());
    assertEquals(got.get(3).get(0).score(), parts.get(0).contribution() + parts.get(1).contribution(), 1e-5);
  }

  @Test
  void onSocialDataTheItemOverlapPartIsChosenAndLiftsFriendRecall() {
    Interactions[] world = socialWorld();
    Interactions data = world[0];
    MatchingTask task = MatchingTask.truth(data, NONE, world[1]);
    MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().k(10).bootstrapSamples(500).build());
    CoListeningMatcherTrainer fused = new CoListeningMatcherTrainer(small(5));
    assertTrue(fused.fit(data, NONE).overlapWeight() > 0);
    MatchingResult with = ev.evaluate(task, fused);
    MatchingResult without = ev.evaluate(task, new CoListeningMatcherTrainer(small(5).toBuilder().overlapWeights(List.of(0.0)).build()));
    PairedComparison c = ev.compare(with, without, "recall@10");
    assertTrue(c.lower() > 0, "fused " + with.get("recall@10").format() + " vs dense only "
        + without.get("recall@10").format() + ": " + c);
  }

  @Test
  void anOverlapWeightChosenOnHeldOutFriendsIsReportedOnTheOtherQueriesAndReachesRawTfidf() {
    Interactions[] world = socialWorld();
    Interactions data = world[0];
    List<MatchingTask> parts = MatchingTask.truth(data, NONE, world[1]).splitQueries(0.3, 7);
    MatchingTask validation = parts.get(0);
    MatchingTask test = parts.get(1);
    CoListeningMatcher m = new CoListeningMatcherTrainer(small(5).toBuilder().overlapWeights(List.of(0.0)).build())
        .fit(data, NONE);
    assertEquals(0.0, m.overlapWeight());
    List<Double> grid = List.of(0.0, 0.5, 2.0, 20.0);
    CoListeningMatcherTrainer.OverlapChoice c = CoListeningMatcherTrainer.chooseOverlapWeight(m, validation, grid, 10);
    assertEquals(grid, List.copyOf(c.recall().get(c.weighting()).keySet()));
    assertEquals(validation.relevant().size(), c.queries());
    double best = c.recall().get(c.weighting()).values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(best, c.recall().get(c.weighting()).get(c.weight()));
    assertTrue(c.weight() > 0, "friends share items, so the overlap part must be chosen: " + c);
    assertEquals(c.weight(), m.overlapWeight());
    MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().k(10).bootstrapSamples(500).build());
    MatchingResult chosen = ev.evaluate(test, m, 0);
    MatchingResult tfidf = ev.evaluate(test,
        CosineMatcher.trainer("cosine-tfidf", new CosineMatcher.Config(ItemWeighting.TFIDF)));
    PairedComparison vsTfidf = ev.compare(chosen, tfidf, "recall@10");
    assertTrue(vsTfidf.upper() > 0, "the chosen weight must not lose to raw TF-IDF cosine: " + vsTfidf);
    m.overlapWeight(0);
    MatchingResult dense = ev.evaluate(test, m, 0);
    assertTrue(ev.compare(chosen, dense, "recall@10").lower() > 0, "the chosen weight must beat the dense part alone");
  }

  @Test
  void theOverlapWeightAndWeightingAreChosenJointlyOnHeldOutFriends() {
    Interactions[] world = socialWorld();
    List<MatchingTask> parts = MatchingTask.truth(world[0], NONE, world[1]).splitQueries(0.3, 7);
    CoListeningMatcher m = new CoListeningMatcherTrainer(small(5).toBuilder().overlapWeights(List.of(0.0)).build())
        .fit(world[0], NONE);
    List<Double> grid = List.of(0.0, 1.0, 20.0, 100.0);
    List<ItemWeighting> weightings = List.of(ItemWeighting.TFIDF, ItemWeighting.BM25_IDF2);
    CoListeningMatcherTrainer.OverlapChoice c = CoListeningMatcherTrainer.chooseOverlap(m, parts.get(0), grid,
        weightings, 10);
    assertEquals(weightings, List.copyOf(c.recall().keySet()));
    double best = c.recall().values().stream().flatMap(r -> r.values().stream()).mapToDouble(Double::doubleValue)
        .max().orElseThrow();
    assertEquals(best, c.recall().get(c.weighting()).get(c.weight()), c.toString());
    assertEquals(c.weight(), m.overlapWeight());
    assertEquals(c.weighting(), m.overlapWeighting());
    assertEquals(c.recall().get(ItemWeighting.TFIDF).get(0.0), c.recall().get(ItemWeighting.BM25_IDF2).get(0.0), 1e-12,
        "without the overlap part the weighting cannot matter");
  }

  @Test
  void theChoiceOnHeldOutFriendsNeverReadsTheTestQueries() {
    Interactions[] world = socialWorld();
    MatchingTask task = MatchingTask.truth(world[0], NONE, world[1]);
    List<MatchingTask> parts = task.splitQueries(0.3, 7);
    Set<String> validationQueries = parts.get(0).relevant().keySet();
    // the same friendships with the test queries' own friends replaced by random listeners who are test queries too
    List<String> test = List.copyOf(parts.get(1).relevant().keySet());
    SplittableRandom r = new SplittableRandom(3);
    Interactions.Builder scrambled = Interactions.builder();
    for (int e = 0; e < world[1].size(); e++) {
      String a = world[1].users().id(world[1].user(e));
      String b = world[1].items().id(world[1].item(e));
      if (validationQueries.contains(a) || validationQueries.contains(b)) {
        scrambled.add(a, b, 1, 0, false);
      } else {
        scrambled.add(test.get(r.nextInt(test.size())), test.get(r.nextInt(test.size())), 1, 0, false);
      }
    }
    List<MatchingTask> other = MatchingTask.truth(world[0], NONE, scrambled.build()).splitQueries(0.3, 7);
    assertEquals(parts.get(0).relevant(), other.get(0).relevant(), "the validation queries and their friends");
    assertTrue(!parts.get(1).relevant().equals(other.get(1).relevant()), "the test truth differs");
    CoListeningConfig config = small(5).toBuilder().overlapWeights(List.of(0.0)).build();
    List<Double> grid = List.of(0.0, 0.5, 5.0, 50.0);
    List<ItemWeighting> weightings = List.of(ItemWeighting.TFIDF, ItemWeighting.BM25_IDF2);
    CoListeningMatcherTrainer.OverlapChoice a = CoListeningMatcherTrainer.chooseOverlap(
        new CoListeningMatcherTrainer(config).fit(world[0], NONE), parts.get(0), grid, weightings, 10);
    CoListeningMatcherTrainer.OverlapChoice b = CoListeningMatcherTrainer.chooseOverlap(
        new CoListeningMatcherTrainer(config).fit(world[0], NONE), other.get(0), grid, weightings, 10);
    assertEquals(a, b);
  }

  @Test
  void theGenreShareIsChosenOnValidationWhenGenresCarryTheTasteAndAudioDoesNot() {
    Interactions data = sparseTastes(400, 9);
    SplittableRandom r = new SplittableRandom(9);
    List<Track> tracks = new java.util.ArrayList<>();
    for (int i = 0; i < CLUSTERS * 300; i++) {
      double[] audio = new double[dev.recsys.core.model.AudioFeature.values().length];
      for (dev.recsys.core.model.AudioFeature f : dev.recsys.core.model.AudioFeature.values()) {
        double x = f.min() + r.nextDouble() * (f.max() - f.min());
        audio[f.ordinal()] = f.isCategorical() ? Math.rint(x) : x;
      }
      tracks.add(Track.builder("i" + i).genres(List.of("genre" + i / 300))
          .audio(dev.recsys.core.model.AudioFeatures.of(audio)).build());
    }
    CoListeningConfig config = small(9).toBuilder().genreShares(List.of(0.5, 1.0)).build();
    CoListeningMatcher m = new CoListeningMatcherTrainer(config).fit(data, Catalog.of(tracks));
    assertTrue(m.selection().contentWeight() > 0, m.selection().toString());
    assertEquals(1.0, m.selection().genreShare(), m.selection().toString());
    CoListeningMatcher idOnly = new CoListeningMatcherTrainer(config).fit(data, NONE);
    assertEquals(0.0, idOnly.selection().contentWeight());
  }

  /** A small social world: its listener-artist plays and its friendships. */
  private static Interactions[] socialWorld() {
    dev.recsys.core.synth.SocialPlays.World w = new dev.recsys.core.synth.SocialPlays(300, 600, 6, 5).generate();
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < w.plays().size(); u++) {
      for (var e : w.plays().get(u).entrySet()) {
        b.add("u" + u, "a" + e.getKey(), e.getValue(), 0, false);
      }
    }
    Interactions data = b.build();
    Interactions.Builder friends = Interactions.builder();
    for (int[] e : w.friends()) {
      friends.add("u" + e[0], "u" + e[1], 1, 0, false);
    }
    return new Interactions[] {data, friends.build()};
  }

  @Test
  void theSameSeedGivesTheSameMatcher() {
    Interactions data = sparseTastes(150, 11);
    CoListeningMatcher a = new CoListeningMatcherTrainer(small(5)).fit(data, NONE);
    CoListeningMatcher b = new CoListeningMatcherTrainer(small(5)).fit(data, NONE);
    assertEquals(a.selection(), b.selection());
    for (String id : List.of("u0", "u17", "u149")) {
      assertArrayEquals(a.vector(id), b.vector(id));
    }
  }

  @Test
  void theMatcherIsRegisteredAsAPlugin() {
    @SuppressWarnings("rawtypes")
    PluginRegistry<ListenerMatcherPlugin> reg = PluginRegistry.load(ListenerMatcherPlugin.class);
    assertTrue(reg.names().contains(CoListeningMatcherTrainer.NAME), reg.names().toString());
    @SuppressWarnings("unchecked")
    ListenerMatcherPlugin<CoListeningConfig> p = reg.get(CoListeningMatcherTrainer.NAME);
    assertEquals(7, p.withSeed(p.defaultConfig(), 7).seed());
  }
}
