/**
 * Simulation at scale: simulated listeners walking the smart shuffle, partitioned by listener, each listener's
 * sessions drawn from a generator seeded by the job seed and the listener alone, so the choice-set data do not
 * depend on the partitioning.
 */
package dev.recsys.spark.simulation;
