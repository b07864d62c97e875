/**
 * The benchmark runner behind {@code benchmarks/run}: a plan of JMH benchmarks and harness programs per profile
 * ({@code quick} for development, {@code full} for published numbers), executed in one run and written as one JSON
 * document (git revision, JDK, machine, every result with medians and ratios against the baseline measured in the
 * same run) and a Markdown summary with the targets named in the issues and their verdicts.
 */
package dev.recsys.benchmarks.runner;
