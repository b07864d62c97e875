package dev.recsys.core.spi;

/**
 * How vectors are compared. Every function gives "larger is more similar" scores.
 */
public enum Similarity {
  /** Cosine of the angle; zero vectors are rejected. */
  COSINE,
  /** Inner product; vectors are expected to be normalised by the caller if scores should be bounded. */
  DOT_PRODUCT,
  /** Negative-distance score {@code 1 / (1 + squared distance)}, as Lucene defines it. */
  EUCLIDEAN
}
