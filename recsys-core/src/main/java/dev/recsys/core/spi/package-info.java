/**
 * The plugin contracts of recsys and their value types: {@link dev.recsys.core.spi.DataSource},
 * {@link dev.recsys.core.spi.Embedder}, {@link dev.recsys.core.spi.VectorIndex},
 * {@link dev.recsys.core.spi.EmbeddingStore}, {@link dev.recsys.core.spi.NextTrackSampler},
 * {@link dev.recsys.core.spi.Recommender} and {@link dev.recsys.core.spi.UserMatcher}.
 *
 * <p>Each interface states its thread-safety, buffer-reuse and determinism rules in its javadoc.
 * Abstract conformance test classes for each contract ship in the recsys-test-framework artifact.
 */
package dev.recsys.core.spi;
