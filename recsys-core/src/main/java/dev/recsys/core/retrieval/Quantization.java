package dev.recsys.core.retrieval;

/**
 * How a {@link LuceneHnswIndex} compresses vectors for graph construction and search (Lucene's optimized scalar
 * quantization, {@code Lucene104HnswScalarQuantizedVectorsFormat}). Quantized indexes keep the full-precision vectors
 * too and re-score the best {@code ceil(k * oversample)} candidates with them, so the returned scores are exact; the
 * graph walk reads only the quantized vectors (4x to 11x fewer bytes than floats at d = 64, corrections included),
 * with the beam of a float search. Quantization trades a little recall (recovered by the re-scoring) for memory and
 * speed.
 */
public enum Quantization {
  /** Full 32-bit floats. */
  NONE(0),
  /** 8 bits per component. */
  INT8(8),
  /** 7 bits per component (Lucene's default scalar quantization). */
  INT7(7),
  /** 4 bits per component, two per byte. */
  INT4(4),
  /** 1 bit per component (queries with 4 bits); needs a large oversample. */
  BINARY(1);

  private final int bits;

  Quantization(int bits) {
    this.bits = bits;
  }

  /**
   * Bits per stored component (0 for none).
   *
   * @return the bits per stored component (0 for none)
   */
  public int bits() {
    return bits;
  }
}
