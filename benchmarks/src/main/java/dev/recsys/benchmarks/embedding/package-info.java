/** JMH benchmarks of track embeddings: PCA fit, autoencoder inference and training. */
package dev.recsys.benchmarks.embedding;
