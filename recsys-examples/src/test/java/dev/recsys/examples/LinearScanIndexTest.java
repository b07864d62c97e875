package dev.recsys.examples;

import dev.recsys.testframework.VectorIndexConformance;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;

/** The example index passes the same conformance suite as the built-in ones. */
class LinearScanIndexTest extends VectorIndexConformance {
  @Override
  protected VectorIndex newIndex(int dimension, Similarity similarity) {
    return new LinearScanIndex(new LinearScanIndex.Config(dimension, similarity));
  }
}
