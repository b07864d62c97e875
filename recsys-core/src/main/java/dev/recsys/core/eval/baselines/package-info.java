/**
 * Baseline recommenders that implement {@link dev.recsys.core.spi.Recommender}, each with a
 * {@link dev.recsys.core.eval.RecommenderTrainer}: popularity, seeded random, item-kNN, user-kNN, EASE
 * (closed form, plain-Java Cholesky), the matrix-factorisation models iALS and BPR-MF (whose listener and track
 * vectors are exposed as embeddings) and a content baseline over item vectors. They share one query handling:
 * history = the listener's training items plus known seed items; seen items excluded on request; an empty
 * history falls back to popularity; ties are broken by popularity then item index.
 */
package dev.recsys.core.eval.baselines;
