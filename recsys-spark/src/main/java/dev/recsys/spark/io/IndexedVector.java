package dev.recsys.spark.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * One track vector with its dense row index (its position in the input, which becomes its index in the similarity
 * graph and the catalogue).
 *
 * @param row the dense row index, from 0
 * @param id the track id
 * @param vector the vector components (never modified after construction)
 */
public record IndexedVector(int row, String id, float[] vector) implements Serializable {
  /** Validates the fields. */
  public IndexedVector {
    if (row < 0) {
      throw new IllegalArgumentException("row must be >= 0; row=" + row);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
  }

  /**
   * The vector scaled to unit length in the float arithmetic of the single-machine graph build
   * ({@code v * (float) (1 / sqrt(sum v^2))}, the sum in double), or null when the vector is zero or not finite.
   *
   * @return the unit vector, or null when it has none
   */
  public float[] unitOrNull() {
    double norm = 0;
    for (float v : vector) {
      norm += (double) v * v;
    }
    if (!(norm > 0) || !Double.isFinite(norm)) {
      return null;
    }
    float inv = (float) (1.0 / Math.sqrt(norm));
    float[] u = new float[vector.length];
    for (int c = 0; c < u.length; c++) {
      u[c] = vector[c] * inv;
    }
    return u;
  }
}
