package dev.recsys.core.retrieval;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * Configuration of a {@link LuceneHnswIndex}. Use {@link #builder()}.
 *
 * @param path the index directory (created when absent, reopened when present), or null for an index in memory
 * @param dimension components per vector, in [1, {@value #MAX_DIMENSION}]
 * @param similarity the similarity searches rank by
 * @param maxConnections HNSW neighbours per node ("M"), in [2, 512]
 * @param beamWidth HNSW candidate list size during construction ("efConstruction"), in [1, 3200]
 * @param searchCandidates candidate list size during search ("efSearch"): a search for {@code k} collects
 *     {@code max(k, searchCandidates)} candidates; in [1, 10000]
 * @param quantization vector compression
 * @param oversample with quantization, a search for {@code k} re-scores the best {@code ceil(k * oversample)}
 *     quantized candidates with the full-precision vectors (the graph walk itself keeps {@code searchCandidates},
 *     as without quantization, or more when {@code ceil(k * oversample)} is larger); in [1, 100]
 * @param ramBufferMb indexing buffer: a bulk load smaller than this lands in one segment (one graph); in [16, 16384]
 * @param mergeWorkers threads that build the graph of a merged segment (e.g. {@link LuceneHnswIndex#optimize()});
 *     in [1, 64]
 * @param verifyOnOpen verify the checksum of every index file when opening an existing directory
 */
public record LuceneHnswConfig(
    String path,
    int dimension,
    Similarity similarity,
    int maxConnections,
    int beamWidth,
    int searchCandidates,
    Quantization quantization,
    double oversample,
    double ramBufferMb,
    int mergeWorkers,
    boolean verifyOnOpen) {
  /** Largest dimension accepted (Lucene's limit for these formats). */
  public static final int MAX_DIMENSION = 1024;

  /** Validates the fields. */
  public LuceneHnswConfig {
    if (path != null && path.isBlank()) {
      path = null;
    }
    Checks.inRange("dimension", dimension, 1, MAX_DIMENSION);
    Objects.requireNonNull(similarity, "similarity");
    Checks.inRange("maxConnections", maxConnections, 2, 512);
    Checks.inRange("beamWidth", beamWidth, 1, 3200);
    Checks.inRange("searchCandidates", searchCandidates, 1, 10_000);
    Objects.requireNonNull(quantization, "quantization");
    Checks.inRange("oversample", oversample, 1.0, 100.0);
    Checks.inRange("ramBufferMb", ramBufferMb, 16.0, 16_384.0);
    Checks.inRange("mergeWorkers", mergeWorkers, 1, 64);
  }

  /**
   * A builder with the defaults: in memory, dimension 64, cosine, M=16, beam 100, 100 candidates, no quantization.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    return new Builder().path(path).dimension(dimension).similarity(similarity).maxConnections(maxConnections)
        .beamWidth(beamWidth).searchCandidates(searchCandidates).quantization(quantization).oversample(oversample)
        .ramBufferMb(ramBufferMb).mergeWorkers(mergeWorkers).verifyOnOpen(verifyOnOpen);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String path;
    private int dimension = 64;
    private Similarity similarity = Similarity.COSINE;
    private int maxConnections = 16;
    private int beamWidth = 100;
    private int searchCandidates = 100;
    private Quantization quantization = Quantization.NONE;
    private double oversample = 3.0;
    private double ramBufferMb = 512;
    private int mergeWorkers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private boolean verifyOnOpen = true;

    private Builder() {}

    /**
     * The index directory; null for memory.
     *
     * @param path the index directory; null for memory
     * @return this builder
     */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /**
     * The index directory.
     *
     * @param path the index directory
     * @return this builder
     */
    public Builder path(java.nio.file.Path path) {
      this.path = path == null ? null : path.toString();
      return this;
    }

    /**
     * Components per vector.
     *
     * @param dimension the components per vector
     * @return this builder
     */
    public Builder dimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /**
     * Similarity.
     *
     * @param similarity the similarity
     * @return this builder
     */
    public Builder similarity(Similarity similarity) {
      this.similarity = similarity;
      return this;
    }

    /**
     * HNSW neighbours per node.
     *
     * @param maxConnections the HNSW neighbours per node
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * HNSW construction beam width.
     *
     * @param beamWidth the HNSW construction beam width
     * @return this builder
     */
    public Builder beamWidth(int beamWidth) {
      this.beamWidth = beamWidth;
      return this;
    }

    /**
     * Search candidate list size.
     *
     * @param searchCandidates the search candidate list size
     * @return this builder
     */
    public Builder searchCandidates(int searchCandidates) {
      this.searchCandidates = searchCandidates;
      return this;
    }

    /**
     * Quantization.
     *
     * @param quantization the quantization
     * @return this builder
     */
    public Builder quantization(Quantization quantization) {
      this.quantization = quantization;
      return this;
    }

    /**
     * Oversample factor for quantized search.
     *
     * @param oversample the oversample factor for quantized search
     * @return this builder
     */
    public Builder oversample(double oversample) {
      this.oversample = oversample;
      return this;
    }

    /**
     * Indexing RAM buffer in MB.
     *
     * @param ramBufferMb the indexing RAM buffer in MB
     * @return this builder
     */
    public Builder ramBufferMb(double ramBufferMb) {
      this.ramBufferMb = ramBufferMb;
      return this;
    }

    /**
     * Graph-building threads for merges.
     *
     * @param mergeWorkers the graph-building threads for merges
     * @return this builder
     */
    public Builder mergeWorkers(int mergeWorkers) {
      this.mergeWorkers = mergeWorkers;
      return this;
    }

    /**
     * Whether to verify file checksums on open.
     *
     * @param verifyOnOpen whether to verify file checksums on open
     * @return this builder
     */
    public Builder verifyOnOpen(boolean verifyOnOpen) {
      this.verifyOnOpen = verifyOnOpen;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code LuceneHnswConfig}
     */
    public LuceneHnswConfig build() {
      return new LuceneHnswConfig(path, dimension, similarity, maxConnections, beamWidth, searchCandidates,
          quantization, oversample, ramBufferMb, mergeWorkers, verifyOnOpen);
    }
  }
}
