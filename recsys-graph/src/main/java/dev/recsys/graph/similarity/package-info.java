/**
 * The song-similarity graph: k nearest neighbours per track in compact CSR arrays, built exactly (blocked
 * all-pairs dot products) or from any {@link dev.recsys.core.spi.VectorIndex}, persisted in the model container.
 */
package dev.recsys.graph.similarity;
