package dev.recsys.core.retrieval;

import dev.recsys.core.spi.Similarity;

/** The conformance suite against {@link LuceneHnswIndex} with 7-bit quantization and full-precision re-scoring. */
class LuceneHnswInt7ConformanceTest extends LuceneHnswIndexConformanceTest {
  @Override
  LuceneHnswConfig.Builder config(int dimension, Similarity similarity) {
    return super.config(dimension, similarity).quantization(Quantization.INT7).oversample(3);
  }
}
