/**
 * A SolrCloud test cluster run in its own JVM ({@link dev.recsys.solr.cluster.SolrTestCluster}), driven over standard
 * input and output by recsys-solr's tests and benchmark. Built against Solr's own Lucene, apart from the project's;
 * not published.
 */
package dev.recsys.solr.cluster;
