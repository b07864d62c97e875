package dev.recsys.core.kernels;

/**
 * The activation functions of every network in the SDK and their derivatives, one definition each: the dense
 * layers of the autoencoder and the two-tower model, the attention logits of the graph attention network and the
 * logistic losses of BPR and the graph models. Each is written as a short sequence of correctly rounded IEEE
 * operations, so training, inference and the vector kernels that evaluate the same steps lane-wise get the same
 * bits.
 */
public final class Activations {
  private Activations() {}

  /** Negative slope of the leaky ReLU of dense layers. */
  public static final float LEAKY_SLOPE = 0.01f;

  /** Above this magnitude {@link #tanh} returns +-1. */
  public static final float TANH_CLAMP = 7.90531110763549805f;
  /** Below this magnitude {@link #tanh} returns its argument. */
  public static final float TANH_TINY = 0.0004f;
  /** Numerator coefficients of {@link #tanh}, of x, x^3, ..., x^13. */
  public static final float TANH_A1 = 4.89352455891786e-03f;
  /** See {@link #TANH_A1}. */
  public static final float TANH_A3 = 6.37261928875436e-04f;
  /** See {@link #TANH_A1}. */
  public static final float TANH_A5 = 1.48572235717979e-05f;
  /** See {@link #TANH_A1}. */
  public static final float TANH_A7 = 5.12229709037114e-08f;
  /** See {@link #TANH_A1}. */
  public static final float TANH_A9 = -8.60467152213735e-11f;
  /** See {@link #TANH_A1}. */
  public static final float TANH_A11 = 2.00018790482477e-13f;
  /** See {@link #TANH_A1}. */
  public static final float TANH_A13 = -2.76076847742355e-16f;
  /** Denominator coefficients of {@link #tanh}, of 1, x^2, x^4, x^6. */
  public static final float TANH_B0 = 4.89352518554385e-03f;
  /** See {@link #TANH_B0}. */
  public static final float TANH_B2 = 2.26843463243900e-03f;
  /** See {@link #TANH_B0}. */
  public static final float TANH_B4 = 1.18534705686654e-04f;
  /** See {@link #TANH_B0}. */
  public static final float TANH_B6 = 1.19825839466702e-06f;

  /**
   * max(0, z).
   *
   * @param z the input
   * @return {@code z} if positive, else 0
   */
  public static float relu(float z) {
    return z > 0f ? z : 0f;
  }

  /**
   * The derivative of {@link #relu} at {@code z} (0 at 0).
   *
   * @param z the input
   * @return 1 if {@code z} is positive, else 0
   */
  public static float reluDerivative(float z) {
    return z > 0f ? 1f : 0f;
  }

  /**
   * z for z &gt; 0, else {@code slope * z}.
   *
   * @param z the input
   * @param slope the negative slope ({@link #LEAKY_SLOPE} in dense layers)
   * @return the leaky ReLU of {@code z}
   */
  public static float leakyRelu(float z, float slope) {
    return z > 0f ? z : slope * z;
  }

  /**
   * The derivative of {@link #leakyRelu} at {@code z}.
   *
   * @param z the input
   * @param slope the negative slope
   * @return 1 if {@code z} is positive, else {@code slope}
   */
  public static float leakyReluDerivative(float z, float slope) {
    return z > 0f ? 1f : slope;
  }

  /**
   * z for z &gt; 0, else exp(z) - 1.
   *
   * @param z the input
   * @return the ELU of {@code z}
   */
  public static float elu(float z) {
    return z > 0f ? z : (float) Math.expm1(z);
  }

  /**
   * The derivative of {@link #elu} at {@code z}, from the input.
   *
   * @param z the input
   * @return 1 if {@code z} is positive, else exp(z)
   */
  public static float eluDerivative(float z) {
    return z > 0f ? 1f : (float) Math.exp(z);
  }

  /**
   * The derivative of {@link #elu} from its output: {@code a + 1} below zero, 1 above.
   *
   * @param z the input
   * @param a {@link #elu} of the input
   * @return the derivative
   */
  public static float eluDerivativeFromOutput(float z, float a) {
    return z > 0f ? 1f : a + 1f;
  }

  /**
   * tanh by a [13/6] rational approximation (the one Eigen uses for float), evaluated in float with fused
   * multiply-adds ({@link Math#fma}) and one float division, within 3e-7 absolute of the exact value; the same
   * function, bit for bit, in training, in inference and in every lane of a vector kernel that performs the same
   * steps, since every step is a correctly rounded IEEE operation. Odd: {@code tanh(-z)} is {@code -tanh(z)} exactly.
   *
   * @param z the input
   * @return tanh(z), in [-1, 1]
   */
  public static float tanh(float z) {
    float a = Math.abs(z);
    if (a < TANH_TINY) {
      return z;
    }
    if (a >= TANH_CLAMP) {
      return z > 0 ? 1f : -1f;
    }
    float x2 = z * z;
    float p = Math.fma(x2, TANH_A13, TANH_A11);
    p = Math.fma(x2, p, TANH_A9);
    p = Math.fma(x2, p, TANH_A7);
    p = Math.fma(x2, p, TANH_A5);
    p = Math.fma(x2, p, TANH_A3);
    p = Math.fma(x2, p, TANH_A1);
    p = z * p;
    float q = Math.fma(x2, TANH_B6, TANH_B4);
    q = Math.fma(x2, q, TANH_B2);
    q = Math.fma(x2, q, TANH_B0);
    return Math.max(-1f, Math.min(1f, p / q));
  }

  /**
   * The derivative of tanh from its output: {@code 1 - t * t}.
   *
   * @param t {@link #tanh} of the input
   * @return the derivative
   */
  public static float tanhDerivativeFromOutput(float t) {
    return 1f - t * t;
  }

  /**
   * The logistic function {@code 1 / (1 + exp(-x))}.
   *
   * @param x the input
   * @return the logistic of {@code x}, in [0, 1]
   */
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * {@code ln(1 + exp(x))}, and {@code x} itself above 30 (where the two agree to double precision).
   *
   * @param x the input
   * @return the softplus of {@code x}
   */
  public static double softplus(double x) {
    return x > 30 ? x : Math.log1p(Math.exp(x));
  }
}
