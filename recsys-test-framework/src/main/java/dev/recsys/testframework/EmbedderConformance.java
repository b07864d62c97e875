package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.spi.TrainingListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Embedder} and its {@link EmbeddingModel} must meet. Implement {@link #newEmbedder}
 * (same seed, same model) and {@link #plugin()} (reads saved models back).
 */
public abstract class EmbedderConformance {
  /** For subclasses, which JUnit instantiates once per test. */
  protected EmbedderConformance() {}

  /**
   * A fresh embedder configured with {@code seed}.
   *
   * @param seed the seed of the embedder's randomness
   * @return a new embedder that has not been fitted
   */
  protected abstract Embedder newEmbedder(long seed);

  /**
   * The plugin that loads saved models.
   *
   * @return the plugin whose {@code load} reads the embedder's saved models
   */
  protected abstract EmbedderPlugin<?> plugin();

  /**
   * Correlated test data: 400 rows of 12 features driven by 3 latent factors plus noise.
   *
   * @return the same 400 x 12 matrix on every call (seed 11)
   */
  protected FeatureMatrix data() {
    SplittableRandom r = new SplittableRandom(11);
    float[][] rows = new float[400][12];
    for (float[] row : rows) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      double c = r.nextGaussian();
      for (int j = 0; j < 12; j++) {
        row[j] = (float) (a * Math.sin(j + 1) + b * Math.cos(2 * j) + c * (j % 3) + 0.05 * r.nextGaussian());
      }
    }
    return FeatureMatrix.ofRows(rows);
  }

  /** Embedding the rows one by one gives the same bits as embedding them as a batch. */
  @Test
  public void singleRowAndBatchGiveIdenticalVectors() {
    FeatureMatrix x = data();
    EmbeddingModel m = newEmbedder(1).fit(x, TrainingListener.NONE);
    FeatureMatrix all = m.embedAll(x);
    assertEquals(x.rows(), all.rows());
    assertEquals(m.dimension(), all.cols());
    for (int i = 0; i < x.rows(); i += 37) {
      assertArrayEquals(all.row(i), m.embed(x.row(i)));
    }
  }

  /** Two embedders with the same seed fitted on the same data embed it identically. */
  @Test
  public void sameSeedSameModel() {
    FeatureMatrix x = data();
    FeatureMatrix a = newEmbedder(5).fit(x, TrainingListener.NONE).embedAll(x);
    FeatureMatrix b = newEmbedder(5).fit(x, TrainingListener.NONE).embedAll(x);
    assertEquals(a, b);
  }

  /** A second fit of the same embedder fails with {@link IllegalStateException}. */
  @Test
  public void trainerIsSingleUse() {
    Embedder e = newEmbedder(2);
    e.fit(data(), TrainingListener.NONE);
    assertThrows(IllegalStateException.class, () -> e.fit(data(), TrainingListener.NONE));
  }

  /**
   * A model written to a container and loaded through the plugin embeds the data identically.
   *
   * @throws IOException if the container cannot be written or read
   */
  @Test
  public void savedModelEmbedsIdentically() throws IOException {
    FeatureMatrix x = data();
    EmbeddingModel m = newEmbedder(3).fit(x, TrainingListener.NONE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.toContainer().write(out);
    ModelContainer c = ModelContainer.read(new ByteArrayInputStream(out.toByteArray()), "mem");
    EmbeddingModel back = plugin().load(c);
    assertEquals(m.embedAll(x), back.embedAll(x));
  }

  /** A row of the wrong width is refused naming both widths. */
  @Test
  public void wrongInputWidthIsRejected() {
    EmbeddingModel m = newEmbedder(4).fit(data(), TrainingListener.NONE);
    Errors.assertFailsNaming(IllegalArgumentException.class, () -> m.embed(new float[3]),
        String.valueOf(m.inputDimension()), "3");
  }
}
