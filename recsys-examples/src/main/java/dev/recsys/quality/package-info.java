/**
 * The quality harness: one call that evaluates every model of the SDK against its baselines and writes the result
 * with the git revision ({@code quality.json} and {@code quality.md}).
 *
 * <p>{@link dev.recsys.quality.QualityHarness#run} runs five sections on a seeded synthetic world (and, in the
 * {@link dev.recsys.quality.QualityProfile#FULL full} profile, on the TidyTuesday and MovieLens files when present):
 * embedding neighbourhood quality (raw features, PCA, PCA + autoencoder, chance), smart-shuffle metrics (learned and
 * default smart walk, uniform shuffle, similarity-only walk), choice-model recovery on simulated listeners, the
 * two-tower recommender and listener matcher against their baselines, and the graph attention recommender against
 * popularity, item-kNN and session-kNN. Every number comes from the code paths the {@code recsys} commands use;
 * every value carries a 95% interval, and each model gets a verdict against each baseline
 * ({@link dev.recsys.quality.Verdict}). {@link dev.recsys.quality.QualityWriter} writes the JSON and Markdown files.
 * The helpers shared with the commands ({@link dev.recsys.quality.Labelings}, {@link dev.recsys.quality.Sessions},
 * {@link dev.recsys.quality.MatcherEvaluation}, {@link dev.recsys.quality.GatComparison}) live here too.
 */
package dev.recsys.quality;
