/** Kernels of the graph attention network: CSR adjacency, the explicit forward and backward passes. Not API. */
package dev.recsys.graph.gat.internal;
