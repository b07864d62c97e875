package dev.recsys.solr;

import dev.recsys.core.plugin.EmbeddingStorePlugin;
import java.io.IOException;

/** The {@code "solr"} embedding-store plugin: opens {@link SolrEmbeddingStore}s on SolrCloud. Stateless. */
public final class SolrEmbeddingStorePlugin implements EmbeddingStorePlugin<SolrConfig> {
  /** For {@link java.util.ServiceLoader}. */
  public SolrEmbeddingStorePlugin() {}

  @Override
  public String name() {
    return "solr";
  }

  @Override
  public String description() {
    return "Versioned embeddings with metadata in a SolrCloud collection (feature-store role), over SolrJ";
  }

  @Override
  public Class<SolrConfig> configType() {
    return SolrConfig.class;
  }

  @Override
  public SolrConfig defaultConfig() {
    return SolrConfig.builder().collection("embeddings").build();
  }

  @Override
  public SolrEmbeddingStore open(SolrConfig config) throws IOException {
    return SolrEmbeddingStore.open(config);
  }
}
