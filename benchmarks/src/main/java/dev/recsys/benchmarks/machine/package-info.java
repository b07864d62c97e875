/**
 * Benchmarks of the machine itself (memory read bandwidth at cache and memory working sets), the bounds against
 * which the library's memory-bound kernels are judged.
 */
package dev.recsys.benchmarks.machine;
