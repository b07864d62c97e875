/**
 * Track embeddings: {@link dev.recsys.embedding.PcaEmbedder} ({@code "pca"}) and {@link
 * dev.recsys.embedding.PcaAutoencoderEmbedder} ({@code "pca-autoencoder"}), their fitted models, quality reports and
 * {@link dev.recsys.embedding.NeighbourhoodQuality} (exact k-nearest-neighbour label agreement).
 *
 * <p>The API speaks {@code float[]}, {@link dev.recsys.core.model.FeatureMatrix} and records; ND4J stays inside
 * {@code dev.recsys.embedding.internal}. Fitted models are immutable and thread-safe; embedders are single use.
 */
package dev.recsys.embedding;
