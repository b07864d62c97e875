/**
 * The numeric kernels every module shares: dot products, axpy and blocked scans of float vectors (the JDK Vector
 * API when {@code jdk.incubator.vector} is resolved, plain loops otherwise, the same bits from both), the
 * all-pairs scan of the exact similarity graph and the exact neighbours of every row, top-k selection, and dense
 * symmetric positive definite algebra (Cholesky solves, the blocked inverse) and the activation functions of every
 * network with their derivatives. Exported only to the SDK's own
 * modules; may change without notice.
 */
package dev.recsys.core.kernels;
