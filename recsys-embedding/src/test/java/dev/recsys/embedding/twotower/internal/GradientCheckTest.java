package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.embedding.Activation;
import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import dev.recsys.embedding.twotower.TowerRow;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compares the analytic gradients of the towers and losses with central finite differences. */
class GradientCheckTest {
  static final FeatureSchema QUERY = FeatureSchema.of(
      new FeatureInput.Id("user", 6, 2, 3),
      new FeatureInput.MultiHot("history", 9, 4),
      new FeatureInput.Dense("profile", 3));
  static final FeatureSchema ITEM = FeatureSchema.of(
      new FeatureInput.Id("item", 9, 2, 4),
      new FeatureInput.MultiHot("genre", 5, 2),
      new FeatureInput.Dense("audio", 2));

  static Batch queries(SplittableRandom r, int n) {
    List<TowerRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = r.nextInt(4);
      int[] bag = new int[len];
      for (int j = 0; j < len; j++) {
        bag[j] = r.nextInt(9);
      }
      rows.add(new TowerRow(new int[] {r.nextInt(8)}, new int[][] {bag},
          new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()}));
    }
    return Batch.of(QUERY, rows);
  }

  static Batch items(SplittableRandom r, int n, int[] keys) {
    List<TowerRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys[i] = r.nextInt(9);
      rows.add(new TowerRow(new int[] {keys[i]}, new int[][] {{r.nextInt(5), r.nextInt(5)}},
          new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()}));
    }
    return Batch.of(ITEM, rows);
  }

  @ParameterizedTest
  @CsvSource({
      "SAMPLED_SOFTMAX, TANH, true, true, false",
      "SAMPLED_SOFTMAX, LEAKY_RELU, false, false, true",
      "SAMPLED_SOFTMAX, ELU, true, true, true",
      "TRIPLET, TANH, true, false, true",
      "TRIPLET, TANH, false, false, false",
  })
  void analyticGradientMatchesFiniteDifferences(TwoTowerLoss loss, Activation act, boolean batchNorm, boolean logQ,
      boolean hard) {
    TwoTowerConfig config = TwoTowerConfig.builder().outputDimension(5).hiddenLayers(7, 6).activation(act)
        .batchNorm(batchNorm).dropout(0.2).loss(loss).temperature(0.5).logQCorrection(logQ).margin(0.8)
        .hardNegatives(hard).unknownIdRate(0.2).seed(3).build();
    for (Gemm.Kind gemm : Gemm.Kind.values()) {
      TwoTowerNetwork net = new TwoTowerNetwork(config, QUERY, ITEM, gemm);
      SplittableRandom r = new SplittableRandom(11);
      int n = 6;
      Batch q = queries(r, n);
      int[] keys = new int[n];
      Batch it = items(r, n, keys);
      float[] logQs = new float[n];
      for (int i = 0; i < n; i++) {
        logQs[i] = (float) Math.log(0.05 + 0.1 * keys[i]);
      }
      float[] grad = new float[net.flat().length];
      net.lossAndGradient(q, it, keys, logQs, 99, grad);
      float[] p = net.flat();
      SplittableRandom pick = new SplittableRandom(5);
      double worst = 0;
      int checked = 0;
      for (int t = 0; t < 300; t++) {
        int k = pick.nextInt(p.length);
        float orig = p[k];
        double h = 2e-3;
        p[k] = (float) (orig + h);
        net.scatter();
        double up = net.lossAndGradient(q, it, keys, logQs, 99, new float[p.length]);
        p[k] = (float) (orig - h);
        net.scatter();
        double down = net.lossAndGradient(q, it, keys, logQs, 99, new float[p.length]);
        p[k] = orig;
        net.scatter();
        double numeric = (up - down) / (2 * h);
        double err = Math.abs(numeric - grad[k]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(grad[k]));
        if (loss == TwoTowerLoss.TRIPLET && err > 0.05) {
          continue; // a hinge or the negative's choice switched inside the finite-difference step
        }
        worst = Math.max(worst, err);
        checked++;
      }
      assertTrue(checked > 200, "too few parameters checked: " + checked);
      assertTrue(worst < 0.05, gemm + ": worst relative gradient error " + worst);
    }
  }

  @ParameterizedTest
  @CsvSource({"SAMPLED_SOFTMAX", "TRIPLET"})
  void gemmImplementationsAgree(TwoTowerLoss loss) {
    TwoTowerConfig config = TwoTowerConfig.builder().outputDimension(5).hiddenLayers(7).loss(loss).seed(3).build();
    float[][] out = new float[2][];
    for (Gemm.Kind gemm : Gemm.Kind.values()) {
      TwoTowerNetwork net = new TwoTowerNetwork(config, QUERY, ITEM, gemm);
      SplittableRandom r = new SplittableRandom(11);
      int[] keys = new int[8];
      Batch q = queries(r, 8);
      Batch it = items(r, 8, keys);
      float[] grad = new float[net.flat().length];
      net.lossAndGradient(q, it, keys, null, 1, grad);
      out[gemm.ordinal()] = grad;
    }
    assertArrayEquals(out[0], out[1], 1e-5f);
  }
}
