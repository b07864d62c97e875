package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.TrainingListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaAutoencoderTest {
  @TempDir
  Path dir;

  static AutoencoderConfig small(long seed) {
    return AutoencoderConfig.builder().seed(seed).epochs(15).batchSize(64).hiddenSizes(List.of(24)).bottleneck(4)
        .build();
  }

  @Test
  void sameSeedSameWeightsAndVectorsOtherSeedOtherWeights() {
    FeatureMatrix x = TestData.latent(600, 10, 3, 0.2, 1);
    PcaAutoencoderModel a = new PcaAutoencoderEmbedder(small(7)).fit(x, TrainingListener.NONE);
    PcaAutoencoderModel b = new PcaAutoencoderEmbedder(small(7)).fit(x, TrainingListener.NONE);
    PcaAutoencoderModel c = new PcaAutoencoderEmbedder(small(8)).fit(x, TrainingListener.NONE);
    assertArrayEquals(a.parameters(), b.parameters());
    assertEquals(a.embedAll(x), b.embedAll(x));
    assertFalse(java.util.Arrays.equals(a.parameters(), c.parameters()));
  }

  @Test
  void nd4jTrainingKernelIsDeterministicAndCloseToJava() {
    FeatureMatrix x = TestData.latent(500, 10, 3, 0.2, 6);
    AutoencoderConfig nd4j = small(7).toBuilder().kernel(AutoencoderConfig.Kernel.ND4J).build();
    PcaAutoencoderModel a = new PcaAutoencoderEmbedder(nd4j).fit(x, TrainingListener.NONE);
    PcaAutoencoderModel b = new PcaAutoencoderEmbedder(nd4j).fit(x, TrainingListener.NONE);
    assertArrayEquals(a.parameters(), b.parameters());
    PcaAutoencoderModel java = new PcaAutoencoderEmbedder(small(7)).fit(x, TrainingListener.NONE);
    // different summation order in the products only: the trained weights stay close
    float[] pa = a.parameters();
    float[] pj = java.parameters();
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < pa.length; i++) {
      diff += (pa[i] - pj[i]) * (pa[i] - pj[i]);
      norm += pj[i] * pj[i];
    }
    assertTrue(Math.sqrt(diff / norm) < 1e-2, "relative weight difference " + Math.sqrt(diff / norm));
  }

  @Test
  void embeddingsAreUnitLengthAndReportIsComplete() {
    FeatureMatrix x = TestData.latent(800, 12, 3, 0.1, 2);
    List<String> messages = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    AutoencoderFit fit = new PcaAutoencoderEmbedder(small(3)).fitWithReport(x, new TrainingListener() {
      @Override
      public void epochEnd(int epoch, int totalEpochs, double trainLoss, double validationLoss) {
        losses.add(trainLoss);
        assertTrue(Double.isFinite(validationLoss));
      }

      @Override
      public void message(String text) {
        messages.add(text);
      }
    });
    FeatureMatrix e = fit.model().embedAll(x);
    for (int i = 0; i < e.rows(); i++) {
      double s = 0;
      for (float v : e.row(i)) {
        s += v * v;
      }
      assertEquals(1.0, s, 1e-5);
    }
    EmbeddingQualityReport r = fit.report();
    assertEquals(800, r.rows());
    assertEquals(80, r.reconstruction().heldOutRows());
    assertEquals(12, r.explainedVarianceRatio().size());
    assertEquals(1.0, r.cumulativeExplainedVarianceRatio().get(11), 1e-9);
    assertEquals(losses.size(), r.training().epochsRun());
    assertTrue(losses.get(losses.size() - 1) < losses.get(0), losses.toString());
    assertTrue(messages.get(0).startsWith("PCA: "), messages.toString());
    // three latent factors: a 4-dimensional bottleneck reconstructs about as well as 4 principal components
    assertTrue(r.reconstruction().autoencoderMse() < 0.25 * r.reconstruction().totalVariance(), r.toString());
    assertTrue(r.reconstruction().pcaSameDimensionMse() <= r.reconstruction().totalVariance());
  }

  @Test
  void saveLoadRoundTripEmbedsIdentically() throws Exception {
    FeatureMatrix x = TestData.latent(300, 8, 3, 0.2, 4);
    PcaAutoencoderModel m = new PcaAutoencoderEmbedder(small(5)).fit(x, TrainingListener.NONE);
    Path file = dir.resolve("m.rsm");
    m.save(file);
    ModelContainer c = ModelContainer.readFrom(file);
    assertEquals("pca-autoencoder", c.provider());
    assertEquals(5, c.provenance().seed());
    assertEquals(dev.recsys.core.io.Fingerprint.of(x), c.provenance().dataFingerprint());
    PcaAutoencoderModel back = new PcaAutoencoderPlugin().load(c);
    assertEquals(m.embedAll(x), back.embedAll(x));
    assertEquals(m.config(), back.config());
    assertArrayEquals(m.parameters(), back.parameters());
    // a loaded model saves to the same payload
    assertArrayEquals(m.toContainer().payload(), back.toContainer().payload());
  }

  @Test
  void corruptedModelsGiveOnlyModelFormatExceptions() throws Exception {
    FeatureMatrix x = TestData.latent(120, 6, 3, 0.2, 4);
    Path ae = dir.resolve("pca-autoencoder.rsm");
    new PcaAutoencoderEmbedder(small(5)).fit(x, TrainingListener.NONE).save(ae);
    var r1 = dev.recsys.core.reliability.ContainerFuzzer.fuzz(ae, dir.resolve("fuzz-ae"),
        file -> new PcaAutoencoderPlugin().load(ModelContainer.readFrom(file)), dev.recsys.core.reliability.Stress.cases(90, 1800), 12);
    Path pca = dir.resolve("pca.rsm");
    new PcaEmbedder(PcaConfig.DEFAULT).fit(x, TrainingListener.NONE).save(pca);
    var r2 = dev.recsys.core.reliability.ContainerFuzzer.fuzz(pca, dir.resolve("fuzz-pca"),
        file -> new PcaPlugin().load(ModelContainer.readFrom(file)), dev.recsys.core.reliability.Stress.cases(90, 1800), 13);
    System.out.println("pca-autoencoder container fuzzing: " + r1 + "; pca container fuzzing: " + r2);
  }

  @Test
  void refusesOtherProvidersAndNewerVersions() throws Exception {
    FeatureMatrix x = TestData.latent(100, 5, 2, 0.2, 4);
    ModelContainer pca = new PcaEmbedder(PcaConfig.DEFAULT).fit(x, TrainingListener.NONE).toContainer();
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PcaAutoencoderPlugin().load(pca));
    assertTrue(e.getMessage().contains("'pca'"), e.getMessage());
    ModelContainer newer = new ModelContainer(pca.provider(), 99, pca.configJson(), pca.provenance(), pca.payload());
    e = assertThrows(ModelFormatException.class, () -> new PcaPlugin().load(newer));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  /**
   * A model saved in format version 1 (before the code centre) still loads and embeds to the vectors recorded with
   * it, with a zero centre. Version 1 is frozen: this build writes version 2.
   */
  @Test
  void goldenVersion1ModelLoadsAndEmbedsToRecordedVectors() throws Exception {
    FeatureMatrix probe = TestData.latent(5, 6, 2, 0.3, 99);
    PcaAutoencoderModel m = new PcaAutoencoderPlugin().load(Golden.container("pca-autoencoder-v1"));
    assertArrayEquals(new float[m.dimension()], m.codeCentre());
    Golden.assertEmbeds(m, probe, "pca-autoencoder-v1");
  }

  /**
   * A model saved by an earlier build in format version 2 (with the code centre) still loads and embeds to the
   * vectors recorded with it. Regenerate with -Drecsys.golden.write=true only on a deliberate format change.
   */
  @Test
  void goldenVersion2ModelLoadsAndEmbedsToRecordedVectors() throws Exception {
    FeatureMatrix probe = TestData.latent(5, 6, 2, 0.3, 99);
    if (Golden.writing()) {
      PcaAutoencoderModel m = new PcaAutoencoderEmbedder(AutoencoderConfig.builder().seed(1).epochs(5).batchSize(32)
          .hiddenSizes(List.of(8)).bottleneck(3).kernel(AutoencoderConfig.Kernel.JAVA).build())
          .fit(TestData.latent(200, 6, 2, 0.3, 42), TrainingListener.NONE);
      Golden.write(m, probe, "pca-autoencoder-v2");
    }
    PcaAutoencoderModel m = new PcaAutoencoderPlugin().load(Golden.container("pca-autoencoder-v2"));
    assertEquals(2, Golden.container("pca-autoencoder-v2").payloadVersion());
    Golden.assertEmbeds(m, probe, "pca-autoencoder-v2");
  }

  @Test
  void pluginsAreFoundByNameAndConfigsParse() throws Exception {
    PluginRegistry<EmbedderPlugin> reg = PluginRegistry.load(EmbedderPlugin.class);
    assertEquals("pca-autoencoder", reg.get("pca-autoencoder").name());
    assertEquals("pca", reg.get("pca").name());
    var pipeline = ConfigLoader.standard().parse("""
        {"embedder": {"type": "pca-autoencoder", "params": {"bottleneck": 8, "activation": "ELU",
          "training": {"epochs": 3, "batchSize": 128, "seed": 9,
            "optimizer": {"kind": "ADAM", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
              "momentum": 0, "weightDecay": 0, "clipNorm": 0},
            "schedule": {"kind": "COSINE", "stepEpochs": 1, "factor": 1, "patience": 1, "minDelta": 0, "minLearningRate": 0},
            "earlyStopping": {"enabled": false, "patience": 1, "minDelta": 0, "restoreBest": false, "mode": "MINIMIZE"}}}}}
        """, "test.json", false);
    AutoencoderConfig c = pipeline.component("embedder", EmbedderPlugin.class).orElseThrow().config(AutoencoderConfig.class);
    assertEquals(8, c.bottleneck());
    assertEquals(Activation.ELU, c.activation());
    assertEquals(9, c.training().seed());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PcaEmbedder(PcaConfig.DEFAULT).fit(TestData.latent(50, 4, 2, 0.1, 1), TrainingListener.NONE).toContainer().write(out);
    assertEquals("pca", ModelContainer.read(new ByteArrayInputStream(out.toByteArray()), "mem").provider());
  }

  @Test
  void configValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderConfig.builder().bottleneck(0).build());
    assertEquals("bottleneck must be in [1, 1024]; bottleneck=0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AutoencoderConfig.builder().validationFraction(0.9).build());
    assertTrue(e.getMessage().startsWith("validationFraction must be in [0.0, 0.5]"), e.getMessage());
    assertTrue(AutoencoderConfig.DEFAULT.toString().contains("bottleneck=16"));
  }
}
