/**
 * Vector retrieval and the embedding store on SolrCloud: {@link dev.recsys.solr.SolrVectorIndex} and
 * {@link dev.recsys.solr.SolrEmbeddingStore} over SolrJ, configured by {@link dev.recsys.solr.SolrConfig} and
 * registered as the {@code "solr"} vector-index and embedding-store plugins.
 *
 * <p>The module runs on the class path only: SolrJ's jars are not modules (no module names, and packages split
 * between {@code solr-solrj} and {@code solr-solrj-zookeeper}). Its automatic module name is {@code dev.recsys.solr};
 * its plugins are registered in {@code META-INF/services}. See docs/solr.md.
 */
package dev.recsys.solr;
