package dev.recsys.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.config.ConfigException;
import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.spi.Similarity;
import org.junit.jupiter.api.Test;

class RetrievalConfigTest {
  @Test
  void pipelineFilesParseIntoTheConfigRecords() {
    PipelineConfig c = ConfigLoader.standard().parse("""
        seed: 7
        index:
          type: lucene-hnsw
          params: { dimension: 32, similarity: DOT_PRODUCT, maxConnections: 24, quantization: INT7, oversample: 2.5 }
        store:
          type: lucene
          params: { dimension: 16, path: /tmp/listeners }
        """, "p.yaml", true);
    LuceneHnswConfig idx = c.components().get("index").config(LuceneHnswConfig.class);
    assertEquals(LuceneHnswConfig.builder().dimension(32).similarity(Similarity.DOT_PRODUCT).maxConnections(24)
        .quantization(Quantization.INT7).oversample(2.5).build(), idx);
    LuceneEmbeddingStoreConfig store = c.components().get("store").config(LuceneEmbeddingStoreConfig.class);
    assertEquals("/tmp/listeners", store.path());
    assertEquals(16, store.dimension());
  }

  @Test
  void badValuesNameTheRule() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.standard().parse("""
        index:
          type: exact
          params: { dimension: 0 }
        """, "p.yaml", true));
    assertTrue(e.getMessage().contains("dimension must be in [1, 4096]; dimension=0"), e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> LuceneHnswConfig.builder().maxConnections(1).build());
    assertEquals("maxConnections must be in [2, 512]; maxConnections=1", m.getMessage());
    assertTrue(LuceneHnswConfig.builder().build().toString().contains("verifyOnOpen=true"));
  }
}
