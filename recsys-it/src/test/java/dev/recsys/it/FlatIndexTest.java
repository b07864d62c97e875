package dev.recsys.it;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.testframework.VectorIndexConformance;

/** The vector index contract, jqwik properties included, against the application's {@link FlatIndex}. */
class FlatIndexTest extends VectorIndexConformance {
  @Override
  protected VectorIndex newIndex(int dimension, Similarity similarity) {
    return new FlatIndex(new FlatIndex.Config(dimension, similarity));
  }
}
