package dev.recsys.embedding;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.plugin.EmbedderPlugin;
import java.io.IOException;

/**
 * The {@code "playlist-contrastive"} embedder plugin: the PCA + autoencoder encoder fine-tuned so that tracks of one
 * playlist embed close together (in-batch contrastive loss). Its embedder is a {@link CooccurrenceEmbedder}: fit it
 * with the playlists as groups of rows. Stateless.
 */
public final class PlaylistContrastivePlugin implements EmbedderPlugin<ContrastiveConfig> {
  /** The plugin name. */
  public static final String NAME = "playlist-contrastive";

  /** For {@link java.util.ServiceLoader}. */
  public PlaylistContrastivePlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PCA + autoencoder encoder fine-tuned contrastively on playlist co-occurrence; content in, so new tracks embed";
  }

  @Override
  public Class<ContrastiveConfig> configType() {
    return ContrastiveConfig.class;
  }

  @Override
  public ContrastiveConfig defaultConfig() {
    return ContrastiveConfig.DEFAULT;
  }

  @Override
  public PlaylistContrastiveEmbedder create(ContrastiveConfig config) {
    return new PlaylistContrastiveEmbedder(config);
  }

  @Override
  public PlaylistContrastiveModel load(ModelContainer container) throws ModelFormatException {
    container.require(NAME, PlaylistContrastiveModel.FORMAT_VERSION);
    try {
      return PlaylistContrastiveModel.read(container);
    } catch (ModelFormatException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelFormatException("unreadable '" + NAME + "' model: " + e.getMessage(), e);
    }
  }
}
