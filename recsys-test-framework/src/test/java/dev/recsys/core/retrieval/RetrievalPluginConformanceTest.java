package dev.recsys.core.retrieval;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Similarity;
import dev.recsys.testframework.EmbeddingStoreConformance;
import dev.recsys.testframework.PluginConformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The embedding-store and plugin conformance suites against the built-in retrieval plugins. */
class RetrievalPluginConformanceTest {
  @Nested
  class LuceneStoreContract extends EmbeddingStoreConformance {
    @Override
    protected EmbeddingStore open(Path dir, int dimension) throws IOException {
      return new LuceneEmbeddingStorePlugin().open(
          LuceneEmbeddingStoreConfig.inMemory(dimension, Similarity.COSINE).withPath(dir.resolve("store")));
    }
  }

  @Nested
  class LuceneStorePlugin extends PluginConformance<LuceneEmbeddingStoreConfig> {
    @Override
    protected Plugin<LuceneEmbeddingStoreConfig> plugin() {
      return new LuceneEmbeddingStorePlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }

  @Nested
  class ExactPlugin extends PluginConformance<ExactIndexConfig> {
    @Override
    protected Plugin<ExactIndexConfig> plugin() {
      return new ExactIndexPlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"path\":null,\"dimension\":0,\"similarity\":\"COSINE\"}", List.of("dimension", "0"));
    }
  }

  @Nested
  class LuceneHnswPlugin extends PluginConformance<LuceneHnswConfig> {
    @Override
    protected Plugin<LuceneHnswConfig> plugin() {
      return new LuceneHnswIndexPlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }
}
