package dev.recsys.benchmarks.eval;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.baselines.ItemKnnRecommender;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.RecommendationQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-catalogue scoring with item-kNN (100 neighbours) on MovieLens latest-small (from
 * {@code -Drecsys.shared.data=DIR} or {@code ../shared/data}; a synthetic table of the same size when absent):
 * users per second. {@code SCORE} is the sparse accumulation kernel over all 9,724 items, {@code SCORE_TOP10}
 * adds the top-10 selection, {@code RECOMMEND} is the public {@code Recommender} call with string ids, seen
 * items excluded and explanations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ItemKnnScoringBenchmark {
  /** What is timed per user. */
  public enum Stage { SCORE, SCORE_TOP10, RECOMMEND }

  @Param
  Stage stage;

  ItemKnnRecommender model;
  int[][] histories;
  List<String> userIds;
  float[] scores;
  int next;

  @Setup
  public void setup() throws IOException {
    Interactions data = load();
    model = ItemKnnRecommender.fit(data, ItemKnnRecommender.Config.defaults());
    int nu = data.users().size();
    List<List<Integer>> h = new ArrayList<>();
    for (int u = 0; u < nu; u++) {
      h.add(new ArrayList<>());
    }
    for (int r = 0; r < data.size(); r++) {
      h.get(data.user(r)).add(data.item(r));
    }
    histories = new int[nu][];
    for (int u = 0; u < nu; u++) {
      histories[u] = h.get(u).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
    userIds = data.users().ids();
    scores = new float[data.items().size()];
  }

  static Interactions load() throws IOException {
    Path dir = Path.of(System.getProperty("recsys.shared.data", "../shared/data"), "movielens-latest-small");
    if (Files.isRegularFile(dir.resolve("ratings.csv"))) {
      return Datasets.interactions("movielens:" + dir, ReadOptions.STRICT);
    }
    SplittableRandom r = new SplittableRandom(1);
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < 610; u++) {
      int n = 20 + r.nextInt(300);
      for (int i = 0; i < n; i++) {
        b.add("u" + u, "i" + (int) Math.floor(Math.pow(r.nextDouble(), 3) * 9_724), 1, i, false);
      }
    }
    return b.build();
  }

  /** Insertion-sorted top-k of unseen items (ties by index). */
  static int[] top(float[] scores, boolean[] seen, int k) {
    int[] best = new int[k];
    float[] val = new float[k];
    Arrays.fill(val, Float.NEGATIVE_INFINITY);
    Arrays.fill(best, -1);
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (seen[i] || s <= val[k - 1]) {
        continue;
      }
      int j = k - 1;
      while (j > 0 && val[j - 1] < s) {
        val[j] = val[j - 1];
        best[j] = best[j - 1];
        j--;
      }
      val[j] = s;
      best[j] = i;
    }
    return best;
  }

  @Benchmark
  public Object user() {
    int u = next;
    next = (next + 1) % histories.length;
    switch (stage) {
      case SCORE -> {
        model.scoreAll(histories[u], scores);
        return scores;
      }
      case SCORE_TOP10 -> {
        model.scoreAll(histories[u], scores);
        boolean[] seen = new boolean[scores.length];
        for (int h : histories[u]) {
          seen[h] = true;
        }
        return top(scores, seen, 10);
      }
      case RECOMMEND -> {
        return model.recommend(RecommendationQuery.forListener(userIds.get(u), 10));
      }
      default -> throw new AssertionError(Arrays.toString(Stage.values()));
    }
  }
}
