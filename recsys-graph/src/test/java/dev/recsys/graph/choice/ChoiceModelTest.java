package dev.recsys.graph.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.WalkFeatures;
import dev.recsys.graph.simulation.Worlds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChoiceModelTest {
  @TempDir
  Path dir;

  @Test
  void theFitterIsReusableAndEveryFitOfTheSameDataGivesAnEqualModel() {
    ChoiceData data = RecoveryTest.simulate(RecoveryTest.TRUE, 40, 21, 3).choices();
    ChoiceData other = RecoveryTest.simulate(RecoveryTest.TRUE, 40, 21, 4).choices();
    ChoiceModelFitter fitter = new ChoiceModelFitter(ChoiceModelConfig.defaults());
    assertEquals(0, fitter.invocations());
    ChoiceModel first = fitter.fit(data);
    ChoiceModel otherModel = fitter.fit(other);
    ChoiceModel again = fitter.fit(data);
    assertEquals(3, fitter.invocations());
    assertEquals(first, again);
    assertArrayEquals(first.weights(), again.weights());
    assertEquals(first.provenance().dataFingerprint(), again.provenance().dataFingerprint());
    assertTrue(!first.provenance().dataFingerprint().equals(otherModel.provenance().dataFingerprint()),
        "two choice data sets share a fingerprint");
    assertEquals(0, first.provenance().seed());
    assertEquals(ChoiceModelConfig.defaults(), first.config());
  }

  @Test
  void lbfgsAgreesWithNewtonAndL2Shrinks() {
    ChoiceData data = RecoveryTest.simulate(RecoveryTest.TRUE, 100, 31, 11).choices();
    ChoiceModel newton = new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(data);
    ChoiceModel lbfgs = new ChoiceModelFitter(ChoiceModelConfig.defaults().withMethod(ChoiceModelConfig.Method.LBFGS)).fit(data);
    assertTrue(newton.converged() && lbfgs.converged(), newton.iterations() + " / " + lbfgs.iterations());
    for (int f = 0; f < 8; f++) {
      assertEquals(newton.weights()[f], lbfgs.weights()[f], 1e-3 * (1 + Math.abs(newton.weights()[f])), "weight " + f);
    }
    assertEquals(newton.logLikelihood(), lbfgs.logLikelihood(), 1e-4 * Math.abs(newton.logLikelihood()));
    ChoiceModel ridge = new ChoiceModelFitter(ChoiceModelConfig.defaults().withL2(500)).fit(data);
    double n0 = 0, n1 = 0;
    for (int f = 0; f < 8; f++) {
      n0 += newton.weights()[f] * newton.weights()[f];
      n1 += ridge.weights()[f] * ridge.weights()[f];
    }
    assertTrue(n1 < n0, "L2 must shrink the weights");
    assertTrue(ridge.logLikelihood() <= newton.logLikelihood() + 1e-9);
    double heldOut = newton.meanLogLikelihood(RecoveryTest.simulate(RecoveryTest.TRUE, 40, 31, 12).choices());
    assertTrue(heldOut > -Math.log(30) && heldOut < 0, "held-out mean LL " + heldOut);
  }

  @Test
  void saveLoadRoundTripAndNewerVersionRefused() throws IOException {
    ChoiceModel m = new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(RecoveryTest.simulate(RecoveryTest.TRUE, 20, 21, 2).choices());
    Path f = dir.resolve("choice.rsm");
    m.withProvenance(Provenance.now(2, "sha256:x")).save(f);
    assertEquals(m, ChoiceModel.load(f));
    ModelContainer c = ModelContainer.readFrom(f);
    new ModelContainer(c.provider(), 99, c.configJson(), c.provenance(), c.payload()).writeTo(f);
    assertThrows(ModelFormatException.class, () -> ChoiceModel.load(f));
  }

  @Test
  void corruptedModelsGiveOnlyModelFormatExceptions() throws IOException {
    ChoiceModel m = new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(RecoveryTest.simulate(RecoveryTest.TRUE, 20, 21, 2).choices());
    Path f = dir.resolve("choice.rsm");
    m.withProvenance(Provenance.now(2, "sha256:x")).save(f);
    var result = dev.recsys.core.reliability.ContainerFuzzer.fuzz(f, dir.resolve("fuzz"), ChoiceModel::load,
        dev.recsys.core.reliability.Stress.cases(90, 1800), 7);
    System.out.println("choice-model container fuzzing: " + result);
  }

  @Test
  void badDataIsRejectedWithTheRule() {
    ChoiceData.Builder b = ChoiceData.builder(List.of("a", "b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(new double[] {1, 2}, 1, 1));
    assertTrue(e.getMessage().startsWith("chosenRow must be in [0, 0]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.add(new double[] {1, Double.NaN}, 1, 0));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(b.build()));
    assertThrows(IllegalArgumentException.class, () -> new ChoiceModelConfig(ChoiceModelConfig.Method.NEWTON, -1, 10, 1e-6));
  }

  @Test
  void skippingSameArtistSongsLowersTheSameArtistWeight() {
    Worlds.Fixture fx = Worlds.of(2000);
    SoftmaxWalkSampler walk = fx.unconstrained();
    int sameArtist = walk.featureNames().indexOf(WalkFeatures.SAME_ARTIST);
    double[] start = walk.weights();
    start[sameArtist] = 1.0; // a walk that starts out favouring same-artist follow-ups
    OnlineChoiceUpdater up = new OnlineChoiceUpdater(start, 0.05, 0);
    StepBuffers buf = walk.newBuffers();
    SplittableRandom rnd = new SplittableRandom(5);
    int skips = 0;
    for (int session = 0; session < 40; session++) {
      ListeningHistory h = new ListeningHistory(2000, 50);
      int cur = rnd.nextInt(2000);
      h.play(cur);
      for (int step = 0; step < 30; step++) {
        double[] w = up.weights();
        int n = walk.step(cur, h, w, buf);
        int next = SoftmaxWalkSampler.draw(buf, n, rnd.nextDouble());
        int row = 0;
        while (buf.candidates()[row] != next) {
          row++;
        }
        boolean same = buf.features()[row * buf.featureCount() + sameArtist] == 1.0;
        up.update(buf.features(), n, row, same ? OnlineChoiceUpdater.Outcome.SKIP : OnlineChoiceUpdater.Outcome.FULL_PLAY);
        skips += same ? 1 : 0;
        h.play(next);
        cur = next;
      }
    }
    assertTrue(skips > 10, "the walk must offer same-artist picks to skip; skips=" + skips);
    assertTrue(up.weights()[sameArtist] < start[sameArtist] - 0.5,
        "same-artist weight " + start[sameArtist] + " -> " + up.weights()[sameArtist]);
    assertEquals(40 * 30, up.updates());
  }

  @Test
  void replaysRaiseTheUtilityOfThePlayedCandidate() {
    double[] x = {1, 0, 0, 1};
    OnlineChoiceUpdater up = new OnlineChoiceUpdater(new double[] {0, 0}, 0.1, 0);
    up.update(x, 2, 0, OnlineChoiceUpdater.Outcome.REPLAY);
    assertArrayEquals(new double[] {0.1, -0.1}, up.weights(), 1e-12);
    up.update(x, 2, 0, OnlineChoiceUpdater.Outcome.SKIP);
    assertTrue(up.weights()[0] < 0.1);
  }
}
