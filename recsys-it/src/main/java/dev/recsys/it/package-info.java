/**
 * A small application on recsys: {@link dev.recsys.it.ShuffleApp} runs the smart shuffle on a synthetic
 * catalogue; {@link dev.recsys.it.FlatIndex}, {@link dev.recsys.it.TempoStepSampler},
 * {@link dev.recsys.it.CoListenRecommender} and {@link dev.recsys.it.PlaysCsvSource} are its own implementations
 * of the SDK's contracts, tested with the recsys test framework.
 */
package dev.recsys.it;
