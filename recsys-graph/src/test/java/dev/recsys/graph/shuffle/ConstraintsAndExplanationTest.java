package dev.recsys.graph.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.plugin.NextTrackSamplerPlugin;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.graph.simulation.Worlds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hard constraints, the drift feature, weights by name, the explained walk and the sampler plugins. */
class ConstraintsAndExplanationTest {
  private final Worlds.Fixture fx = Worlds.of(2000);

  @Test
  void defaultWalkNeverRepeatsWithinTheWindowNorAnArtistWithinTheGap() {
    SoftmaxWalkSampler walk = fx.walk();
    int gap = walk.config().artistGap();
    int within = walk.config().excludeWithin();
    for (long seed = 1; seed <= 20; seed++) {
      int[] w = walk.walk((int) seed * 37, 120, new ListeningHistory(2000, 50), new SplittableRandom(seed));
      Map<Integer, Integer> last = new HashMap<>();
      for (int i = 0; i < w.length; i++) {
        Integer prev = last.put(w[i], i);
        if (prev != null) {
          assertTrue(i - prev > within, "track " + w[i] + " repeated after " + (i - prev) + " plays, seed " + seed);
        }
        for (int j = Math.max(0, i - gap); j < i; j++) {
          assertNotEquals(fx.attributes().artist(w[j]), fx.attributes().artist(w[i]),
              "artist repeated within " + gap + " plays at " + i + ", seed " + seed);
        }
      }
    }
  }

  @Test
  void unconstrainedWalkDoesRepeatArtistsSoTheConstraintIsWhatPreventsIt() {
    SoftmaxWalkSampler free = SoftmaxWalkSampler.create(fx.graph(), fx.attributes(),
        SoftmaxWalkConfig.builder().unconstrained().weight(WalkFeatures.SAME_ARTIST, 3.0).build());
    int same = 0;
    int[] w = free.walk(5, 400, new ListeningHistory(2000, 50), new SplittableRandom(3));
    for (int i = 1; i < w.length; i++) {
      same += fx.attributes().artist(w[i]) == fx.attributes().artist(w[i - 1]) ? 1 : 0;
    }
    assertTrue(same > 10, "expected same-artist pairs without the constraint; got " + same);
  }

  @Test
  void whenConstraintsExhaustTheNeighboursTheWalkWidensToTheSecondHop() {
    SoftmaxWalkSampler walk = fx.walk();
    ListeningHistory h = new ListeningHistory(2000, 50);
    int cur = 0;
    int[] nb = java.util.Arrays.copyOfRange(fx.graph().neighbours(), fx.graph().offsets()[cur], fx.graph().offsets()[cur + 1]);
    for (int t : nb) {
      h.play(t);
    }
    h.play(cur);
    StepBuffers buf = walk.newBuffers();
    int n = walk.gather(cur, h, buf);
    assertEquals(StepBuffers.StepSource.SECOND_HOP, buf.source());
    assertTrue(n > 0);
    for (int i = 0; i < n; i++) {
      int ago = h.playsSince(buf.candidates()[i]);
      assertTrue(ago < 0 || ago > walk.config().excludeWithin());
    }
  }

  @Test
  void explainedWalkPicksTheSameTracksAsWalkAndExplainsEachPick() {
    SoftmaxWalkSampler walk = fx.walk();
    int[] plain = walk.walk(11, 30, new ListeningHistory(2000, 50), new SplittableRandom(8));
    List<SoftmaxWalkSampler.ExplainedStep> steps = walk.explainedWalk(11, 30, new ListeningHistory(2000, 50), new SplittableRandom(8));
    assertEquals(29, steps.size());
    for (int i = 0; i < steps.size(); i++) {
      SoftmaxWalkSampler.ExplainedStep s = steps.get(i);
      assertEquals(plain[i + 1], s.track());
      assertEquals(s.track(), s.distribution().candidates()[s.row()]);
      assertTrue(s.probability() > 0);
      double score = 0;
      for (var f : s.distribution().explain(s.row()).factors()) {
        score += f.contribution();
      }
      double expected = 0;
      for (int f = 0; f < walk.featureNames().size(); f++) {
        expected += walk.weights()[f] * s.distribution().value(s.row(), f) / walk.config().temperature();
      }
      assertEquals(expected, score, 1e-9);
    }
  }

  @Test
  void weightsByNameReplaceOnlyTheNamedFeatures() {
    SoftmaxWalkSampler walk = fx.walk();
    SoftmaxWalkSampler w2 = walk.withWeights(Map.of(WalkFeatures.TEMPO, 2.5));
    assertEquals(2.5, w2.weight(WalkFeatures.TEMPO));
    for (String f : walk.featureNames()) {
      if (!f.equals(WalkFeatures.TEMPO)) {
        assertEquals(walk.weight(f), w2.weight(f), f);
      }
    }
    assertEquals(walk.featureNames(), List.copyOf(w2.weightMap().keySet()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> walk.withWeights(Map.of("tempi", 1.0)));
    assertTrue(e.getMessage().contains("tempi") && e.getMessage().contains(WalkFeatures.TEMPO), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> walk.withWeights(Map.of(WalkFeatures.KEY, Double.NaN)));
    assertArrayEquals(walk.withWeights(walk.weights()).weights(), walk.withWeights(walk.weightMap()).weights());
  }

  @Test
  void driftRewardsLeavingTheClusterOnlyAfterDwelling() {
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(fx.graph(), fx.attributes(),
        SoftmaxWalkConfig.builder().weight(WalkFeatures.DRIFT, 1.0).driftDwell(4).build());
    int drift = walk.featureNames().indexOf(WalkFeatures.DRIFT);
    TrackAttributes at = fx.attributes();
    int cur = 0;
    int c = at.cluster(cur);
    ListeningHistory fresh = new ListeningHistory(2000, 50);
    fresh.play(cur);
    NextTrackDistribution d1 = walk.distribution(cur, fresh);
    ListeningHistory dwelt = new ListeningHistory(2000, 50);
    int played = 0;
    for (int t = 1; t < 2000 && played < 5; t++) {
      if (at.cluster(t) == c && t != cur) {
        dwelt.play(t);
        played++;
      }
    }
    dwelt.play(cur);
    NextTrackDistribution d2 = walk.distribution(cur, dwelt);
    for (NextTrackDistribution d : List.of(d1, d2)) {
      for (int i = 0; i < d.size(); i++) {
        if (at.cluster(d.candidates()[i]) == c) {
          assertEquals(0.0, d.value(i, drift));
        }
      }
    }
    double max1 = 0;
    for (int i = 0; i < d1.size(); i++) {
      max1 = Math.max(max1, d1.value(i, drift));
    }
    double max2 = 0;
    for (int i = 0; i < d2.size(); i++) {
      max2 = Math.max(max2, d2.value(i, drift));
    }
    assertTrue(max1 <= 0.25 + 1e-12, "after one play in the cluster drift is at most 1/dwell; got " + max1);
    assertTrue(max2 == 0.0 || max2 == 1.0, "after dwelling, drift is 1 for other clusters; got " + max2);
  }

  @Test
  void configRejectsAnArtistGapBeyondTheHistoryWindow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SoftmaxWalkConfig.builder().historyWindow(5).artistGap(6).build());
    assertTrue(e.getMessage().contains("artistGap"), e.getMessage());
  }

  @Test
  void samplerPluginsAreRegisteredByNameAndCreateWorkingSamplers() {
    PluginRegistry<NextTrackSamplerPlugin<?>> reg = PluginKind.SAMPLER.registry();
    assertTrue(reg.names().containsAll(List.of("softmax-walk", "similarity-walk", "uniform-shuffle")), reg.names().toString());
    for (String name : List.of("softmax-walk", "similarity-walk", "uniform-shuffle")) {
      NextTrackSampler s = reg.get(name).create(fx.world().catalog(), fx.world().vectors());
      int[] w = s.walk(3, 20, new ListeningHistory(2000, 50), new SplittableRandom(1));
      assertEquals(20, w.length, name);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> reg.get("softmax-walk").create(fx.world().catalog(), null));
    assertTrue(e.getMessage().contains("vectors"), e.getMessage());
  }
}
