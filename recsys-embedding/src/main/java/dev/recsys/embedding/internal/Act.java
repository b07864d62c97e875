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
  /** tanh(z). */
  TANH;

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
          z[i] = (float) Math.tanh(z[i]);
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
