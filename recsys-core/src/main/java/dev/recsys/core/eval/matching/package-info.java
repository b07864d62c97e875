/**
 * Matching protocols: how well a {@link dev.recsys.core.matching.ListenerMatcher} finds related listeners.
 *
 * <p>A {@link dev.recsys.core.eval.matching.MatchingTask} names the data the matchers are fitted on, the query
 * listeners, the eligible candidates and each query's relevant listeners; three protocols make one:
 * {@link dev.recsys.core.eval.matching.MatchingTask#splitHalf split-half self-retrieval} (any data),
 * {@link dev.recsys.core.eval.matching.MatchingTask#truth ground-truth pairs} (an edge list of related
 * listeners) and {@link dev.recsys.core.eval.matching.MatchingTask#sharedLabel shared hidden labels} (the
 * synthetic world's dominant taste). The {@link dev.recsys.core.eval.matching.MatchingEvaluator} fits each
 * matcher, ranks the candidates of every query and reports recall@k, NDCG@k, precision@k and MRR per query with
 * bootstrap intervals and paired comparisons; {@link dev.recsys.core.eval.matching.MatchExport} writes the ranked
 * matches and the truth so that anyone can recompute the numbers.
 */
package dev.recsys.core.eval.matching;
