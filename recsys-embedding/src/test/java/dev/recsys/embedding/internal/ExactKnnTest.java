package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactKnnTest {
  @Test
  void matchesBruteForceCosine() {
    int n = 700;
    int d = 9;
    int k = 10;
    SplittableRandom r = new SplittableRandom(1);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] got = ExactKnn.neighbours(x, n, d, k);
    for (int i = 0; i < n; i++) {
      int q = i;
      double[] sim = new double[n];
      for (int j = 0; j < n; j++) {
        sim[j] = cosine(x, q, j, d);
      }
      int[] expected = IntStream.range(0, n).filter(j -> j != q).boxed()
          .sorted(Comparator.comparingDouble((Integer j) -> -sim[j]).thenComparingInt(j -> j))
          .limit(k).mapToInt(Integer::intValue).toArray();
      int[] mine = Arrays.copyOfRange(got, i * k, i * k + k);
      // float rounding may swap near-ties: compare the similarity sequence
      for (int j = 0; j < k; j++) {
        assertEquals(sim[expected[j]], sim[mine[j]], 1e-5, "query " + i + " rank " + j);
      }
    }
  }

  private static double cosine(float[] x, int a, int b, int d) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < d; j++) {
      dot += x[a * d + j] * x[b * d + j];
      na += x[a * d + j] * x[a * d + j];
      nb += x[b * d + j] * x[b * d + j];
    }
    return dot / Math.sqrt(na * nb);
  }
}
