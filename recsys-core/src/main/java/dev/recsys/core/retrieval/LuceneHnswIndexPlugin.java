package dev.recsys.core.retrieval;

import dev.recsys.core.plugin.VectorIndexPlugin;
import java.io.IOException;

/** The {@code "lucene-hnsw"} plugin: opens {@link LuceneHnswIndex}es. Stateless. */
public final class LuceneHnswIndexPlugin implements VectorIndexPlugin<LuceneHnswConfig> {
  /** For {@link java.util.ServiceLoader}. */
  public LuceneHnswIndexPlugin() {}

  @Override
  public String name() {
    return "lucene-hnsw";
  }

  @Override
  public String description() {
    return "Apache Lucene HNSW graph index: on disk or in memory, filters, quantization, near-real-time updates";
  }

  @Override
  public Class<LuceneHnswConfig> configType() {
    return LuceneHnswConfig.class;
  }

  @Override
  public LuceneHnswConfig defaultConfig() {
    return LuceneHnswConfig.builder().build();
  }

  @Override
  public LuceneHnswIndex open(LuceneHnswConfig config) throws IOException {
    return LuceneHnswIndex.open(config);
  }
}
