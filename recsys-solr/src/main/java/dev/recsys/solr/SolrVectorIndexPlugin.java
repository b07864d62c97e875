package dev.recsys.solr;

import dev.recsys.core.plugin.VectorIndexPlugin;
import java.io.IOException;

/** The {@code "solr"} vector-index plugin: opens {@link SolrVectorIndex}es on SolrCloud. Stateless. */
public final class SolrVectorIndexPlugin implements VectorIndexPlugin<SolrConfig> {
  /** For {@link java.util.ServiceLoader}. */
  public SolrVectorIndexPlugin() {}

  @Override
  public String name() {
    return "solr";
  }

  @Override
  public String description() {
    return "SolrCloud dense vector collection: sharded, replicated HNSW with fq filters, over SolrJ";
  }

  @Override
  public Class<SolrConfig> configType() {
    return SolrConfig.class;
  }

  @Override
  public SolrConfig defaultConfig() {
    return SolrConfig.builder().build();
  }

  @Override
  public SolrVectorIndex open(SolrConfig config) throws IOException {
    return SolrVectorIndex.open(config);
  }
}
