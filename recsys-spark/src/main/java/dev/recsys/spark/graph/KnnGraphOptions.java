package dev.recsys.spark.graph;

import dev.recsys.core.util.Checks;
import java.io.Serializable;
import java.util.Objects;

/**
 * Options of the sharded kNN graph build.
 *
 * @param k neighbours kept per track, in [1, 10000]
 * @param shards number of shards (one index each), in [1, 100000]
 * @param queryPartitions partitions of the query side (tasks = shards x query partitions), in [1, 100000]
 * @param search how each shard is searched
 * @param maxConnections HNSW graph degree M, in [2, 512]
 * @param beamWidth HNSW build beam, in [1, 3200]
 * @param searchCandidates HNSW search candidates (efSearch), in [1, 10000]
 * @param recallSample tracks whose neighbours are checked against exact search (0 = no check), in [0, 1000000]
 * @param minRecall the job fails when the sampled recall@k is below this, in [0, 1]
 * @param seed seed of the recall sample
 */
public record KnnGraphOptions(int k, int shards, int queryPartitions, Search search, int maxConnections, int beamWidth,
    int searchCandidates, int recallSample, double minRecall, long seed) implements Serializable {

  /** How a shard is searched. */
  public enum Search {
    /** A Lucene HNSW index per shard (approximate; the default). */
    HNSW,
    /** A full scan of the shard (exact; the same graph as the single-machine exact build). */
    EXACT
  }

  /** Validates the fields. */
  public KnnGraphOptions {
    Checks.inRange("k", k, 1, 10_000);
    Checks.inRange("shards", shards, 1, 100_000);
    Checks.inRange("queryPartitions", queryPartitions, 1, 100_000);
    Objects.requireNonNull(search, "search");
    Checks.inRange("maxConnections", maxConnections, 2, 512);
    Checks.inRange("beamWidth", beamWidth, 1, 3200);
    Checks.inRange("searchCandidates", searchCandidates, 1, 10_000);
    Checks.inRange("recallSample", recallSample, 0, 1_000_000);
    Checks.inRange("minRecall", minRecall, 0.0, 1.0);
  }

  /**
   * k=50, 4 shards, 4 query partitions, HNSW with M=16, beam 100, 100 candidates; 1000 sampled tracks must reach
   * recall@k 0.95; seed 42.
   *
   * @return the defaults
   */
  public static KnnGraphOptions defaults() {
    return new KnnGraphOptions(50, 4, 4, Search.HNSW, 16, 100, 100, 1000, 0.95, 42L);
  }

  /**
   * A copy with another k.
   *
   * @param newK the neighbours per track
   * @return the copy
   */
  public KnnGraphOptions withK(int newK) {
    return new KnnGraphOptions(newK, shards, queryPartitions, search, maxConnections, beamWidth, searchCandidates, recallSample, minRecall, seed);
  }

  /**
   * A copy with other shard and query-partition counts.
   *
   * @param newShards the number of shards
   * @param newQueryPartitions the number of query partitions
   * @return the copy
   */
  public KnnGraphOptions withShards(int newShards, int newQueryPartitions) {
    return new KnnGraphOptions(k, newShards, newQueryPartitions, search, maxConnections, beamWidth, searchCandidates, recallSample, minRecall, seed);
  }

  /**
   * A copy with another search.
   *
   * @param newSearch the search
   * @return the copy
   */
  public KnnGraphOptions withSearch(Search newSearch) {
    return new KnnGraphOptions(k, shards, queryPartitions, newSearch, maxConnections, beamWidth, searchCandidates, recallSample, minRecall, seed);
  }

  /**
   * A copy with another recall check.
   *
   * @param sample the number of sampled tracks (0 = no check)
   * @param min the minimum recall@k
   * @return the copy
   */
  public KnnGraphOptions withRecallCheck(int sample, double min) {
    return new KnnGraphOptions(k, shards, queryPartitions, search, maxConnections, beamWidth, searchCandidates, sample, min, seed);
  }

  /**
   * A copy with another HNSW search-candidate count.
   *
   * @param candidates the search candidates
   * @return the copy
   */
  public KnnGraphOptions withSearchCandidates(int candidates) {
    return new KnnGraphOptions(k, shards, queryPartitions, search, maxConnections, beamWidth, candidates, recallSample, minRecall, seed);
  }
}
