/**
 * Two-tower models: a listener (query) tower and a track (item) tower of dense layers over typed feature inputs
 * (id embeddings with hashed buckets for unknown ids, dense features, mean-pooled multi-hot features), with
 * L2-normalised outputs scored by dot product. Trained with in-batch sampled softmax (temperature, log-Q
 * popularity correction) or a triplet loss; used for hybrid listener-to-track recommendation
 * ({@link dev.recsys.embedding.twotower.TwoTowerRecommender}) and similar-listener matching
 * ({@link dev.recsys.embedding.twotower.TwoTowerUserMatcher}).
 *
 * <p>The public API takes and returns {@code float[]}, {@code int[]} and records only; ND4J stays internal.
 */
package dev.recsys.embedding.twotower;
