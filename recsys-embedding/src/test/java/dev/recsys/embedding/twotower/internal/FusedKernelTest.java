package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.embedding.Activation;
import dev.recsys.embedding.internal.JavaGemm;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerLoss;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FUSED training kernel against the plain-Java reference path and finite differences. */
class FusedKernelTest {
  private static TwoTowerConfig.Builder config(TwoTowerLoss loss, boolean hard) {
    return TwoTowerConfig.builder().outputDimension(5).hiddenLayers(7, 6).activation(Activation.TANH).batchNorm(true)
        .loss(loss).temperature(0.5).logQCorrection(true).margin(0.8).hardNegatives(hard).seed(3);
  }

  private record Step(Batch queries, Batch items, int[] keys, float[] logQ) {}

  private static Step step(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Batch q = GradientCheckTest.queries(r, n);
    int[] keys = new int[n];
    Batch it = GradientCheckTest.items(r, n, keys);
    float[] logQ = new float[n];
    for (int i = 0; i < n; i++) {
      logQ[i] = (float) Math.log(0.05 + 0.1 * keys[i]);
    }
    return new Step(q, it, keys, logQ);
  }

  private static TwoTowerNetwork network(TwoTowerConfig c, TwoTowerConfig.Kernel kernel, int threads) {
    return new TwoTowerNetwork(c, GradientCheckTest.QUERY, GradientCheckTest.ITEM, kernel, threads);
  }

  private static boolean[] covered(int[] support, int size) {
    boolean[] in = new boolean[size];
    for (int k = 0; k < support.length; k += 2) {
      assertTrue(support[k] < support[k + 1] && (k == 0 || support[k - 1] <= support[k]), "ranges sorted, disjoint");
      for (int i = support[k]; i < support[k + 1]; i++) {
        in[i] = true;
      }
    }
    return in;
  }

  /**
   * Without dropout and id substitution (whose random streams differ between the paths) the FUSED gradient equals
   * the reference gradient up to rounding on its support, the reference gradient is exactly zero off the support,
   * and the FUSED path writes nothing there.
   */
  @ParameterizedTest
  @CsvSource({"SAMPLED_SOFTMAX, false", "SAMPLED_SOFTMAX, true", "TRIPLET, true"})
  void fusedGradientMatchesTheReferencePath(TwoTowerLoss loss, boolean hard) {
    TwoTowerConfig c = config(loss, hard).dropout(0).unknownIdRate(0).build();
    for (long seed = 0; seed < 4; seed++) {
      Step s = step(10, 20 + seed);
      TwoTowerNetwork ref = network(c, TwoTowerConfig.Kernel.JAVA, 1);
      TwoTowerNetwork fused = network(c, TwoTowerConfig.Kernel.FUSED, 2);
      assertArrayEquals(ref.flat(), fused.flat());
      float[] gRef = new float[ref.flat().length];
      double lRef = ref.lossAndGradient(s.queries, s.items, s.keys, s.logQ, 5, gRef);
      float[] gFused = new float[gRef.length];
      Arrays.fill(gFused, Float.NaN);
      double lFused = fused.lossAndGradient(s.queries, s.items, s.keys, s.logQ, 5, gFused);
      assertEquals(lRef, lFused, 1e-5 * Math.max(1, Math.abs(lRef)));
      boolean[] in = covered(fused.support(), gRef.length);
      for (int i = 0; i < gRef.length; i++) {
        if (in[i]) {
          assertEquals(gRef[i], gFused[i], 2e-5f, "parameter " + i);
        } else {
          assertEquals(0f, gRef[i], "reference gradient off the support at " + i);
          assertTrue(Float.isNaN(gFused[i]), "written off the support at " + i);
        }
      }
    }
  }

  /**
   * The FUSED gradient against central finite differences of its own loss (dropout and id substitution on). With
   * hard negatives the weight of the hardest negative jumps from 1 to 2 where two negatives' logits cross: the loss
   * is not differentiable there, and a finite-difference step that crosses the switch measures the jump, not the
   * slope. Those parameters (relative error above 0.05 while the one-sided differences disagree with each other by
   * more than the same tolerance) are left out, and at most 5% of them may be.
   */
  @ParameterizedTest
  @CsvSource({"false", "true"})
  void fusedGradientMatchesFiniteDifferences(boolean hard) {
    TwoTowerConfig c = config(TwoTowerLoss.SAMPLED_SOFTMAX, hard).dropout(0.2).unknownIdRate(0.2).build();
    TwoTowerNetwork net = network(c, TwoTowerConfig.Kernel.FUSED, 2);
    Step s = step(6, 11);
    float[] grad = new float[net.flat().length];
    double at = net.lossAndGradient(s.queries, s.items, s.keys, s.logQ, 99, grad);
    float[] p = net.flat();
    SplittableRandom pick = new SplittableRandom(5);
    double worst = 0;
    int checked = 0;
    int switched = 0;
    for (int t = 0; t < 300; t++) {
      int k = pick.nextInt(p.length);
      float orig = p[k];
      double h = 2e-3;
      p[k] = (float) (orig + h);
      net.scatter();
      double up = net.lossAndGradient(s.queries, s.items, s.keys, s.logQ, 99, new float[p.length]);
      p[k] = (float) (orig - h);
      net.scatter();
      double down = net.lossAndGradient(s.queries, s.items, s.keys, s.logQ, 99, new float[p.length]);
      p[k] = orig;
      net.scatter();
      double numeric = (up - down) / (2 * h);
      double err = Math.abs(numeric - grad[k]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(grad[k]));
      if (hard && err > 0.05) {
        double left = (at - down) / h;
        double right = (up - at) / h;
        if (Math.abs(left - right) / Math.max(1e-2, Math.abs(left) + Math.abs(right)) > 0.05) {
          switched++;
          continue;
        }
      }
      worst = Math.max(worst, err);
      checked++;
    }
    assertTrue(switched <= 15, "too many parameters across the hard-negative switch: " + switched);
    assertTrue(checked >= 285, "too few parameters checked: " + checked);
    assertTrue(worst < 0.05, "worst relative gradient error " + worst);
  }

  /** Loss, gradient and support are bit-identical whatever the number of threads, step after step. */
  @Property(tries = 8)
  void sameBitsWhateverTheThreadCount(@ForAll @IntRange(min = 2, max = 5) int threads,
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll boolean siamese) {
    TwoTowerConfig c = config(TwoTowerLoss.SAMPLED_SOFTMAX, true).dropout(0.2).unknownIdRate(0.2).build();
    TwoTowerNetwork one = siamese
        ? new TwoTowerNetwork(c, GradientCheckTest.QUERY, null, TwoTowerConfig.Kernel.FUSED, 1)
        : network(c, TwoTowerConfig.Kernel.FUSED, 1);
    TwoTowerNetwork many = siamese
        ? new TwoTowerNetwork(c, GradientCheckTest.QUERY, null, TwoTowerConfig.Kernel.FUSED, threads)
        : network(c, TwoTowerConfig.Kernel.FUSED, threads);
    for (int t = 0; t < 3; t++) {
      Step s = step(n, 40 + t);
      Batch items = siamese ? GradientCheckTest.queries(new SplittableRandom(t), n) : s.items;
      float[] g1 = new float[one.flat().length];
      float[] g2 = new float[g1.length];
      double l1 = one.lossAndGradient(s.queries, items, s.keys, s.logQ, t, g1);
      double l2 = many.lossAndGradient(s.queries, items, s.keys, s.logQ, t, g2);
      assertEquals(Double.doubleToLongBits(l1), Double.doubleToLongBits(l2));
      assertArrayEquals(g1, g2);
      assertArrayEquals(one.support(), many.support());
      // an update on the support only, applied to both
      for (float[] pair : new float[][] {one.flat(), many.flat()}) {
        int[] rows = pair == one.flat() ? one.support() : many.support();
        float[] g = pair == one.flat() ? g1 : g2;
        for (int k = 0; k < rows.length; k += 2) {
          for (int i = rows[k]; i < rows[k + 1]; i++) {
            pair[i] -= 0.1f * g[i];
          }
        }
      }
      one.scatter(one.support());
      many.scatter(many.support());
      assertArrayEquals(one.flat(), many.flat());
    }
  }

  /** FusedGemm against the plain-Java GEMM for every transposition, with offsets, accumulating or not. */
  @Property(tries = 40)
  void fusedGemmAgreesWithJavaGemm(@ForAll @IntRange(min = 1, max = 30) int m, @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll boolean transA, @ForAll boolean transB,
      @ForAll boolean accumulate, @ForAll @IntRange(min = 0, max = 3) int off) {
    SplittableRandom r = new SplittableRandom(m * 1_000_003L + n * 31L + k);
    float[] a = new float[off + m * k];
    float[] b = new float[off + k * n];
    float[] c = new float[off + m * n];
    for (float[] x : new float[][] {a, b, c}) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
    }
    float[] expected = c.clone();
    new JavaGemm().multiply(transA, transB, m, n, k, a, off, b, off, expected, off, accumulate);
    new FusedGemm().multiply(transA, transB, m, n, k, a, off, b, off, c, off, accumulate);
    for (int i = 0; i < c.length; i++) {
      assertEquals(expected[i], c[i], 1e-4f * (1 + Math.abs(expected[i])), "element " + i);
    }
    float[] scalar = c.clone();
    new FusedGemm(SoftmaxKernel.scalar()).multiply(transA, transB, m, n, k, a, off, b, off, scalar, off, true);
    float[] simd = c.clone();
    new FusedGemm().multiply(transA, transB, m, n, k, a, off, b, off, simd, off, true);
    assertArrayEquals(scalar, simd);
  }
}
