/** JMH benchmarks of the graph attention recommender: request latency and training time per epoch. */
package dev.recsys.benchmarks.gat;
