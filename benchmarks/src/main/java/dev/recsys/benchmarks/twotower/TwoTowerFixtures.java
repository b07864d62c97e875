package dev.recsys.benchmarks.twotower;

import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import dev.recsys.embedding.twotower.TowerRow;
import dev.recsys.embedding.twotower.TrainingPairs;
import java.util.SplittableRandom;

/**
 * Shapes of the benchmarks, sized like the MovieLens recommendation job: 10,000 listeners and tracks with 32-wide
 * id embeddings, a 20-track recent-history bag, a 40-wide profile, 20 genres, one 128-wide hidden layer and 64-wide
 * outputs.
 */
final class TwoTowerFixtures {
  static final int USERS = 10_000;
  static final int ITEMS = 10_000;
  static final FeatureSchema QUERY = FeatureSchema.of(new FeatureInput.Id("listener", USERS, 64, 32),
      new FeatureInput.MultiHot("recent", ITEMS, 32), new FeatureInput.Dense("profile", 40));
  static final FeatureSchema ITEM = FeatureSchema.of(new FeatureInput.Id("track", ITEMS, 64, 32),
      new FeatureInput.Id("artist", 2_000, 64, 8), new FeatureInput.MultiHot("genre", 20, 8),
      new FeatureInput.Dense("content", 15));

  private TwoTowerFixtures() {}

  static TowerRow queryRow(SplittableRandom r) {
    int[] recent = new int[20];
    for (int j = 0; j < recent.length; j++) {
      recent[j] = r.nextInt(ITEMS);
    }
    float[] profile = new float[40];
    for (int j = 0; j < profile.length; j++) {
      profile[j] = (float) r.nextGaussian();
    }
    return new TowerRow(new int[] {r.nextInt(USERS)}, new int[][] {recent}, profile);
  }

  static TowerRow itemRow(int item, SplittableRandom r) {
    float[] content = new float[15];
    for (int j = 0; j < content.length; j++) {
      content[j] = (float) r.nextGaussian();
    }
    return new TowerRow(new int[] {item, item % 2_000}, new int[][] {{item % 20, (item / 20) % 20}}, content);
  }

  /** Random (listener, track) pairs; rows are generated up front so the benchmark measures training only. */
  static TrainingPairs pairs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    TowerRow[] q = new TowerRow[n];
    TowerRow[] it = new TowerRow[n];
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      q[i] = queryRow(r);
      keys[i] = r.nextInt(ITEMS);
      it[i] = itemRow(keys[i], r);
    }
    return new TrainingPairs() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public TowerRow query(int e) {
        return q[e];
      }

      @Override
      public TowerRow item(int e) {
        return it[e];
      }

      @Override
      public int itemKey(int e) {
        return keys[e];
      }
    };
  }
}
