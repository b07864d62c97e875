/** JMH benchmarks of the smart shuffle: next-track step, similarity graph build, choice-model fit. */
package dev.recsys.benchmarks.shuffle;
