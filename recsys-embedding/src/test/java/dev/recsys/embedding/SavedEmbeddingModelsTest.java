package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.testframework.SaveableModelConformance;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every embedder's fitted model meets the persistence contract ({@link SaveableModelConformance}): saved with
 * {@code save(Path)}, read back through {@code Plugins.load(file, EmbeddingModel.class)} by the plugin of its
 * provider, with the same vectors, bytes and provenance; newer versions and damaged files refused naming the file.
 * The PCA format's version 1 golden file loads through its plugin and embeds to the recorded vectors.
 */
class SavedEmbeddingModelsTest {
  private static final FeatureMatrix DATA = TestData.latent(200, 6, 2, 0.3, 42);
  private static final FeatureMatrix PROBE = TestData.latent(5, 6, 2, 0.3, 99);

  /** Fails unless both models embed every row of the data to the same bits. */
  static void assertSameVectors(EmbeddingModel saved, Object loaded) {
    EmbeddingModel back = (EmbeddingModel) loaded;
    assertEquals(saved.providerName(), back.providerName());
    assertEquals(saved.embedAll(DATA), back.embedAll(DATA));
  }

  @Nested
  class Pca extends SaveableModelConformance<PcaModel> {
    @Override
    protected PcaModel model() {
      return new PcaEmbedder(PcaConfig.DEFAULT).fit(DATA, TrainingListener.NONE);
    }

    @Override
    protected Class<? super PcaModel> type() {
      return EmbeddingModel.class;
    }

    @Override
    protected void assertSameAnswers(PcaModel saved, Object loaded) {
      assertSameVectors(saved, loaded);
    }
  }

  @Nested
  class PcaAutoencoder extends SaveableModelConformance<PcaAutoencoderModel> {
    @Override
    protected PcaAutoencoderModel model() {
      return new PcaAutoencoderEmbedder(AutoencoderConfig.builder().seed(1).epochs(2).batchSize(32)
          .hiddenSizes(List.of(8)).bottleneck(3).kernel(AutoencoderConfig.Kernel.JAVA).build())
          .fit(DATA, TrainingListener.NONE);
    }

    @Override
    protected Class<? super PcaAutoencoderModel> type() {
      return EmbeddingModel.class;
    }

    @Override
    protected void assertSameAnswers(PcaAutoencoderModel saved, Object loaded) {
      assertSameVectors(saved, loaded);
    }
  }

  /**
   * A PCA model saved in format version 1 (the current one) loads through its plugin and embeds to the recorded
   * vectors. Regenerate with {@code -Drecsys.golden.write=true} only on a deliberate format change.
   */
  @Test
  void pcaGoldenVersion1LoadsThroughItsPluginAndEmbedsToRecordedVectors() throws Exception {
    if (Golden.writing()) {
      Golden.write(new PcaEmbedder(PcaConfig.DEFAULT).fit(DATA, TrainingListener.NONE), PROBE, "pca-v1");
    }
    ModelContainer c = Golden.container("pca-v1");
    assertEquals(PcaModel.FORMAT_VERSION, c.payloadVersion());
    EmbeddingModel m = Plugins.load(Path.of("src/test/resources/golden/pca-v1.rsm"), EmbeddingModel.class);
    assertEquals("pca", m.providerName());
    Golden.assertEmbeds(m, PROBE, "pca-v1");
  }
}
