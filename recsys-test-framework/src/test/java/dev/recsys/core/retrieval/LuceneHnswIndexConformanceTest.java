package dev.recsys.core.retrieval;

import dev.recsys.testframework.VectorIndexConformance;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;

/** The conformance suite against {@link LuceneHnswIndex} with full-precision vectors. */
class LuceneHnswIndexConformanceTest extends VectorIndexConformance {
  LuceneHnswConfig.Builder config(int dimension, Similarity similarity) {
    return LuceneHnswConfig.builder().dimension(dimension).similarity(similarity).mergeWorkers(1).ramBufferMb(64);
  }

  @Override
  protected VectorIndex newIndex(int dimension, Similarity similarity) throws IOException {
    return LuceneHnswIndex.open(config(dimension, similarity).build());
  }

  @Override
  protected VectorIndex openPersistent(Path dir, int dimension, Similarity similarity) throws IOException {
    return LuceneHnswIndex.open(config(dimension, similarity).path(dir.resolve("idx")).build());
  }

  @Override
  protected double minRecall() {
    return 0.95;
  }
}
