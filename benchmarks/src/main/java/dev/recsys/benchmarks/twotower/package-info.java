/**
 * JMH benchmarks of the two-tower models: training step throughput by kernel and batch size, tower inference
 * throughput, and end-to-end recommendation latency (embed, vector search, filter).
 */
package dev.recsys.benchmarks.twotower;
