package dev.recsys.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Row-sparse (lazy) optimizer steps against dense steps. */
class OptimizerStateTest {
  private static final int ROW = 4;

  /** Random rows of {@code n / ROW} rows of width {@code ROW}, merged when adjacent, as start/end pairs. */
  private static int[] randomRows(SplittableRandom r, int rows, double share) {
    List<Integer> out = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      if (r.nextDouble() < share) {
        int start = row * ROW;
        if (!out.isEmpty() && out.get(out.size() - 1) == start) {
          out.set(out.size() - 1, start + ROW);
        } else {
          out.add(start);
          out.add(start + ROW);
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static OptimizerConfig config(boolean adam, double decay, double clip) {
    OptimizerConfig c = adam ? OptimizerConfig.adam(0.01) : OptimizerConfig.sgd(0.05, 0.9);
    return c.withWeightDecay(decay).withClipNorm(clip);
  }

  /**
   * With the gradient zero outside the support, a sparse step gives the dense step's bits on every touched row
   * (parameters and moments) from the same state, and leaves every other row, and its moments, as they were.
   */
  @Property(tries = 200)
  void sparseStepEqualsDenseStepOnTouchedRows(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int rows, @ForAll boolean adam, @ForAll boolean decay,
      @ForAll boolean clip, @ForAll @IntRange(min = 0, max = 5) int priorSteps) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = rows * ROW;
    OptimizerConfig c = config(adam, decay ? 0.01 : 0, clip ? 0.5 : 0);
    OptimizerState dense = new OptimizerState(c, n);
    OptimizerState sparse = new OptimizerState(c, n);
    float[] start = new float[n];
    for (int i = 0; i < n; i++) {
      start[i] = (float) r.nextGaussian();
    }
    // a shared history of dense steps, so the moments are non-zero everywhere
    float[] warm = start.clone();
    for (int t = 0; t < priorSteps; t++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) r.nextGaussian();
      }
      dense.apply(warm, g.clone(), 0.01);
      sparse.apply(start, g, 0.01);
    }
    assertArrayEquals(warm, start);
    float[] firstBefore = sparse.first.clone();
    float[] secondBefore = sparse.second.clone();
    int[] support = randomRows(r, rows, 0.4);
    float[] grad = new float[n];
    boolean[] touched = new boolean[n];
    for (int k = 0; k < support.length; k += 2) {
      for (int i = support[k]; i < support[k + 1]; i++) {
        grad[i] = (float) (3 * r.nextGaussian());
        touched[i] = true;
      }
    }
    float[] pd = start.clone();
    float[] ps = start.clone();
    float[] gs = grad.clone();
    for (int i = 0; i < n; i++) {
      if (!touched[i]) {
        gs[i] = Float.NaN; // never read outside the support
      }
    }
    dense.apply(pd, grad, 0.01);
    sparse.apply(ps, gs, 0.01, support);
    assertEquals(dense.step, sparse.step);
    for (int i = 0; i < n; i++) {
      if (touched[i]) {
        assertEquals(Float.floatToRawIntBits(pd[i]), Float.floatToRawIntBits(ps[i]), "parameter " + i);
        assertEquals(Float.floatToRawIntBits(dense.first[i]), Float.floatToRawIntBits(sparse.first[i]), "first " + i);
        if (adam) {
          assertEquals(Float.floatToRawIntBits(dense.second[i]), Float.floatToRawIntBits(sparse.second[i]), "second " + i);
        }
      } else {
        assertEquals(Float.floatToRawIntBits(start[i]), Float.floatToRawIntBits(ps[i]), "untouched parameter " + i);
        assertEquals(Float.floatToRawIntBits(firstBefore[i]), Float.floatToRawIntBits(sparse.first[i]));
        if (adam) {
          assertEquals(Float.floatToRawIntBits(secondBefore[i]), Float.floatToRawIntBits(sparse.second[i]));
        }
      }
    }
  }

  /** A support covering the whole vector is the dense step. */
  @Property(tries = 50)
  void fullSupportIsTheDenseStep(@ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll boolean adam,
      @ForAll boolean clip) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 37;
    OptimizerState a = new OptimizerState(config(adam, 0.01, clip ? 0.3 : 0), n);
    OptimizerState b = new OptimizerState(config(adam, 0.01, clip ? 0.3 : 0), n);
    float[] pa = new float[n];
    for (int i = 0; i < n; i++) {
      pa[i] = (float) r.nextGaussian();
    }
    float[] pb = pa.clone();
    for (int t = 0; t < 3; t++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) r.nextGaussian();
      }
      a.apply(pa, g.clone(), 0.02);
      b.apply(pb, g, 0.02, new int[] {0, 10, 10, n});
    }
    assertArrayEquals(pa, pb);
    assertArrayEquals(a.first, b.first);
    assertArrayEquals(a.second, b.second);
  }
}
