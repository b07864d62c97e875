/**
 * Implementation of recsys-embedding, not API: numeric kernels (covariance, symmetric eigen-decomposition, dense
 * networks with explicit backward passes, exact k-nearest-neighbour search) and the ND4J bindings. ND4J types never
 * leave this package. Nothing here changes ND4J's global settings (data types, workspaces, thread counts).
 */
package dev.recsys.embedding.internal;
