/** Benchmarks of the dataset readers: CSV ingest rows per second against a split-and-parse baseline. */
package dev.recsys.benchmarks.data;
