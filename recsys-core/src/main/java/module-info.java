/**
 * recsys core: the music domain model, plugin contracts and registry, configuration, persistence, data
 * readers, features, retrieval and evaluation. Plugin authors depend on this module alone.
 */
module dev.recsys.core {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.google.common;
  requires org.apache.lucene.core;
  requires org.slf4j;
  // SIMD kernels of the exact index; optional at run time (scalar fallback when the module is absent).
  requires static jdk.incubator.vector;

  exports dev.recsys.core.config;
  exports dev.recsys.core.data;
  exports dev.recsys.core.data.profile;
  exports dev.recsys.core.features;
  exports dev.recsys.core.eval;
  exports dev.recsys.core.eval.baselines;
  exports dev.recsys.core.eval.metrics;
  exports dev.recsys.core.eval.protocol;
  exports dev.recsys.core.eval.matching;
  exports dev.recsys.core.eval.report;
  exports dev.recsys.core.io;
  exports dev.recsys.core.matching;
  exports dev.recsys.core.model;
  exports dev.recsys.core.plugin;
  exports dev.recsys.core.retrieval;
  exports dev.recsys.core.spi;
  exports dev.recsys.core.synth;
  exports dev.recsys.core.training;
  // argument checks, seed streams and the bounded top-k heap: shared by the SDK's modules, not part of the API
  exports dev.recsys.core.util to dev.recsys.embedding, dev.recsys.graph, dev.recsys.spotify;
  // dot products, all-pairs scans, top-k and Cholesky: shared by the SDK's modules, not part of the API
  exports dev.recsys.core.kernels to dev.recsys.embedding, dev.recsys.graph, dev.recsys.spotify;

  opens dev.recsys.core.data to com.fasterxml.jackson.databind;
  opens dev.recsys.core.synth to com.fasterxml.jackson.databind;
  opens dev.recsys.core.features to com.fasterxml.jackson.databind;
  opens dev.recsys.core.data.profile to com.fasterxml.jackson.databind;
  opens dev.recsys.core.eval.report to com.fasterxml.jackson.databind;
  opens dev.recsys.core.eval.matching to com.fasterxml.jackson.databind;
  opens dev.recsys.core.matching to com.fasterxml.jackson.databind;
  opens dev.recsys.core.training to com.fasterxml.jackson.databind;

  uses dev.recsys.core.plugin.DataSourcePlugin;
  uses dev.recsys.core.plugin.EmbedderPlugin;
  uses dev.recsys.core.plugin.VectorIndexPlugin;
  uses dev.recsys.core.plugin.EmbeddingStorePlugin;
  uses dev.recsys.core.plugin.RecommenderPlugin;
  uses dev.recsys.core.plugin.ListenerMatcherPlugin;
  uses dev.recsys.core.plugin.NextTrackSamplerPlugin;

  provides dev.recsys.core.plugin.DataSourcePlugin with
      dev.recsys.core.synth.SyntheticDataSourcePlugin,
      dev.recsys.core.data.internal.DataPlugins.SpotifyCsv,
      dev.recsys.core.data.internal.DataPlugins.Mpd,
      dev.recsys.core.data.internal.DataPlugins.MovieLens,
      dev.recsys.core.data.internal.DataPlugins.Interactions,
      dev.recsys.core.data.internal.DataPlugins.EdgeList;
  opens dev.recsys.core.retrieval to com.fasterxml.jackson.databind;
  opens dev.recsys.core.retrieval.internal to com.fasterxml.jackson.databind;

  provides dev.recsys.core.plugin.VectorIndexPlugin with
      dev.recsys.core.retrieval.LuceneHnswIndexPlugin,
      dev.recsys.core.retrieval.ExactIndexPlugin;
  provides dev.recsys.core.plugin.RecommenderPlugin with
      dev.recsys.core.eval.baselines.BaselinePlugins.Popularity,
      dev.recsys.core.eval.baselines.BaselinePlugins.Random,
      dev.recsys.core.eval.baselines.BaselinePlugins.ItemKnn,
      dev.recsys.core.eval.baselines.BaselinePlugins.UserKnn,
      dev.recsys.core.eval.baselines.BaselinePlugins.Ease,
      dev.recsys.core.eval.baselines.BaselinePlugins.Ials,
      dev.recsys.core.eval.baselines.BaselinePlugins.Bpr,
      dev.recsys.core.eval.baselines.BaselinePlugins.Content;
  provides dev.recsys.core.plugin.ListenerMatcherPlugin with
      dev.recsys.core.matching.MatcherPlugins.Random,
      dev.recsys.core.matching.MatcherPlugins.MostActive,
      dev.recsys.core.matching.MatcherPlugins.CosineBinary,
      dev.recsys.core.matching.MatcherPlugins.CosineLogPlays,
      dev.recsys.core.matching.MatcherPlugins.CosineTfidf,
      dev.recsys.core.matching.MatcherPlugins.CosineBm25,
      dev.recsys.core.matching.MatcherPlugins.Content,
      dev.recsys.core.matching.MatcherPlugins.Svd,
      dev.recsys.core.matching.MatcherPlugins.Ials;
  provides dev.recsys.core.plugin.EmbeddingStorePlugin with
      dev.recsys.core.retrieval.LuceneEmbeddingStorePlugin;
  // Lucene reopens the segments of quantized indexes with this format, by the name the segments record
  provides org.apache.lucene.codecs.KnnVectorsFormat with
      dev.recsys.core.retrieval.internal.QuantizedHnswFormat;
}
