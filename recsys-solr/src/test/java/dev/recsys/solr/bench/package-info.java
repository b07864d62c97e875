/** The SolrCloud retrieval benchmark: the embedded Lucene HNSW index against SolrCloud collections on the same data. */
package dev.recsys.solr.bench;
