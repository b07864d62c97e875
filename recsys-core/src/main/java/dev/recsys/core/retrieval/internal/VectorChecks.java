package dev.recsys.core.retrieval.internal;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.util.Checks;
import java.util.Objects;

/** The argument checks shared by every index, with the messages the {@link VectorIndex} contract promises. */
public final class VectorChecks {
  private VectorChecks() {}

  /**
   * Checks the length, finiteness and (under cosine) non-zero norm of a vector.
   *
   * @param what "vector" or "query", for the message
   * @param key the key the vector belongs to, or null
   */
  public static float[] vector(String what, String key, float[] v, int dimension, Similarity similarity) {
    Objects.requireNonNull(v, what);
    String of = key == null ? what : what + " of key '" + key + "'";
    if (v.length != dimension) {
      throw new IllegalArgumentException(of + " must have dimension " + dimension + "; has " + v.length);
    }
    Checks.finite(of, v);
    if (similarity == Similarity.COSINE) {
      boolean zero = true;
      for (float x : v) {
        if (x != 0) {
          zero = false;
          break;
        }
      }
      if (zero) {
        throw new IllegalArgumentException(of + " is a zero vector, which has no direction under COSINE similarity");
      }
    }
    return v;
  }

  /** Checks {@code k} against [1, {@link VectorIndex#MAX_K}]. */
  public static int k(int k) {
    return Checks.inRange("k", k, 1, VectorIndex.MAX_K);
  }

  /** Checks a key. */
  public static String key(String key) {
    return Checks.notBlank("key", key);
  }

  /** The Euclidean norm in double precision. */
  public static double norm(float[] v, int off, int dim) {
    double s = 0;
    for (int i = 0; i < dim; i++) {
      s += (double) v[off + i] * v[off + i];
    }
    return Math.sqrt(s);
  }
}
