package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.EmbeddingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden model files under {@code src/test/resources/golden}: {@code NAME.rsm} (a saved model) and
 * {@code NAME.vectors} (the float bits of the probe rows' embeddings). Written only with
 * {@code -Drecsys.golden.write=true}, on a deliberate format change. After a deliberate change of the inference
 * arithmetic (which changes the last bits of embeddings, not the saved models), the vectors alone are re-derived
 * from the saved models with {@code -Drecsys.golden.vectors=true}.
 */
final class Golden {
  private static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  /** Whether this run (re)writes golden files. */
  static boolean writing() {
    return Boolean.getBoolean("recsys.golden.write");
  }

  /** Saves {@code model} and its embeddings of {@code probe} as golden {@code name}. */
  static void write(EmbeddingModel model, FeatureMatrix probe, String name) throws IOException {
    model.save(DIR.resolve(name + ".rsm"));
    writeVectors(model, probe, name);
  }

  /** Records the embeddings of {@code probe} by {@code model} as the vectors of golden {@code name}. */
  private static void writeVectors(EmbeddingModel model, FeatureMatrix probe, String name) throws IOException {
    StringBuilder sb = new StringBuilder();
    FeatureMatrix e = model.embedAll(probe);
    for (int i = 0; i < e.rows(); i++) {
      for (int j = 0; j < e.cols(); j++) {
        sb.append(j == 0 ? "" : ",").append(Float.floatToIntBits(e.get(i, j)));
      }
      sb.append('\n');
    }
    Files.writeString(DIR.resolve(name + ".vectors"), sb.toString());
  }

  /** The golden container {@code name}. */
  static ModelContainer container(String name) throws IOException {
    return ModelContainer.readFrom(DIR.resolve(name + ".rsm"));
  }

  /** Checks that {@code model} embeds every probe row to the recorded bits of golden {@code name}. */
  static void assertEmbeds(EmbeddingModel model, FeatureMatrix probe, String name) throws IOException {
    if (Boolean.getBoolean("recsys.golden.vectors")) {
      writeVectors(model, probe, name);
    }
    List<String> lines = Files.readString(DIR.resolve(name + ".vectors"), StandardCharsets.UTF_8).lines().toList();
    assertEquals(probe.rows(), lines.size());
    for (int i = 0; i < probe.rows(); i++) {
      String[] bits = lines.get(i).split(",");
      float[] expected = new float[bits.length];
      for (int j = 0; j < bits.length; j++) {
        expected[j] = Float.intBitsToFloat(Integer.parseInt(bits[j]));
      }
      assertArrayEquals(expected, model.embed(probe.row(i)), name + ": probe row " + i);
    }
  }
}
