package dev.recsys.embedding;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.io.ConfigJson;
import java.io.IOException;

/** The {@code "pca"} embedder plugin: principal component analysis of the feature matrix. Stateless. */
public final class PcaPlugin implements EmbedderPlugin<PcaConfig> {
  /** The plugin name. */
  public static final String NAME = "pca";

  /** For {@link java.util.ServiceLoader}. */
  public PcaPlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Principal component analysis (double-precision covariance, Jacobi eigen-decomposition), optional whitening";
  }

  @Override
  public Class<PcaConfig> configType() {
    return PcaConfig.class;
  }

  @Override
  public PcaConfig defaultConfig() {
    return PcaConfig.DEFAULT;
  }

  @Override
  public PcaEmbedder create(PcaConfig config) {
    return new PcaEmbedder(config);
  }

  @Override
  public PcaModel load(ModelContainer container) throws ModelFormatException {
    container.require(NAME, PcaModel.FORMAT_VERSION);
    return ModelContainer.decode("'" + NAME + "' model", () -> {
      PcaConfig config = ConfigJson.readModelConfig(container.configJson(), PcaConfig.class, "'" + NAME + "' model");
      Payload.Reader r = Payload.reader(container.payload());
      PcaModel m = PcaModel.read(r, config, container.provenance());
      r.requireEnd();
      return m;
    });
  }
}
