package dev.recsys.core.retrieval;

import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;

/** The {@code "exact"} plugin: opens {@link ExactIndex}es (brute force, SIMD, multi-core). Stateless. */
public final class ExactIndexPlugin implements VectorIndexPlugin<ExactIndexConfig> {
  /** For {@link java.util.ServiceLoader}. */
  public ExactIndexPlugin() {}

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public String description() {
    return "Exact brute-force search over contiguous arrays (SIMD, all cores): ground truth and small catalogues";
  }

  @Override
  public Class<ExactIndexConfig> configType() {
    return ExactIndexConfig.class;
  }

  @Override
  public ExactIndexConfig defaultConfig() {
    return ExactIndexConfig.inMemory(64, Similarity.COSINE);
  }

  @Override
  public ExactIndex open(ExactIndexConfig config) throws IOException {
    return ExactIndex.open(config);
  }
}
