/** JMH benchmarks of the evaluation toolkit: metric throughput and item-kNN full-catalogue scoring. */
package dev.recsys.benchmarks.eval;
