/**
 * Embedding inference at scale: the fitted feature pipeline and any {@code EmbeddingModel} plugin's model file
 * shipped to the executors and applied to a tracks table through {@code mapPartitions}.
 */
package dev.recsys.spark.embed;
