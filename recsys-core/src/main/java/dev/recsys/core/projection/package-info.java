/**
 * Two-dimensional maps of vector spaces, to look at embeddings: {@link dev.recsys.core.projection.Projection2D#pca}
 * (the plane of the two largest principal components) and an exact, seeded t-SNE ({@link
 * dev.recsys.core.projection.TSne}), with {@link dev.recsys.core.projection.Projection2D#trustworthiness} to measure
 * how well a map keeps each point's neighbours. Written here under the SDK's licence; no GPL code.
 */
package dev.recsys.core.projection;
