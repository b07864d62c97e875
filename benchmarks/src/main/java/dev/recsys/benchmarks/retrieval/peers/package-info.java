/**
 * Side-by-side vector search against peer libraries: the recsys {@link dev.recsys.core.retrieval.LuceneHnswIndex}, the
 * same Lucene HNSW codec used directly (the wrapper's overhead), hnswlib-java and jvector, each at matched recall@10.
 *
 * <p>{@link dev.recsys.benchmarks.retrieval.peers.PeerLibrary} builds each library's index behind the small
 * {@link dev.recsys.benchmarks.retrieval.peers.PeerIndex} interface; {@link dev.recsys.benchmarks.retrieval.peers.Calibration}
 * finds, per library, the smallest search beam that reaches a recall target against exact ground truth;
 * {@link dev.recsys.benchmarks.retrieval.peers.PeerSearchBenchmark} is the JMH view (one query per invocation) and
 * {@link dev.recsys.benchmarks.retrieval.peers.PeerComparison} the one-run harness that also measures build time,
 * build CPU, retained heap and bytes on disk and writes JSON plus a Markdown table.
 */
package dev.recsys.benchmarks.retrieval.peers;
