package dev.recsys.embedding;

import dev.recsys.testframework.EmbedderConformance;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.spi.Embedder;

class PcaAutoencoderConformanceTest extends EmbedderConformance {
  @Override
  protected Embedder newEmbedder(long seed) {
    return new PcaAutoencoderPlugin().create(AutoencoderConfig.builder().seed(seed).epochs(8).batchSize(64).build());
  }

  @Override
  protected EmbedderPlugin<?> plugin() {
    return new PcaAutoencoderPlugin();
  }
}
