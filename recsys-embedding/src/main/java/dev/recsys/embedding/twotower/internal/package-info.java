/** Implementation of the two-tower models: tower forward and backward passes, losses, GEMM kernels. Not API. */
package dev.recsys.embedding.twotower.internal;
