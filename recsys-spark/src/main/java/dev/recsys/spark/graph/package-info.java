/**
 * The similarity graph at scale: a sharded k-nearest-neighbour build (one Lucene HNSW per shard, every shard
 * queried, the best {@code k} kept per track) with a recall check against exact search on a sample.
 */
package dev.recsys.spark.graph;
