/**
 * The all-pairs dot-product kernels of the exact similarity-graph build: {@link
 * dev.recsys.graph.similarity.internal.AllPairsKernel} with a plain-loop and a JDK Vector API implementation. Not
 * exported.
 */
package dev.recsys.graph.similarity.internal;
