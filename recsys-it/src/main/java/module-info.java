/**
 * An application built on recsys: it requires the core and graph modules only (no ND4J), runs the smart shuffle,
 * and contributes a vector index, a data source, a recommender and a next-track sampler as plugins.
 */
module dev.recsys.it {
  requires dev.recsys.core;
  requires dev.recsys.graph;

  exports dev.recsys.it;

  provides dev.recsys.core.plugin.VectorIndexPlugin with dev.recsys.it.FlatIndex.Plugin;
  provides dev.recsys.core.plugin.DataSourcePlugin with dev.recsys.it.PlaysCsvSource.Plugin;
  provides dev.recsys.core.plugin.RecommenderPlugin with dev.recsys.it.CoListenRecommender.Plugin;
  provides dev.recsys.core.plugin.NextTrackSamplerPlugin with dev.recsys.it.TempoStepSampler.Plugin;
}
