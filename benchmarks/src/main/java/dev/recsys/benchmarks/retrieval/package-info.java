/**
 * Retrieval benchmarks: JMH throughput of exact scans (SIMD vs scalar vs a plain loop) and of index searches
 * (exact vs Lucene HNSW, with and without quantization), and {@link dev.recsys.benchmarks.retrieval.RetrievalHarness},
 * which measures build time, queries per second and recall@10 in one run.
 */
package dev.recsys.benchmarks.retrieval;
