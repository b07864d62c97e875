package dev.recsys.embedding.internal;

import dev.recsys.core.kernels.Activations;

/**
 * The activation of a dense layer, applied to rows in place, with its derivative expressed through input and output;
 * the functions themselves are {@link Activations}'.
 */
public enum Act {
  /** No activation (bottleneck and output layers). */
  IDENTITY,
  /** max(0, z). */
  RELU,
  /** z for z &gt; 0, else 0.01 z. */
  LEAKY_RELU,
  /** z for z &gt; 0, else exp(z) - 1. */
  ELU,
  /** tanh(z), by the rational approximation of {@link Activations#tanh(float)}. */
  TANH;

  /** Applies the activation to {@code len} values starting at {@code off}, in place. */
  public void apply(float[] z, int off, int len) {
    int end = off + len;
    switch (this) {
      case IDENTITY -> { }
      case RELU -> {
        for (int i = off; i < end; i++) {
          z[i] = Activations.relu(z[i]);
        }
      }
      case LEAKY_RELU -> {
        for (int i = off; i < end; i++) {
          z[i] = Activations.leakyRelu(z[i], Activations.LEAKY_SLOPE);
        }
      }
      case ELU -> {
        for (int i = off; i < end; i++) {
          z[i] = Activations.elu(z[i]);
        }
      }
      case TANH -> {
        for (int i = off; i < end; i++) {
          z[i] = Activations.tanh(z[i]);
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
          grad[i] = z[i] > 0f ? grad[i] : Activations.LEAKY_SLOPE * grad[i];
        }
      }
      case ELU -> {
        for (int i = 0; i < len; i++) {
          grad[i] = z[i] > 0f ? grad[i] : grad[i] * Activations.eluDerivativeFromOutput(z[i], a[i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < len; i++) {
          grad[i] = grad[i] * Activations.tanhDerivativeFromOutput(a[i]);
        }
      }
    }
  }
}
