/**
 * Evaluation and collaborative models at scale: per-listener ranking metrics computed on executors from a table of
 * recommendations, bootstrap intervals on the driver (the same numbers as the single-machine {@code Evaluator}),
 * a co-occurrence item-kNN recommender, and Spark MLlib's ALS as a reference for the project's iALS.
 */
package dev.recsys.spark.eval;
