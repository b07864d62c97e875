package dev.recsys.embedding;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.EmbeddingModel;
import java.io.IOException;
import java.util.Objects;

/**
 * A fitted playlist-aware embedding: features through PCA and the contrastively fine-tuned encoder, L2-normalised
 * (not centred: the contrastive loss was computed on exactly these normalised outputs).
 * Embeds from features alone (new tracks included) with the same row kernel as {@link PcaAutoencoderModel}, so a
 * track embeds to the same bits alone and in a batch. Immutable and thread-safe.
 */
public final class PlaylistContrastiveModel implements EmbeddingModel {
  /** Payload format version written. */
  public static final int FORMAT_VERSION = 1;

  private final ContrastiveConfig config;
  private final PcaAutoencoderModel encoder;

  PlaylistContrastiveModel(ContrastiveConfig config, PcaAutoencoderModel encoder) {
    this.config = Objects.requireNonNull(config, "config");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  @Override
  public String providerName() {
    return PlaylistContrastivePlugin.NAME;
  }

  /**
   * The configuration of the fit.
   *
   * @return the configuration the model was fitted with
   */
  public ContrastiveConfig config() {
    return config;
  }

  /**
   * The PCA stage.
   *
   * @return the fitted PCA stage the encoder starts from
   */
  public PcaModel pca() {
    return encoder.pca();
  }

  /** Provenance of the fit. */
  public Provenance provenance() {
    return encoder.provenance();
  }

  @Override
  public int inputDimension() {
    return encoder.inputDimension();
  }

  @Override
  public int dimension() {
    return encoder.dimension();
  }

  @Override
  public float[] embed(float[] features) {
    return encoder.embed(features);
  }

  @Override
  public FeatureMatrix embedAll(FeatureMatrix features) {
    return encoder.embedAll(features);
  }

  @Override
  public ModelContainer toContainer() {
    ModelContainer inner = encoder.toContainer();
    return new ModelContainer(PlaylistContrastivePlugin.NAME, FORMAT_VERSION, ConfigJson.write(config), inner.provenance(),
        inner.payload());
  }

  static PlaylistContrastiveModel read(ModelContainer c) throws IOException {
    ContrastiveConfig config = ConfigJson.read(c.configJson(), ContrastiveConfig.class);
    // Version 1 of this payload is the encoder in the layout of the autoencoder's format version 2.
    ModelContainer encoder = new ModelContainer(c.provider(), 2, c.configJson(), c.provenance(), c.payload());
    return new PlaylistContrastiveModel(config, PcaAutoencoderModel.read(encoder, config.autoencoder()));
  }

  @Override
  public String toString() {
    return "PlaylistContrastiveModel[inputDimension=" + inputDimension() + ", dimension=" + dimension() + ", config="
        + config + ", provenance=" + provenance() + "]";
  }
}
