package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenoisingTest {
  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void noiseCorruptsTrainingInputsDeterministicallyAndLeavesValidationClean() {
    Mlp mlp = Mlp.autoencoder(4, new int[] {6}, 2, Act.TANH);
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, 1);
    float[] train = random(40 * 4, 2);
    float[] val = random(10 * 4, 3);
    AutoencoderTrainable clean = new AutoencoderTrainable(mlp, params, train, val, 8, new JavaGemm());
    AutoencoderTrainable noisy = new AutoencoderTrainable(mlp, params, train, val, 8, new JavaGemm(), 0.5);
    int[] batch = {0, 5, 9, 13};
    float[] g = new float[params.length];
    double lClean = clean.gradient(batch, g, 11);
    double l1 = noisy.gradient(batch, g, 11);
    double l2 = noisy.gradient(batch, g, 11);
    assertEquals(l1, l2);
    assertNotEquals(lClean, l1);
    assertNotEquals(l1, noisy.gradient(batch, g, 12));
    assertEquals(clean.validate(), noisy.validate());
    assertThrows(IllegalArgumentException.class,
        () -> new AutoencoderTrainable(mlp, params, train, val, 8, new JavaGemm(), -0.1));
  }

  @Test
  void encoderPrefixSharesTheAutoencodersParameters() {
    Mlp ae = Mlp.autoencoder(5, new int[] {7}, 3, Act.ELU);
    Mlp enc = ae.prefix(2);
    assertEquals(5, enc.width(0));
    assertEquals(3, enc.width(enc.layers()));
    float[] params = new float[ae.parameterCount()];
    ae.initialise(params, 4);
    float[] x = random(5, 5);
    float[] a = new float[3];
    float[] b = new float[3];
    float[] s1 = new float[ae.maxWidth()];
    float[] s2 = new float[ae.maxWidth()];
    ae.forwardRow(params, 2, x, 0, a, 0, s1, s2);
    enc.forwardRow(params, 2, x, 0, b, 0, s1, s2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    assertThrows(IllegalArgumentException.class, () -> ae.prefix(0));
  }
}
