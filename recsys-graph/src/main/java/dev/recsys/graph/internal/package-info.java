/** Numeric kernels of the graph module (top-k selection, small dense linear algebra). Not exported. */
package dev.recsys.graph.internal;
