package dev.recsys.graph.gat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.graph.gat.internal.ContentGatNetwork;
import dev.recsys.graph.gat.internal.ContentGatTrainable;
import dev.recsys.graph.gat.internal.TrackContent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The content GAT computes the same bits whatever the number of threads it runs on. */
class GatV2ThreadsTest {
  private static <T> T on(int threads, Callable<T> work) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(work).get();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void gradientAndEmbeddingsAreTheSameOnOneAndSeveralThreads() throws Exception {
    var world = GatFixtures.small();
    HeteroGraph g = HeteroGraph.build(world.catalog(), world.interactions(), GraphConfig.defaults());
    ContentGatNetwork net = new ContentGatNetwork(g, TrackContent.build(g, world.catalog()), 16, new int[] {4, 4});
    float[] p = net.initialParameters(5);
    ContentGatTrainable tr = new ContentGatTrainable(net, p, 20, 64, 0.1, 0.3, new int[0][], new int[0][]);
    // a batch large enough for several chunks of the shared matrices' partial sums
    int[] batch = IntStream.range(0, Math.min(256, tr.trainingExamples())).map(i -> (i * 7) % tr.trainingExamples())
        .toArray();
    float[] one = new float[p.length];
    float[] two = new float[p.length];
    float[] four = new float[p.length];
    double lossOne = on(1, () -> tr.gradient(batch, one, 11));
    double lossTwo = on(2, () -> tr.gradient(batch, two, 11));
    double lossFour = on(4, () -> tr.gradient(batch, four, 11));
    assertEquals(lossOne, lossTwo);
    assertEquals(lossOne, lossFour);
    assertArrayEquals(one, two);
    assertArrayEquals(one, four);
    long nonZero = IntStream.range(0, one.length).filter(i -> one[i] != 0f).count();
    assertTrue(nonZero > 1000, "gradient too sparse to compare: " + nonZero);
    for (boolean candidates : new boolean[] {false, true}) {
      var a = on(1, () -> net.embedAll(p, candidates));
      var b = on(2, () -> net.embedAll(p, candidates));
      assertArrayEquals(a.vectors(), b.vectors());
      assertArrayEquals(a.alpha(), b.alpha());
    }
  }

  @Test
  void aFitRecommendsTheSameOnOneAndTwoThreads() throws Exception {
    var w = GatFixtures.small();
    GatV2Config config = GatV2ModelTest.quick(2);
    GatV2Model one = on(1, () -> new GatV2Trainer(config).fit(w.catalog(), w.interactions(), TrainingListener.NONE));
    GatV2Model two = on(2, () -> new GatV2Trainer(config).fit(w.catalog(), w.interactions(), TrainingListener.NONE));
    List<String> ids = w.catalog().ids().ids();
    List<List<Recommendation>> a = new ArrayList<>();
    List<List<Recommendation>> b = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      RecommendationQuery q = RecommendationQuery.forSeeds(List.of(ids.get(s * 31), ids.get(s * 31 + 7)), 10);
      a.add(one.recommender("gat").recommend(q));
      b.add(two.recommender("gat").recommend(q));
    }
    assertEquals(a, b);
    assertEquals(one.blend(), two.blend());
  }
}
