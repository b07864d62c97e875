package dev.recsys.graph.gat;

import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.CheckpointPolicy;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.graph.gat.internal.GatNetwork;
import dev.recsys.graph.gat.internal.GatTrainable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Fits a {@link GatModel}: builds the {@link HeteroGraph}, initialises the network from the seed and trains it
 * for link prediction through the shared {@link TrainingLoop} (early stopping on validation recall@20, learning-rate
 * schedule, optional checkpoints and resume). Same data, configuration and seed give the same model.
 *
 * <p>Stateless and thread-safe; each call trains independently.
 */
public final class GatTrainer {
  private final GatConfig config;

  /**
   * A trainer with the given configuration.
   *
   * @param config the configuration
   */
  public GatTrainer(GatConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public GatConfig config() {
    return config;
  }

  /**
   * Fits on a dataset's catalogue and interactions.
   *
   * @param dataset the data set
   * @param listener receives progress events
   * @return the {@code GatModel}
   */
  public GatModel fit(MusicDataset dataset, TrainingListener listener) {
    return fit(dataset.catalog(), dataset.interactions(), listener);
  }

  /**
   * Fits on a catalogue (for artists and genres) and interactions (for listeners, sessions and playlists).
   *
   * @param catalog the catalogue
   * @param interactions the interactions
   * @param listener receives progress events
   * @return the {@code GatModel}
   */
  public GatModel fit(Catalog catalog, Interactions interactions, TrainingListener listener) {
    try {
      return fit(catalog, interactions, listener, null, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Fits, writing checkpoints to {@code checkpoint} every epoch when non-null, or continuing the run saved in
   * {@code resumeFrom} when non-null.
   *
   * @throws IOException if the checkpoint to resume from cannot be read or does not fit
   * @param catalog the catalogue
   * @param interactions the interactions
   * @param listener receives progress events
   * @param checkpoint the checkpoint
   * @param resumeFrom the resume from
   * @return the fits, writing checkpoints to {@code checkpoint} every epoch when non-null, or continuing the run
   *     saved in {@code resumeFrom} when non-null
   */
  public GatModel fit(Catalog catalog, Interactions interactions, TrainingListener listener, Path checkpoint,
      Path resumeFrom) throws IOException {
    HeteroGraph graph = HeteroGraph.build(catalog, interactions, config.graph());
    listener.message("graph: " + graph);
    GatNetwork net = new GatNetwork(graph, config.dim(), config.heads());
    float[] params = net.initialParameters(config.training().seed());
    GatTrainable trainable = new GatTrainable(net, params, config.neighbours(), config.negatives(), config.maxPrefix(),
        config.validationShare(), config.training().seed());
    if (trainable.trainingExamples() == 0) {
      throw new IllegalArgumentException("no training examples: every session or playlist has fewer than 2 tracks ("
          + graph.sequenceCount() + " sequences)");
    }
    listener.message("training examples: " + trainable.trainingExamples() + ", validation sequences: "
        + trainable.validationExamples() + ", parameters: " + params.length);
    TrainingLoop trainer = checkpoint == null && resumeFrom == null ? new TrainingLoop(config.training())
        : new TrainingLoop(config.training(), CheckpointPolicy.everyEpoch(checkpoint != null ? checkpoint : resumeFrom));
    TrainingResult result = resumeFrom != null ? trainer.resume(resumeFrom, trainable, listener)
        : trainer.fit(trainable, listener);
    listener.message("training: " + result);
    String fingerprint = "tracks=" + graph.tracks().size() + ",interactions=" + interactions.size() + ",sequences="
        + graph.sequenceCount();
    return new GatModel(graph, config, trainable.parameters(), Provenance.now(config.training().seed(), fingerprint));
  }

  /**
   * An evaluation trainer: fits on the split's training interactions with {@code catalog} for artists and genres
   * and returns the next-track ({@code playlist == false}) or playlist-continuation recommender.
   *
   * @param catalog the catalogue
   * @param playlist the playlist
   * @return an evaluation trainer
   */
  public RecommenderTrainer asRecommenderTrainer(Catalog catalog, boolean playlist) {
    return RecommenderTrainer.of(playlist ? "gat-playlist" : "gat-next", train -> {
      GatModel m = fit(catalog, train, TrainingListener.NONE);
      return playlist ? m.playlistContinuation() : m.nextTrack();
    });
  }

  @Override
  public String toString() {
    return "GatTrainer[config=" + config + "]";
  }
}
