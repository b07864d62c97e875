package dev.recsys.graph.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.Worlds;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxWalkSamplerTest {
  /** Five tracks: 0 C major 120 bpm by A; 1 A minor 122 by A; 2 G major 160 by B; 3 no key by C; 4 F# major by D. */
  static Catalog tinyCatalog() {
    return Catalog.of(List.of(
        track("t0", "A", 0, 1, 120, "rock"),
        track("t1", "A", 9, 0, 122, "rock"),
        track("t2", "B", 7, 1, 160, "jazz"),
        track("t3", "C", Double.NaN, Double.NaN, Double.NaN, "jazz"),
        track("t4", "D", 6, 1, 121, "pop")));
  }

  static Track track(String id, String artist, double key, double mode, double tempo, String genre) {
    return Track.builder(id).artists(List.of(ArtistRef.named(artist))).genres(List.of(genre))
        .audio(AudioFeatures.builder().set(AudioFeature.KEY, key).set(AudioFeature.MODE, mode).set(AudioFeature.TEMPO, tempo).build())
        .build();
  }

  /** Track 0 links to 1..4 with weights .9 .8 .7 .6; everyone else links back to 0 only. */
  static SimilarityGraph tinyGraph() {
    return new SimilarityGraph(List.of("t0", "t1", "t2", "t3", "t4"), new int[] {0, 4, 5, 6, 7, 8},
        new int[] {1, 2, 3, 4, 0, 0, 0, 0}, new float[] {.9f, .8f, .7f, .6f, .9f, .8f, .7f, .6f},
        SimilarityGraphConfig.defaults());
  }

  @Test
  void featureValuesFollowTheirDefinitions() {
    Catalog cat = tinyCatalog();
    SoftmaxWalkSampler s = SoftmaxWalkSampler.create(tinyGraph(), TrackAttributes.of(cat),
        SoftmaxWalkConfig.builder().unconstrained().build());
    ListeningHistory h = new ListeningHistory(5, 10);
    h.play(2);
    h.play(0);
    NextTrackDistribution d = s.distribution(0, h);
    assertArrayEquals(new int[] {1, 2, 3, 4}, d.candidates());
    List<String> names = d.featureNames();
    int sim = names.indexOf("similarity"), rec = names.indexOf("recency"), never = names.indexOf("never-played");
    int same = names.indexOf("same-artist"), key = names.indexOf("key"), tempo = names.indexOf("tempo"), div = names.indexOf("diversity");
    assertEquals(0.9, d.value(0, sim), 1e-6);
    // track 2 was played two plays ago: recency 2^(-1/20), not never-played; track 1 never played
    assertEquals(Math.pow(2, -1.0 / 20), d.value(1, rec), 1e-9);
    assertEquals(0.0, d.value(1, never));
    assertEquals(0.0, d.value(0, rec));
    assertEquals(1.0, d.value(0, never));
    assertEquals(1.0, d.value(0, same));
    assertEquals(0.0, d.value(1, same));
    assertEquals(0.75, d.value(0, key), 1e-12, "A minor is the relative minor of C major");
    assertEquals(0.5, d.value(1, key), 1e-12, "G major is a fifth from C major");
    assertEquals(0.0, d.value(2, key), 1e-12, "a missing key contributes nothing");
    assertEquals(0.0, d.value(3, key), 1e-12, "F# major is a tritone away");
    assertEquals(1 / (1 + (2.0 / 15) * (2.0 / 15)), d.value(0, tempo), 1e-6);
    assertEquals(0.0, d.value(2, tempo), 1e-12, "a missing tempo contributes nothing");
    // recent plays: t0 (rock), t2 (jazz): rock and jazz candidates share 1/2, pop is new
    assertEquals(0.5, d.value(0, div), 1e-12);
    assertEquals(1.0, d.value(3, div), 1e-12);
    double sum = 0;
    for (double p : d.probabilities()) {
      sum += p;
    }
    assertEquals(1.0, sum, 1e-12);
    Explanation e = d.explain(0);
    for (Explanation.Factor f : e.factors()) {
      int col = names.indexOf(f.label());
      assertEquals(d.weights()[col] * d.value(0, col), f.contribution(), 1e-12);
    }
  }

  @Test
  void keyCompatibilityTable() {
    assertEquals(1.0, WalkFeatures.keyCompatibility(0, 1, 0, 1));
    assertEquals(0.75, WalkFeatures.keyCompatibility(9, 0, 0, 1));
    assertEquals(0.5, WalkFeatures.keyCompatibility(0, 0, 5, 0));
    assertEquals(0.25, WalkFeatures.keyCompatibility(0, 0, 0, 1));
    assertEquals(0.0, WalkFeatures.keyCompatibility(0, 1, 1, 1));
    assertEquals(0.0, WalkFeatures.keyCompatibility(-1, 1, 0, 1));
    assertEquals(1.0, WalkFeatures.keyCompatibility(4, -1, 4, 1));
    assertEquals(0.5, WalkFeatures.keyCompatibility(4, -1, 11, 0));
  }

  @Test
  void hardCasesHaveDefinedBehaviour() {
    Catalog cat = tinyCatalog();
    SoftmaxWalkSampler filtered = SoftmaxWalkSampler.create(tinyGraph(), TrackAttributes.of(cat),
        SoftmaxWalkConfig.builder().excludeWithin(10).build());
    StepBuffers buf = filtered.newBuffers();
    ListeningHistory h = new ListeningHistory(5, 10);
    for (int t : new int[] {1, 2, 3, 4, 0}) {
      h.play(t);
    }
    // every neighbour of 0 was played within 10 plays: the filter is relaxed
    int n = filtered.step(0, h, filtered.weights(), buf);
    assertEquals(4, n);
    assertEquals(StepBuffers.StepSource.UNFILTERED_NEIGHBOURS, buf.source());
    // a fresh history: the filter holds and the neighbours are used
    ListeningHistory fresh = new ListeningHistory(5, 10);
    fresh.play(0);
    filtered.step(0, fresh, filtered.weights(), buf);
    assertEquals(StepBuffers.StepSource.NEIGHBOURS, buf.source());

    // a track without neighbours: the next tracks in catalogue order
    SimilarityGraph isolated = new SimilarityGraph(List.of("t0", "t1", "t2", "t3", "t4"), new int[] {0, 0, 0, 0, 0, 0},
        new int[0], new float[0], SimilarityGraphConfig.defaults());
    SoftmaxWalkSampler s = SoftmaxWalkSampler.create(isolated, TrackAttributes.of(cat), SoftmaxWalkConfig.defaults());
    n = s.step(3, fresh, s.weights(), buf);
    assertEquals(StepBuffers.StepSource.CATALOGUE_FALLBACK, buf.source());
    assertEquals(4, n);
    assertArrayEquals(new int[] {4, 0, 1, 2}, java.util.Arrays.copyOf(buf.candidates(), n));
    int[] walk = s.walk(0, 30, new ListeningHistory(5, 10), new SplittableRandom(1));
    assertEquals(30, walk.length);

    // one-song library: the same song again
    Catalog one = Catalog.of(List.of(cat.get(0)));
    SoftmaxWalkSampler single = SoftmaxWalkSampler.create(new SimilarityGraph(List.of("t0"), new int[] {0, 0}, new int[0],
        new float[0], SimilarityGraphConfig.defaults()), TrackAttributes.of(one), SoftmaxWalkConfig.defaults());
    assertArrayEquals(new int[] {0, 0, 0}, single.walk(0, 3, new ListeningHistory(1, 5), new SplittableRandom(1)));

    // empty catalogue: empty distribution, -1 from sample
    SoftmaxWalkSampler empty = SoftmaxWalkSampler.create(new SimilarityGraph(List.of(), new int[] {0}, new int[0], new float[0],
        SimilarityGraphConfig.defaults()), TrackAttributes.of(Catalog.of(List.of())), SoftmaxWalkConfig.defaults());
    assertEquals(0, empty.distribution(0, new ListeningHistory(0, 5)).size());
    assertEquals(-1, empty.sample(0, new ListeningHistory(0, 5), new SplittableRandom(1)));

    // a bad current track is a caller error, named
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.distribution(7, fresh));
    assertTrue(e.getMessage().startsWith("current must be in [0, 4]"), e.getMessage());
  }

  @Test
  void customFeaturesPlugIn() {
    WalkFeature evenIds = new WalkFeature() {
      @Override
      public String name() {
        return "even-index";
      }

      @Override
      public double compute(int candidate, WalkContext context) {
        return candidate % 2 == 0 ? 1 : 0;
      }
    };
    Catalog cat = tinyCatalog();
    SoftmaxWalkConfig cfg = SoftmaxWalkConfig.builder().unconstrained().build();
    SoftmaxWalkSampler s = new SoftmaxWalkSampler(tinyGraph(), TrackAttributes.of(cat),
        List.of(WalkFeatures.builtIn("similarity", cfg), evenIds), new double[] {0, 5}, cfg);
    ListeningHistory h = new ListeningHistory(5, 10);
    h.play(0);
    NextTrackDistribution d = s.distribution(0, h);
    assertEquals(List.of("similarity", "even-index"), d.featureNames());
    assertTrue(d.probabilities()[1] > 0.45 && d.probabilities()[3] > 0.45, java.util.Arrays.toString(d.probabilities()));
    assertThrows(IllegalArgumentException.class, () -> s.withWeights(new double[] {1}));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> SoftmaxWalkConfig.builder().weights(java.util.Map.of("loudness", 1.0)).build());
    assertTrue(unknown.getMessage().contains("known:"), unknown.getMessage());
  }

  @Test
  void smartWalkRepeatsLessThanTheSimilarityWalk() {
    Worlds.Fixture fx = Worlds.of(2000);
    SoftmaxWalkSampler simOnly = SoftmaxWalkSampler.similarityOnly(fx.graph(), fx.attributes(), 0.1);
    int smartRepeats = 0;
    int simRepeats = 0;
    for (int seed = 0; seed < 5; seed++) {
      smartRepeats += repeats(fx.walk().walk(seed * 37, 100, new ListeningHistory(2000, 50), new SplittableRandom(seed)));
      simRepeats += repeats(simOnly.walk(seed * 37, 100, new ListeningHistory(2000, 50), new SplittableRandom(seed)));
    }
    assertTrue(smartRepeats * 3 < simRepeats, "smart " + smartRepeats + " vs similarity-only " + simRepeats);
  }

  static int repeats(int[] walk) {
    Set<Integer> seen = new HashSet<>();
    int r = 0;
    for (int t : walk) {
      if (!seen.add(t)) {
        r++;
      }
    }
    return r;
  }

  @Test
  void stepAndSampleDoNotAllocate() {
    Worlds.Fixture fx = Worlds.of(2000);
    SoftmaxWalkSampler s = fx.walk();
    StepBuffers buf = s.newBuffers();
    ListeningHistory h = new ListeningHistory(2000, 50);
    SplittableRandom rnd = new SplittableRandom(3);
    double[] w = s.weights();
    int cur = 0;
    h.play(cur);
    for (int i = 0; i < 20_000; i++) { // warm up so that escape analysis and inlining settle
      cur = s.sample(cur, h, w, buf, rnd);
      h.play(cur);
      cur = s.sample(cur, h, rnd);
      h.play(cur);
    }
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    // JIT compilation is asynchronous: on a busy machine the optimised code may arrive late, so the steady state is
    // the best of several rounds; a step that allocates for real allocates in every round
    long bytes = Long.MAX_VALUE;
    for (int round = 0; round < 20 && bytes >= 20_000; round++) {
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 10_000; i++) {
        cur = s.sample(cur, h, w, buf, rnd);
        h.play(cur);
        cur = s.sample(cur, h, rnd);
        h.play(cur);
      }
      bytes = Math.min(bytes, mx.getThreadAllocatedBytes(tid) - before);
    }
    // 20,000 steps: anything per step would be >= 320 kB; allow a little for the measurement itself
    assertTrue(bytes < 20_000, "steps allocated " + bytes + " bytes");
    assertNotEquals(-1, cur);
  }
}
