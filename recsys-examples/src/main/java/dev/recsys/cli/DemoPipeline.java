package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.AutoencoderFit;
import dev.recsys.embedding.PcaAutoencoderEmbedder;
import dev.recsys.embedding.PcaConfig;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.embedding.twotower.TwoTowerMatcherTrainer;
import dev.recsys.embedding.twotower.MatcherConfig;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import java.io.IOException;
import java.util.Locale;

/** The steps {@code recsys demo} and {@code recsys serve} share: loading a world, embedding, two-tower training. */
final class DemoPipeline {
  private DemoPipeline() {}

  /**
   * A loaded catalogue with its interactions and a cluster (genre) id per track.
   *
   * @param description one line for reports
   * @param catalog the tracks
   * @param interactions listener (or playlist) to track interactions
   * @param clusters a cluster id per catalogue track
   * @param timed whether the interactions carry timestamps (temporal splits are possible)
   */
  record World(String description, Catalog catalog, Interactions interactions, int[] clusters, boolean timed) {}

  /** Reads a real catalogue (a file or a {@code KIND:PATH} spec). */
  static World fromFile(String tracksFile) throws IOException {
    MusicDataset ds;
      try (ProgressBar bar = new ProgressBar("read catalogue", 1)) {
        ds = Datasets.load(EmbedCommand.datasetSpec(tracksFile), ReadOptions.LENIENT);
        bar.step(ds.catalog().size() + " tracks");
      }
      Catalog c = ds.catalog();
      Interactions inter = ds.interactions().size() > 0 ? ds.interactions()
          : Datasets.interactions(EmbedCommand.datasetSpec(tracksFile), ReadOptions.LENIENT);
      boolean timed = inter.size() > 0 && inter.timestamp(0) != dev.recsys.core.model.Interaction.NO_TIME;
      return new World(tracksFile + ": " + c.size() + " tracks, " + ds.playlists().size() + " playlists", c, inter,
          genreClusters(c), timed);
  }

  /** Generates the synthetic world. */
  static World synthetic(int size, int listeners, long seed) {
    SyntheticWorld w;
    try (ProgressBar bar = new ProgressBar("synthetic world", 1)) {
      w = SyntheticWorld.generate(SynthConfig.builder().tracks(size).listeners(listeners).seed(seed).build());
      bar.step(w.catalog().size() + " tracks");
    }
    int[] clusters = new int[w.catalog().size()];
    for (int t = 0; t < clusters.length; t++) {
      clusters[t] = w.trackGenre(t);
    }
    return new World(String.format(Locale.ROOT, "synthetic world (seed %d): %,d tracks, %,d artists, %,d listeners, %,d plays",
        seed, w.catalog().size(), w.artists().size(), w.listeners().size(), w.eventCount()), w.catalog(), w.interactions(), clusters, true);
  }

  /** A cluster id per track: the index of its first genre label (tracks without one share a cluster). */
  static int[] genreClusters(Catalog c) {
    return dev.recsys.quality.Labelings.firstGenreClusters(c);
  }

  /** The most popular track (the first on ties). */
  static int mostPopular(Catalog c) {
    int best = 0;
    for (int t = 1; t < c.size(); t++) {
      if (c.get(t).popularity().orElse(-1) > c.get(best).popularity().orElse(-1)) {
        best = t;
      }
    }
    return best;
  }

  /** Fits PCA (95% of variance) and the 16-dimensional autoencoder. */
  static AutoencoderFit embed(FeatureMatrix x, int epochs, long seed, TrainingListener listener) {
    AutoencoderConfig cfg = AutoencoderConfig.builder().pca(PcaConfig.ofVariance(0.95)).bottleneck(16)
        .epochs(epochs).seed(seed).build();
    return new PcaAutoencoderEmbedder(cfg).fitWithReport(x, listener);
  }

  /** Trains the two-tower listener matcher. */
  static TwoTowerUserMatcher matcher(Interactions data, Catalog catalog, int epochs, long seed, TrainingListener listener) {
    MatcherConfig d = MatcherConfig.defaults();
    MatcherConfig c = MatcherConfig.builder().model(d.model().toBuilder().seed(seed).build())
        .training(d.training().toBuilder().epochs(epochs).seed(seed).build()).build();
    return new TwoTowerMatcherTrainer(c, dim -> TwoTowerSupport.index(dim, data.users().size())).fit(data, catalog, listener);
  }

  /** Trains the two-tower listener-to-track recommender. */
  static TwoTowerRecommender recommender(Interactions train, Catalog catalog, int epochs, long seed, TrainingListener listener) {
    HybridConfig d = HybridConfig.defaults();
    HybridConfig c = HybridConfig.builder().model(d.model().toBuilder().seed(seed).build())
        .training(d.training().toBuilder().epochs(epochs).seed(seed).build()).build();
    return new HybridRecommenderTrainer(c, dim -> TwoTowerSupport.index(dim, train.items().size())).fit(train, catalog, listener);
  }
}
