package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quality properties of the trained autoencoder on generated data, where the right answer is known. */
class AutoencoderQualityTest {

  /**
   * Rows on a curved two-dimensional surface in eight dimensions: no plane holds them, so two principal components
   * cannot reconstruct them, while a network with a two-dimensional bottleneck can unfold the surface.
   */
  static FeatureMatrix curvedSurface(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] out = new float[rows][];
    for (int i = 0; i < rows; i++) {
      double u = 2 * r.nextDouble() - 1;
      double v = 2 * r.nextDouble() - 1;
      out[i] = new float[] {(float) Math.sin(Math.PI * u), (float) Math.cos(Math.PI * u), (float) (u * v),
          (float) (v * v), (float) Math.tanh(2 * v), (float) (u + 0.5 * v), (float) Math.sin(Math.PI * v),
          (float) (u * u - v)};
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] += (float) (0.02 * r.nextGaussian());
      }
    }
    return FeatureMatrix.ofRows(out);
  }

  @Test
  void trainedAutoencoderReconstructsHeldOutRowsBetterThanPcaOfTheSameWidth() {
    FeatureMatrix x = curvedSurface(3000, 5);
    AutoencoderConfig c = AutoencoderConfig.builder().pca(PcaConfig.ofVariance(1.0)).hiddenSizes(List.of(32, 16))
        .bottleneck(2).epochs(80).batchSize(64).seed(3).kernel(AutoencoderConfig.Kernel.JAVA).build();
    EmbeddingQualityReport.Reconstruction rec = new PcaAutoencoderEmbedder(c).fitWithReport(x, TrainingListener.NONE)
        .report().reconstruction();
    assertEquals(300, rec.heldOutRows());
    // the held-out rows were seen neither by PCA nor by the network; a network no better than a plane fails here
    assertTrue(rec.autoencoderMse() < 0.5 * rec.pcaSameDimensionMse(), rec.toString());
  }

  /**
   * Tracks of 40 artists: each artist's tracks share a position in two low-variance "style" columns, while four
   * high-variance columns are noise unrelated to the artist. Cosine neighbours of the raw rows (and of a plain
   * autoencoder, which spends its code on the variance) mostly ignore the style; the group-contrastive term learns from
   * the artists of the training rows to rank by style, and it generalises to new tracks of the same artists.
   */
  @Test
  void artistContrastiveTermMakesNeighboursOfNewTracksShareTheirArtist() {
    int artists = 40;
    SplittableRandom r = new SplittableRandom(11);
    double[][] style = new double[artists][2];
    for (double[] s : style) {
      s[0] = r.nextGaussian();
      s[1] = r.nextGaussian();
    }
    FeatureMatrix train = artistRows(style, 30, r);
    FeatureMatrix fresh = artistRows(style, 10, r);
    int[][] groups = new int[artists][30];
    for (int i = 0; i < artists * 30; i++) {
      groups[i % artists][i / artists] = i;
    }
    int[][] labels = new int[artists * 10][];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = new int[] {i % artists};
    }
    AutoencoderConfig c = AutoencoderConfig.builder().hiddenSizes(List.of(32)).bottleneck(4).epochs(30).batchSize(64)
        .seed(2).kernel(AutoencoderConfig.Kernel.JAVA).pca(PcaConfig.ofVariance(1.0))
        .groupContrast(new AutoencoderConfig.GroupContrast(1.0, 0.1)).build();
    PcaAutoencoderModel withGroups = new PcaAutoencoderEmbedder(c).fit(train, groups, TrainingListener.NONE);
    PcaAutoencoderModel without = new PcaAutoencoderEmbedder(c).fit(train, TrainingListener.NONE);
    NeighbourhoodQuality nq = new NeighbourhoodQuality(5);
    List<NeighbourhoodQuality.Labels> l = List.of(new NeighbourhoodQuality.Labels("artist", labels));
    double grouped = nq.evaluate("grouped", withGroups.embedAll(fresh), l).get(0).agreement();
    double plain = nq.evaluate("plain", without.embedAll(fresh), l).get(0).agreement();
    double raw = nq.evaluate("raw", fresh, l).get(0).agreement();
    assertTrue(grouped > plain + 0.15 && grouped > raw + 0.15,
        "grouped " + grouped + ", plain " + plain + ", raw " + raw);
  }

  /** Rows {@code i} of artist {@code i % artists}: two style columns near the artist's, four noise columns. */
  private static FeatureMatrix artistRows(double[][] style, int perArtist, SplittableRandom r) {
    int artists = style.length;
    float[][] rows = new float[artists * perArtist][];
    for (int i = 0; i < rows.length; i++) {
      double[] s = style[i % artists];
      rows[i] = new float[] {(float) (0.5 * s[0] + 0.1 * r.nextGaussian()), (float) (0.5 * s[1] + 0.1 * r.nextGaussian()),
          (float) (2 * r.nextGaussian()), (float) (2 * r.nextGaussian()), (float) (2 * r.nextGaussian()),
          (float) (2 * r.nextGaussian())};
    }
    return FeatureMatrix.ofRows(rows);
  }

  @Test
  void groupsAreCheckedAndIgnoredWhenTheTermIsOff() {
    FeatureMatrix x = TestData.latent(200, 6, 2, 0.2, 3);
    AutoencoderConfig off = PcaAutoencoderTest.small(4).toBuilder().groupContrast(AutoencoderConfig.GroupContrast.NONE)
        .build();
    int[][] groups = {{0, 1, 2}, {3, 4}};
    PcaAutoencoderModel a = new PcaAutoencoderEmbedder(off).fit(x, groups, TrainingListener.NONE);
    PcaAutoencoderModel b = new PcaAutoencoderEmbedder(off).fit(x, TrainingListener.NONE);
    assertArrayEquals(a.parameters(), b.parameters());
    AutoencoderConfig on = PcaAutoencoderTest.small(4);
    PcaAutoencoderModel c = new PcaAutoencoderEmbedder(on).fit(x, groups, TrainingListener.NONE);
    PcaAutoencoderModel d = new PcaAutoencoderEmbedder(on).fit(x, groups, TrainingListener.NONE);
    assertArrayEquals(c.parameters(), d.parameters());
    assertFalse(Arrays.equals(b.parameters(), c.parameters()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PcaAutoencoderEmbedder(on).fit(x, new int[][] {{0, 200}}, TrainingListener.NONE));
    assertTrue(e.getMessage().contains("row 200"), e.getMessage());
  }

  @Test
  void swapNoiseIsSeededAndChangesTraining() {
    FeatureMatrix x = TestData.latent(300, 6, 2, 0.2, 8);
    AutoencoderConfig swap = PcaAutoencoderTest.small(6).toBuilder().swapNoise(0.2).build();
    PcaAutoencoderModel a = new PcaAutoencoderEmbedder(swap).fit(x, TrainingListener.NONE);
    PcaAutoencoderModel b = new PcaAutoencoderEmbedder(swap).fit(x, TrainingListener.NONE);
    PcaAutoencoderModel plain = new PcaAutoencoderEmbedder(PcaAutoencoderTest.small(6)).fit(x, TrainingListener.NONE);
    assertArrayEquals(a.parameters(), b.parameters());
    assertFalse(Arrays.equals(a.parameters(), plain.parameters()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderConfig.builder().swapNoise(0.95).build());
    assertTrue(e.getMessage().startsWith("swapNoise must be in [0.0, 0.9]"), e.getMessage());
  }

  @Test
  void tracksAreGroupedByTheirMainArtist() {
    List<Track> tracks = new ArrayList<>();
    String[][] artists = {{"a"}, {"b", "a"}, {"a", "c"}, {}, {"b"}, {"d"}};
    for (int i = 0; i < artists.length; i++) {
      tracks.add(Track.builder("t" + i).artists(Arrays.stream(artists[i]).map(ArtistRef::named).toList()).build());
    }
    int[][] groups = TrackGroups.byArtist(Catalog.of(tracks));
    assertEquals(2, groups.length);
    assertArrayEquals(new int[] {0, 2}, groups[0]);
    assertArrayEquals(new int[] {1, 4}, groups[1]);
  }
}
