package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.TrainingListener;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PlaylistContrastiveTest {
  private static final int ROWS = 480;
  private static final int CLUSTERS = 8;

  /**
   * Rows of 8 clusters: 3 informative columns (cluster centre plus noise) and 5 loud columns of pure noise, so that
   * unsupervised neighbourhoods are mostly noise and co-occurrence must teach the encoder which columns matter.
   */
  static FeatureMatrix world(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[CLUSTERS][3];
    for (double[] c : centres) {
      for (int j = 0; j < 3; j++) {
        c[j] = 1.5 * r.nextGaussian();
      }
    }
    float[][] x = new float[ROWS][8];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) (centres[cluster(i)][j] + 0.4 * r.nextGaussian());
      }
      for (int j = 3; j < 8; j++) {
        x[i][j] = (float) (2.0 * r.nextGaussian());
      }
    }
    return FeatureMatrix.ofRows(x);
  }

  static int cluster(int row) {
    return row % CLUSTERS;
  }

  /** Playlists of 8 rows of one cluster, drawn from the first {@code usable} rows only. */
  static int[][] playlists(int count, int usable, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] out = new int[count][8];
    for (int p = 0; p < count; p++) {
      int c = p % CLUSTERS;
      for (int m = 0; m < 8; m++) {
        out[p][m] = c + CLUSTERS * r.nextInt(usable / CLUSTERS);
      }
    }
    return out;
  }

  static ContrastiveConfig config(long seed) {
    return ContrastiveConfig.builder().autoencoder(AutoencoderConfig.builder().seed(seed).epochs(15).batchSize(64)
        .hiddenSizes(List.of(16)).bottleneck(4).kernel(AutoencoderConfig.Kernel.JAVA).build()).epochs(40).batchSize(64)
        .optimizer(dev.recsys.core.training.OptimizerConfig.adam(3e-3)).build();
  }

  /** Share of each row's 10 nearest neighbours in its cluster, over rows that were in no playlist. */
  static double clusterAgreementOfUnseenRows(FeatureMatrix vectors, int firstUnseen) {
    int[][] labels = new int[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = new int[] {cluster(i)};
    }
    double[] a = new NeighbourhoodQuality(10).evaluatePerItem("e", vectors,
        List.of(new NeighbourhoodQuality.Labels("cluster", labels))).get(0).agreement();
    return Arrays.stream(a, firstUnseen, ROWS).average().orElseThrow();
  }

  @Test
  void fineTuneOnPlaylistsImprovesNeighboursOfTracksInNoPlaylist() {
    FeatureMatrix x = world(1);
    int usable = 320;
    int[][] groups = playlists(60, usable, 2);
    PlaylistContrastiveModel tuned = new PlaylistContrastiveEmbedder(config(3)).fit(x, groups, TrainingListener.NONE);
    PcaAutoencoderModel base = new PcaAutoencoderEmbedder(config(3).autoencoder()).fit(x, TrainingListener.NONE);
    double before = clusterAgreementOfUnseenRows(base.embedAll(x), usable);
    double after = clusterAgreementOfUnseenRows(tuned.embedAll(x), usable);
    assertTrue(after > before + 0.15, "cluster agreement of unseen rows: autoencoder " + before + ", tuned " + after);
  }

  @Test
  void deterministicSavesAndLoadsBitForBitAndIsFoundByName() throws Exception {
    FeatureMatrix x = world(4);
    int[][] groups = playlists(30, ROWS, 5);
    PlaylistContrastiveModel a = new PlaylistContrastiveEmbedder(config(6)).fit(x, groups, TrainingListener.NONE);
    PlaylistContrastiveModel b = new PlaylistContrastiveEmbedder(config(6)).fit(x, groups, TrainingListener.NONE);
    assertEquals(a.embedAll(x), b.embedAll(x));
    PluginRegistry<EmbedderPlugin> reg = PluginRegistry.load(EmbedderPlugin.class);
    EmbedderPlugin<?> plugin = reg.get(PlaylistContrastivePlugin.NAME);
    assertEquals(PlaylistContrastivePlugin.NAME, plugin.name());
    var loaded = plugin.load(ModelContainer.read(new java.io.ByteArrayInputStream(bytes(a.toContainer())), "mem"));
    assertEquals(a.embedAll(x), loaded.embedAll(x));
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(a.embedAll(x).row(i), loaded.embed(x.row(i)));
    }
  }

  @Test
  void badInputFailsWithTheRule() {
    FeatureMatrix x = world(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PlaylistContrastiveEmbedder(config(1)).fit(x, new int[][] {{0, 1}, {2, ROWS}}, TrainingListener.NONE));
    assertTrue(e.getMessage().contains("groups[1] holds row " + ROWS), e.getMessage());
    assertThrows(UnsupportedOperationException.class,
        () -> new PlaylistContrastiveEmbedder(config(1)).fit(x, TrainingListener.NONE));
    assertThrows(IllegalArgumentException.class,
        () -> new PlaylistContrastiveEmbedder(config(1)).fit(x, new int[][] {{0}, {1}}, TrainingListener.NONE));
    assertThrows(IllegalArgumentException.class, () -> ContrastiveConfig.builder().temperature(0).build());
  }

  private static final PlaylistContrastiveModel PROPERTY_MODEL = new PlaylistContrastiveEmbedder(config(9)).fit(
      world(9), playlists(30, ROWS, 9), TrainingListener.NONE);

  /** Any feature row embeds to a unit vector, alone and in a batch to the same bits. */
  @Property(tries = 50)
  void embeddingsAreUnitVectorsAndBatchEqualsSingle(
      @ForAll @Size(8) List<@FloatRange(min = -50, max = 50) Float> values) {
    float[] row = new float[8];
    for (int j = 0; j < 8; j++) {
      row[j] = values.get(j);
    }
    float[] e = PROPERTY_MODEL.embed(row);
    double norm = 0;
    for (float v : e) {
      norm += v * v;
    }
    assertEquals(1.0, norm, 1e-4);
    assertArrayEquals(e, PROPERTY_MODEL.embedAll(FeatureMatrix.ofRows(new float[][] {row})).row(0));
  }

  /**
   * A model saved by an earlier build (src/test/resources/golden) still loads and embeds to the vectors recorded
   * with it. Regenerate with -Drecsys.golden.write=true only on a deliberate format change.
   */
  @Test
  void goldenModelLoadsAndEmbedsToRecordedVectors() throws Exception {
    FeatureMatrix probe = world(99).selectRows(new int[] {0, 1, 2, 3, 4});
    if (Golden.writing()) {
      Golden.write(new PlaylistContrastiveEmbedder(config(1)).fit(world(1), playlists(30, ROWS, 1),
          TrainingListener.NONE), probe, "playlist-contrastive-v1");
    }
    Golden.assertEmbeds(new PlaylistContrastivePlugin().load(Golden.container("playlist-contrastive-v1")), probe,
        "playlist-contrastive-v1");
  }

  private static byte[] bytes(ModelContainer c) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    c.write(out);
    return out.toByteArray();
  }
}
