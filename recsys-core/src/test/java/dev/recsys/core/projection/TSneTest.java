package dev.recsys.core.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TSneTest {
  private static final int CLUSTERS = 4;
  private static final int PER_CLUSTER = 40;

  /** Well-separated Gaussian clusters in 12 dimensions: centres 10 apart, spread 1. Row i is in cluster i % CLUSTERS. */
  static FeatureMatrix clusters(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int d = 12;
    float[][] centres = new float[CLUSTERS][d];
    for (int c = 0; c < CLUSTERS; c++) {
      centres[c][c] = 10;
    }
    float[][] rows = new float[CLUSTERS * PER_CLUSTER][d];
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0; a < d; a++) {
        rows[i][a] = centres[i % CLUSTERS][a] + (float) r.nextGaussian();
      }
    }
    return FeatureMatrix.ofRows(rows);
  }

  private static TSne.Config config(int threads) {
    return TSne.Config.defaults(11).withIterations(400).withPerplexity(15).withThreads(threads);
  }

  @Test
  void sameMapWhateverTheThreadCount() {
    FeatureMatrix x = clusters(3);
    Projection2D one = TSne.fit(x, config(1), ProgressListener.NONE);
    Projection2D three = TSne.fit(x, config(3), ProgressListener.NONE);
    assertArrayEquals(one.xs(), three.xs());
    assertArrayEquals(one.ys(), three.ys());
  }

  @Test
  void theSeedDecidesTheStartingMap() {
    FeatureMatrix x = clusters(3);
    Projection2D a = TSne.fit(x, config(2), ProgressListener.NONE);
    Projection2D b = TSne.fit(x, new TSne.Config(15, 400, 200, 100, 12, 12, 2), ProgressListener.NONE);
    assertFalse(Arrays.equals(a.xs(), b.xs()));
  }

  @Test
  void separatesWellSeparatedClusters() {
    FeatureMatrix x = clusters(5);
    Projection2D map = TSne.fit(x, config(2), ProgressListener.NONE);
    int k = 10;
    int agree = 0;
    for (int i = 0; i < map.size(); i++) {
      for (int j : nearest(map, i, k)) {
        if (j % CLUSTERS == i % CLUSTERS) {
          agree++;
        }
      }
    }
    double sameCluster = agree / (double) (map.size() * k);
    assertTrue(sameCluster > 0.98, "share of map neighbours in the same cluster: " + sameCluster);
    double t = Projection2D.trustworthiness(x, map, k);
    assertTrue(t > 0.9, "trustworthiness " + t);
  }

  @Test
  void aRandomMapIsLessTrustworthy() {
    FeatureMatrix x = clusters(5);
    SplittableRandom r = new SplittableRandom(1);
    double[] rx = new double[x.rows()];
    double[] ry = new double[x.rows()];
    for (int i = 0; i < rx.length; i++) {
      rx[i] = r.nextDouble();
      ry[i] = r.nextDouble();
    }
    double random = Projection2D.trustworthiness(x, new Projection2D(rx, ry), 10);
    double tsne = Projection2D.trustworthiness(x, TSne.fit(x, config(2), ProgressListener.NONE), 10);
    assertTrue(random < 0.7 && tsne > random + 0.2, "random " + random + ", t-SNE " + tsne);
  }

  @Test
  void reportsEachIteration() {
    List<long[]> seen = new ArrayList<>();
    TSne.fit(clusters(1), config(1).withIterations(20), (stage, done, total) -> {
      assertEquals("t-SNE", stage);
      seen.add(new long[] {done, total});
    });
    assertArrayEquals(new long[] {20, 20}, seen.get(seen.size() - 1));
    assertEquals(21, seen.size());
  }

  @Test
  void rejectsTooManyOrTooFewRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TSne.fit(new FeatureMatrix(TSne.MAX_POINTS + 1, 1, new float[TSne.MAX_POINTS + 1], List.of("a")),
            config(1), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("5000") && e.getMessage().contains("sample"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TSne.fit(FeatureMatrix.ofRows(new float[][] {{1}}), config(1), ProgressListener.NONE));
  }

  private static int[] nearest(Projection2D map, int i, int k) {
    Integer[] order = new Integer[map.size()];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (p, q) -> Double.compare(d2(map, i, p), d2(map, i, q)));
    return Arrays.stream(order).filter(j -> j != i).limit(k).mapToInt(Integer::intValue).toArray();
  }

  private static double d2(Projection2D m, int i, int j) {
    double dx = m.x(i) - m.x(j);
    double dy = m.y(i) - m.y(j);
    return dx * dx + dy * dy;
  }
}
