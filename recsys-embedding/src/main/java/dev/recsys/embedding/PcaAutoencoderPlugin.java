package dev.recsys.embedding;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.io.ConfigJson;
import java.io.IOException;

/**
 * The {@code "pca-autoencoder"} embedder plugin: PCA followed by a fully connected autoencoder whose L2-normalised
 * bottleneck is the embedding. Stateless.
 */
public final class PcaAutoencoderPlugin implements EmbedderPlugin<AutoencoderConfig> {
  /** The plugin name. */
  public static final String NAME = "pca-autoencoder";

  /** For {@link java.util.ServiceLoader}. */
  public PcaAutoencoderPlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PCA then a dense autoencoder (Adam, early stopping); embedding = centred, L2-normalised bottleneck";
  }

  @Override
  public Class<AutoencoderConfig> configType() {
    return AutoencoderConfig.class;
  }

  @Override
  public AutoencoderConfig defaultConfig() {
    return AutoencoderConfig.DEFAULT;
  }

  @Override
  public PcaAutoencoderEmbedder create(AutoencoderConfig config) {
    return new PcaAutoencoderEmbedder(config);
  }

  @Override
  public PcaAutoencoderModel load(ModelContainer container) throws ModelFormatException {
    container.require(NAME, PcaAutoencoderModel.FORMAT_VERSION);
    return ModelContainer.decode("'" + NAME + "' model", () -> PcaAutoencoderModel.read(container,
        ConfigJson.readModelConfig(container.configJson(), AutoencoderConfig.class, "'" + NAME + "' model")));
  }
}
