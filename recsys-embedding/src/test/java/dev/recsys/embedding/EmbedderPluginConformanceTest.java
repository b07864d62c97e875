package dev.recsys.embedding;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.testframework.PluginConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The plugin and configuration contract of the embedder plugins (their models: the Pca*ConformanceTest suites). */
class EmbedderPluginConformanceTest {
  @Nested
  class Pca extends PluginConformance<PcaConfig> {
    @Override
    protected Plugin<PcaConfig> plugin() {
      return new PcaPlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of(
          "{\"varianceTarget\":1.5,\"components\":0,\"whiten\":false}", List.of("varianceTarget", "1.5"),
          "{\"varianceTarget\":0.9,\"components\":-1,\"whiten\":false}", List.of("components", "-1", "100000"));
    }
  }

  @Nested
  class PcaAutoencoder extends PluginConformance<AutoencoderConfig> {
    @Override
    protected Plugin<AutoencoderConfig> plugin() {
      return new PcaAutoencoderPlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }
}
