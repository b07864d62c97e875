package dev.recsys.core.retrieval;

import dev.recsys.core.plugin.EmbeddingStorePlugin;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;

/** The {@code "lucene"} plugin: opens {@link LuceneEmbeddingStore}s. Stateless. */
public final class LuceneEmbeddingStorePlugin implements EmbeddingStorePlugin<LuceneEmbeddingStoreConfig> {
  /** For {@link java.util.ServiceLoader}. */
  public LuceneEmbeddingStorePlugin() {}

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public String description() {
    return "Versioned embeddings with metadata in a Lucene HNSW index (feature-store role)";
  }

  @Override
  public Class<LuceneEmbeddingStoreConfig> configType() {
    return LuceneEmbeddingStoreConfig.class;
  }

  @Override
  public LuceneEmbeddingStoreConfig defaultConfig() {
    return LuceneEmbeddingStoreConfig.inMemory(32, Similarity.COSINE);
  }

  @Override
  public LuceneEmbeddingStore open(LuceneEmbeddingStoreConfig config) throws IOException {
    return LuceneEmbeddingStore.open(config);
  }
}
