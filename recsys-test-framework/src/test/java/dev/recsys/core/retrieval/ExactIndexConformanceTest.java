package dev.recsys.core.retrieval;

import dev.recsys.testframework.VectorIndexConformance;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;

/** The conformance suite against {@link ExactIndex}. */
class ExactIndexConformanceTest extends VectorIndexConformance {
  @Override
  protected VectorIndex newIndex(int dimension, Similarity similarity) {
    return ExactIndex.inMemory(dimension, similarity);
  }

  @Override
  protected VectorIndex openPersistent(Path dir, int dimension, Similarity similarity) throws IOException {
    return ExactIndex.open(new ExactIndexConfig(dir.resolve("exact.rsm").toString(), dimension, similarity));
  }
}
