/** JMH benchmarks of the matrix-factorisation recommenders: an iALS epoch and a BPR epoch. */
package dev.recsys.benchmarks.factors;
