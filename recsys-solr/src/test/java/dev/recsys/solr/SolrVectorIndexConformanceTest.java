package dev.recsys.solr;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.testframework.VectorIndexConformance;
import java.io.IOException;

/**
 * The vector-index conformance suite against {@link SolrVectorIndex} on a real SolrCloud (2 nodes, collections of
 * 2 shards x 2 replicas) in a child JVM. Every new index is an emptied collection of its shape. The suite's
 * persistence round trip is skipped: Solr keeps every write it received in its transaction log, so writes sent before
 * a close survive it even without a commit (SolrVectorIndexTest checks that committed writes survive a reopen).
 */
class SolrVectorIndexConformanceTest extends VectorIndexConformance {
  @Override
  protected VectorIndex newIndex(int dimension, Similarity similarity) throws IOException {
    SolrConfig config = SolrTestCollections.config(SolrTestCollections.name("conf", dimension, similarity), dimension, similarity)
        .build();
    SolrVectorIndex index = SolrVectorIndex.open(config, SolrTestCollections.client());
    index.deleteAll();
    index.commit();
    return index;
  }

  @Override
  protected double minRecall() {
    return 0.95;
  }
}
