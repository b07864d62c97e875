/**
 * The feature pipeline: turns tracks into a dense, named, standardised float matrix keyed by the catalogue's int
 * index ({@link dev.recsys.core.features.FeaturePipeline} fits, {@link dev.recsys.core.features.FittedFeatures}
 * transforms and persists).
 */
package dev.recsys.core.features;
