package dev.recsys.graph.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.graph.choice.OnlineChoiceUpdater.Outcome;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.WalkFeatures;
import dev.recsys.graph.simulation.Worlds;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Personal offsets: direction of the updates, shrinkage, the global model for newcomers and split explanations. */
class PersonalWeightsTest {
  private static final List<String> NAMES = List.of("a", "b");
  /** Two candidates: row 0 has feature a, row 1 has feature b. */
  private static final double[] SET = {1, 0, 0, 1};

  @Test
  void aListenerWithoutEventsGetsExactlyTheGlobalModel() {
    double[] global = {0.7, -1.3};
    PersonalWeights pw = new PersonalWeights(NAMES, global, PersonalWeights.Config.defaults());
    pw.update("someone-else", SET, 2, 0, Outcome.REPLAY);
    assertArrayEquals(global, pw.weights("newcomer"));
    assertArrayEquals(new double[2], pw.offset("newcomer"));
    assertEquals(0, pw.events("newcomer"));
  }

  @Test
  void replaysRaiseAndSkipsLowerThePlayedFeatureWeight() {
    PersonalWeights pw = new PersonalWeights(NAMES, new double[] {0, 0}, PersonalWeights.Config.defaults());
    for (int i = 0; i < 30; i++) {
      pw.update("replayer", SET, 2, 0, Outcome.REPLAY);
      pw.update("skipper", SET, 2, 0, Outcome.SKIP);
    }
    assertTrue(pw.offset("replayer")[0] > 0 && pw.offset("replayer")[1] < 0, java.util.Arrays.toString(pw.offset("replayer")));
    assertTrue(pw.offset("skipper")[0] < 0 && pw.offset("skipper")[1] > 0, java.util.Arrays.toString(pw.offset("skipper")));
  }

  @Property(tries = 50)
  void shrinkageKeepsFewEventsCloserToTheGlobalModel(@ForAll @IntRange(min = 1, max = 20) int events,
      @ForAll @DoubleRange(min = 1, max = 200) double prior, @ForAll boolean skip) {
    Outcome o = skip ? Outcome.SKIP : Outcome.FULL_PLAY;
    PersonalWeights weak = new PersonalWeights(NAMES, new double[] {0.2, 0.1}, new PersonalWeights.Config(0.05, 0, prior));
    PersonalWeights none = new PersonalWeights(NAMES, new double[] {0.2, 0.1}, new PersonalWeights.Config(0.05, 0, 0));
    for (int i = 0; i < events; i++) {
      weak.update("u", SET, 2, 1, o);
      none.update("u", SET, 2, 1, o);
    }
    double ratio = events / (events + prior);
    // the first step is the same raw step, shrunk by n / (n + prior); later steps are scored with different weights
    if (events == 1) {
      assertEquals(none.offset("u")[1] * ratio, weak.offset("u")[1], 1e-12);
    }
    assertTrue(Math.signum(weak.offset("u")[1]) == (skip ? -1.0 : 1.0));
  }

  @Test
  void explanationShowsGlobalAndPersonalContributionsThatAddUpToTheListenersScore() {
    Worlds.Fixture fx = Worlds.of(2000);
    SoftmaxWalkSampler walk = fx.walk();
    PersonalWeights pw = new PersonalWeights(walk.featureNames(), walk.weights(), PersonalWeights.Config.defaults());
    StepBuffers buf = walk.newBuffers();
    ListeningHistory h = new ListeningHistory(2000, 50);
    int cur = 17;
    h.play(cur);
    for (int i = 0; i < 40; i++) {
      int n = walk.step(cur, h, pw.weights("ana"), buf);
      // ana always replays the most tempo-continuous candidate
      int row = 0;
      int tempo = walk.featureNames().indexOf(WalkFeatures.TEMPO);
      for (int r = 1; r < n; r++) {
        if (buf.features()[r * buf.featureCount() + tempo] > buf.features()[row * buf.featureCount() + tempo]) {
          row = r;
        }
      }
      pw.update("ana", buf.features(), n, row, Outcome.REPLAY);
      cur = buf.candidates()[row];
      h.play(cur);
    }
    assertTrue(pw.offset("ana")[walk.featureNames().indexOf(WalkFeatures.TEMPO)] > 0);
    NextTrackDistribution d = walk.recommendNext(cur, h, pw.weights("ana"));
    Explanation e = pw.explain("ana", d, 0);
    assertEquals(2 * walk.featureNames().size(), e.factors().size());
    double global = e.factors("global").stream().mapToDouble(Explanation.Factor::contribution).sum();
    double personal = e.factors("personal").stream().mapToDouble(Explanation.Factor::contribution).sum();
    double expected = 0;
    double[] w = pw.weights("ana");
    for (int f = 0; f < w.length; f++) {
      expected += w[f] * d.value(0, f) / d.temperature();
    }
    assertEquals(expected, global + personal, 1e-9);
    assertTrue(e.summary().contains("personal"), e.summary());
  }

  @Test
  void badInputIsRejectedWithTheRule() {
    PersonalWeights pw = new PersonalWeights(NAMES, new double[] {0, 0}, PersonalWeights.Config.defaults());
    assertThrows(IllegalArgumentException.class, () -> pw.update("u", SET, 2, 2, Outcome.SKIP));
    assertThrows(IllegalArgumentException.class, () -> pw.update("u", new double[3], 2, 0, Outcome.SKIP));
    assertThrows(IllegalArgumentException.class, () -> new PersonalWeights(NAMES, new double[] {0}, PersonalWeights.Config.defaults()));
    assertThrows(IllegalArgumentException.class, () -> new PersonalWeights.Config(0, 0, 1));
  }
}
