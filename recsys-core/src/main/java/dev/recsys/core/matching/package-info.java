/**
 * Listener matching: finding listeners with similar taste from their listening histories.
 *
 * <p>{@link dev.recsys.core.matching.ListenerMatcherTrainer}s fit
 * {@link dev.recsys.core.matching.ListenerMatcher}s on interactions (and an optional catalogue); a matcher answers
 * batches of queries restricted to eligible candidates (as the matching protocols of
 * {@link dev.recsys.core.eval.matching} need), explains each match, and learns new listeners incrementally. The
 * baselines every learned matcher must beat live here: random, most active, cosine on binary / log-play /
 * TF-IDF-weighted / BM25 x squared-IDF item vectors, content-profile cosine, and truncated-SVD and implicit-ALS
 * listener vectors ({@link dev.recsys.core.matching.MatcherPlugins}).
 */
package dev.recsys.core.matching;
