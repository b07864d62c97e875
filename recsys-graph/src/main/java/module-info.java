/**
 * recsys graph: the song-similarity graph, the smart shuffle (softmax walk over the graph with pluggable
 * context features), the conditional-logit choice model that learns the walk's weights, and the listener
 * simulator with its evaluation; and the graph attention recommender over listeners, tracks, artists and genres.
 */
module dev.recsys.graph {
  requires transitive dev.recsys.core;
  requires com.fasterxml.jackson.databind;
  // SIMD kernel of the exact similarity-graph build; optional at run time (scalar fallback when the module is absent).
  requires static jdk.incubator.vector;

  exports dev.recsys.graph.similarity;
  exports dev.recsys.graph.shuffle;
  exports dev.recsys.graph.choice;
  exports dev.recsys.graph.simulation;
  exports dev.recsys.graph.gat;

  opens dev.recsys.graph.similarity to com.fasterxml.jackson.databind;
  opens dev.recsys.graph.shuffle to com.fasterxml.jackson.databind;
  opens dev.recsys.graph.choice to com.fasterxml.jackson.databind;
  opens dev.recsys.graph.simulation to com.fasterxml.jackson.databind;

  provides dev.recsys.core.plugin.NextTrackSamplerPlugin with
      dev.recsys.graph.shuffle.SamplerPlugins.SoftmaxWalk,
      dev.recsys.graph.shuffle.SamplerPlugins.SimilarityWalk,
      dev.recsys.graph.shuffle.SamplerPlugins.UniformShuffle;
  opens dev.recsys.graph.gat to com.fasterxml.jackson.databind;

  provides dev.recsys.core.plugin.RecommenderPlugin with
      dev.recsys.graph.gat.GatRecommenderPlugin,
      dev.recsys.graph.gat.SessionKnnRecommenderPlugin;
}
