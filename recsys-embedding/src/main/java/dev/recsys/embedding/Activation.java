package dev.recsys.embedding;

/** Activation functions of hidden layers. */
public enum Activation {
  /** max(0, z). */
  RELU,
  /** z for z &gt; 0, else 0.01 z. */
  LEAKY_RELU,
  /** z for z &gt; 0, else exp(z) - 1. */
  ELU,
  /** tanh(z). */
  TANH
}
