/**
 * The smart shuffle: {@link dev.recsys.graph.shuffle.SoftmaxWalkSampler} walks the similarity graph and scores
 * candidates with pluggable {@link dev.recsys.graph.shuffle.WalkFeature}s; baselines share the
 * {@link dev.recsys.core.spi.NextTrackSampler} interface.
 */
package dev.recsys.graph.shuffle;
