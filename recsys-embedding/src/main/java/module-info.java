/**
 * recsys embedding: PCA and autoencoder track embeddings, two-tower models; ND4J lives only in the
 * internal package.
 */
module dev.recsys.embedding {
  requires transitive dev.recsys.core;
  requires com.fasterxml.jackson.databind;
  requires nd4j.api;
  requires static jdk.incubator.vector;

  exports dev.recsys.embedding;
  exports dev.recsys.embedding.matching;
  exports dev.recsys.embedding.twotower;

  opens dev.recsys.embedding to com.fasterxml.jackson.databind;
  opens dev.recsys.embedding.twotower to com.fasterxml.jackson.databind;
  opens dev.recsys.embedding.matching to com.fasterxml.jackson.databind;

  provides dev.recsys.core.plugin.EmbedderPlugin with
      dev.recsys.embedding.PcaPlugin,
      dev.recsys.embedding.PcaAutoencoderPlugin,
      dev.recsys.embedding.PlaylistContrastivePlugin;
  provides dev.recsys.core.plugin.RecommenderPlugin with
      dev.recsys.embedding.twotower.TwoTowerRecommenderPlugin,
      dev.recsys.embedding.twotower.HistoryTwoTowerPlugin;
  provides dev.recsys.core.plugin.ListenerMatcherPlugin with
      dev.recsys.embedding.matching.CoListeningPlugin;
}
