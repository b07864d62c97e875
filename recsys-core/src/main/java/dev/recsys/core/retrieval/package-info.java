/**
 * Vector retrieval: {@link dev.recsys.core.retrieval.LuceneHnswIndex} (plugin {@code "lucene-hnsw"}, Apache
 * Lucene HNSW graphs on disk or in memory, with filters, quantization and near-real-time updates),
 * {@link dev.recsys.core.retrieval.ExactIndex} (plugin {@code "exact"}, SIMD brute force, the ground truth),
 * {@link dev.recsys.core.retrieval.LuceneEmbeddingStore} (plugin {@code "lucene"}, versioned embeddings: the
 * feature-store role) and {@link dev.recsys.core.retrieval.Recall} (recall@k of any index against exact search).
 */
package dev.recsys.core.retrieval;
