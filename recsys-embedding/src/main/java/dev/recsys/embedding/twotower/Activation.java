package dev.recsys.embedding.twotower;

/** Activation of a hidden tower layer. */
public enum Activation {
  /** max(0, x). */
  RELU,
  /** max(0.01 x, x). */
  LEAKY_RELU,
  /** tanh(x). */
  TANH,
  /** x. */
  IDENTITY
}
