package dev.recsys.embedding.internal;

/** Element-wise activation functions of dense layers, with derivatives expressed through input and output. */
public enum Act {
  /** No activation (bottleneck and output layers). */
  IDENTITY,
  /** max(0, z). */
  RELU,
  /** z for z &gt; 0, else 0.01 z. */
  LEAKY_RELU,
  /** z for z &gt; 0, else exp(z) - 1. */
  ELU,
  /** tanh(z), by the rational approximation of {@link #tanh(float)}. */
  TANH;

  static final float TANH_CLAMP = 7.90531110763549805f;
  /** Below this magnitude {@link #tanh} returns its argument. */
  static final float TANH_TINY = 0.0004f;
  /** Numerator coefficients of {@link #tanh}, of x, x^3, ..., x^13. */
  static final float A1 = 4.89352455891786e-03f;
  static final float A3 = 6.37261928875436e-04f;
  static final float A5 = 1.48572235717979e-05f;
  static final float A7 = 5.12229709037114e-08f;
  static final float A9 = -8.60467152213735e-11f;
  static final float A11 = 2.00018790482477e-13f;
  static final float A13 = -2.76076847742355e-16f;
  /** Denominator coefficients of {@link #tanh}, of 1, x^2, x^4, x^6. */
  static final float B0 = 4.89352518554385e-03f;
  static final float B2 = 2.26843463243900e-03f;
  static final float B4 = 1.18534705686654e-04f;
  static final float B6 = 1.19825839466702e-06f;

  /**
   * tanh by a [13/6] rational approximation (the one Eigen uses for float), evaluated in float with fused
   * multiply-adds ({@link Math#fma}) and one float division, within 3e-7 absolute of the exact value; the same
   * function, bit for bit, in training, in inference and in every lane of the vector kernel
   * ({@link DenseKernel#tanh}), since every step is a correctly rounded IEEE operation. Odd: {@code tanh(-z)} is
   * {@code -tanh(z)} exactly.
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
    float p = Math.fma(x2, A13, A11);
    p = Math.fma(x2, p, A9);
    p = Math.fma(x2, p, A7);
    p = Math.fma(x2, p, A5);
    p = Math.fma(x2, p, A3);
    p = Math.fma(x2, p, A1);
    p = z * p;
    float q = Math.fma(x2, B6, B4);
    q = Math.fma(x2, q, B2);
    q = Math.fma(x2, q, B0);
    return Math.max(-1f, Math.min(1f, p / q));
  }

  /** Applies the activation to {@code len} values starting at {@code off}, in place. */
  public void apply(float[] z, int off, int len) {
    int end = off + len;
    switch (this) {
      case IDENTITY -> { }
      case RELU -> {
        for (int i = off; i < end; i++) {
          z[i] = z[i] > 0f ? z[i] : 0f;
        }
      }
      case LEAKY_RELU -> {
        for (int i = off; i < end; i++) {
          z[i] = z[i] > 0f ? z[i] : 0.01f * z[i];
        }
      }
      case ELU -> {
        for (int i = off; i < end; i++) {
          z[i] = z[i] > 0f ? z[i] : (float) Math.expm1(z[i]);
        }
      }
      case TANH -> {
        for (int i = off; i < end; i++) {
          z[i] = tanh(z[i]);
        }
      }
    }
  }

  /** Multiplies {@code grad} in place by the derivative, given pre-activations {@code z} and outputs {@code a}. */
  public void backward(float[] z, float[] a, float[] grad, int len) {
    switch (this) {
      case IDENTITY -> { }
      case RELU -> {
        for (int i = 0; i < len; i++) {
          grad[i] = z[i] > 0f ? grad[i] : 0f;
        }
      }
      case LEAKY_RELU -> {
        for (int i = 0; i < len; i++) {
          grad[i] = z[i] > 0f ? grad[i] : 0.01f * grad[i];
        }
      }
      case ELU -> {
        for (int i = 0; i < len; i++) {
          grad[i] = z[i] > 0f ? grad[i] : grad[i] * (a[i] + 1f);
        }
      }
      case TANH -> {
        for (int i = 0; i < len; i++) {
          grad[i] = grad[i] * (1f - a[i] * a[i]);
        }
      }
    }
  }
}
