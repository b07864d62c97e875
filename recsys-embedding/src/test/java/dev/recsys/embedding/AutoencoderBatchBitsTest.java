package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** One track embedded alone gives the same bits as the same track inside a batch, wherever it sits in the batch. */
class AutoencoderBatchBitsTest {
  private static final FeatureMatrix DATA = TestData.latent(400, 10, 3, 0.2, 6);
  private static final PcaAutoencoderModel MODEL = new PcaAutoencoderEmbedder(PcaAutoencoderTest.small(7))
      .fit(DATA, TrainingListener.NONE);

  @Property(tries = 40)
  void singleAndBatchEmbeddingsAgreeBitForBit(@ForAll @IntRange(min = 1, max = 37) int rows,
      @ForAll @IntRange(min = 0, max = 362) int first) {
    float[] x = new float[rows * DATA.cols()];
    System.arraycopy(DATA.data(), first * DATA.cols(), x, 0, x.length);
    FeatureMatrix batch = MODEL.embedAll(new FeatureMatrix(rows, DATA.cols(), x, DATA.columns()));
    for (int r = 0; r < rows; r++) {
      assertArrayEquals(MODEL.embed(DATA.row(first + r)), batch.row(r), "row " + r + " of a batch of " + rows);
    }
  }
}
