/** Listener matching: training the learned matcher, and matching every listener of a large store. */
package dev.recsys.benchmarks.matching;
