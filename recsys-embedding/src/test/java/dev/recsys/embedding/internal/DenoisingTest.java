package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DenoisingTest {
  @Test
  void noiseCorruptsTrainingInputsDeterministicallyAndLeavesValidationClean() {
    Mlp mlp = Mlp.autoencoder(4, new int[] {6}, 2, Act.TANH);
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, 1);
    float[] train = TestArrays.random(40 * 4, 2);
    float[] val = TestArrays.random(10 * 4, 3);
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
    float[] x = TestArrays.random(5, 5);
    float[] a = new float[3];
    float[] b = new float[3];
    float[] s1 = new float[ae.maxWidth()];
    float[] s2 = new float[ae.maxWidth()];
    ae.forwardRow(params, 2, x, 0, a, 0, s1, s2);
    enc.forwardRow(params, 2, x, 0, b, 0, s1, s2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    assertThrows(IllegalArgumentException.class, () -> ae.prefix(0));
  }

  /** The self-supervised term adds a contrastive loss whose gradient reaches only the encoder's parameters. */
  @Test
  void selfSupervisedTermTrainsTheEncoderOnly() {
    Mlp mlp = Mlp.autoencoder(4, new int[] {6}, 2, Act.TANH);
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, 1);
    float[] train = TestArrays.random(40 * 4, 2);
    float[] val = TestArrays.random(10 * 4, 3);
    float[] trainFeatures = TestArrays.random(40 * 5, 4);
    float[] valFeatures = TestArrays.random(10 * 5, 5);
    float[] map = TestArrays.random(5 * 4, 6);
    var ss = new AutoencoderTrainable.SelfSupervision(trainFeatures, valFeatures, 5, map, 0.5, 0.3, 0.2, 2);
    AutoencoderTrainable plain = new AutoencoderTrainable(mlp, params, train, val, 8, new JavaGemm());
    AutoencoderTrainable joint = new AutoencoderTrainable(mlp, params, train, val, 8, new JavaGemm(), 0, ss);
    int[] batch = {0, 5, 9, 13};
    float[] g1 = new float[params.length];
    float[] g2 = new float[params.length];
    double l1 = plain.gradient(batch, g1, 11);
    double l2 = joint.gradient(batch, g2, 11);
    org.junit.jupiter.api.Assertions.assertTrue(l2 > l1, l1 + " vs " + l2);
    int encoderParams = mlp.prefix(2).parameterCount();
    boolean encoderMoved = false;
    for (int p = 0; p < params.length; p++) {
      if (p >= encoderParams) {
        assertEquals(g1[p], g2[p], "decoder parameter " + p);
      } else {
        encoderMoved |= g1[p] != g2[p];
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(encoderMoved);
    assertEquals(joint.validate(), joint.validate());
    org.junit.jupiter.api.Assertions.assertTrue(joint.validate() > plain.validate());
    assertThrows(IllegalArgumentException.class,
        () -> new AutoencoderTrainable.SelfSupervision(trainFeatures, valFeatures, 5, map, 1.0, 0.3, 0.2, 2));
  }
}
