/**
 * The evaluation toolkit: {@link dev.recsys.core.eval.Protocol}s split interactions into a
 * {@link dev.recsys.core.eval.Split}; an {@link dev.recsys.core.eval.Evaluator} fits a recommender with a
 * {@link dev.recsys.core.eval.RecommenderTrainer}, ranks the full catalogue for every test user (training items
 * excluded) and returns an {@link dev.recsys.core.eval.EvaluationResult} with per-user values, bootstrap
 * intervals, set-level metrics, curves and cohort breakdowns ({@link dev.recsys.core.eval.Cohorts});
 * {@link dev.recsys.core.eval.PairedComparison} compares two recommenders on the same users.
 *
 * <p>Sub-packages: {@code metrics} (pure metric functions), {@code protocol} (splits), {@code baselines}
 * (reference recommenders every model must beat), {@code report} (JSON, terminal table, CSV export).
 */
package dev.recsys.core.eval;
