/**
 * The reliability harness shared by the modules' tests: the model-container corruption fuzzer and the
 * {@code -Dstress} size switch. Shipped in recsys-core's test jar.
 */
package dev.recsys.core.reliability;
