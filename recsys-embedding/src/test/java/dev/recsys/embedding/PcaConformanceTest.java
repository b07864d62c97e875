package dev.recsys.embedding;

import dev.recsys.testframework.EmbedderConformance;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.spi.Embedder;

class PcaConformanceTest extends EmbedderConformance {
  @Override
  protected Embedder newEmbedder(long seed) {
    return new PcaPlugin().create(PcaConfig.DEFAULT);
  }

  @Override
  protected EmbedderPlugin<?> plugin() {
    return new PcaPlugin();
  }
}
