/**
 * Evaluation metrics as pure, allocation-light static functions over int item indices: ranking metrics at k
 * ({@link dev.recsys.core.eval.metrics.RankingMetrics}), classification metrics and curves
 * ({@link dev.recsys.core.eval.metrics.ClassificationMetrics}), coverage, popularity bias, novelty, diversity
 * and personalisation ({@link dev.recsys.core.eval.metrics.BeyondAccuracyMetrics}), and sequence metrics
 * ({@link dev.recsys.core.eval.metrics.SequenceMetrics}). Each method's javadoc states its definition and
 * edge cases.
 */
package dev.recsys.core.eval.metrics;
