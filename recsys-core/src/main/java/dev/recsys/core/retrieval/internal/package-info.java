/**
 * Implementation details of retrieval: the on-disk manifest of Lucene indexes and the translation of {@link dev.recsys.core.spi.SearchFilter}s to Lucene
 * queries. Not exported; may change without notice.
 */
package dev.recsys.core.retrieval.internal;
