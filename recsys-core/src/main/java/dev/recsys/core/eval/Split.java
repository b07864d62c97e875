package dev.recsys.core.eval;

import dev.recsys.core.model.Interactions;
import java.util.Arrays;
import java.util.Objects;

/**
 * A train/test split of an interaction table, as made by a {@link Protocol}: the rows of the training part,
 * the rows of the test part, and per test user the held-out items that count as relevant.
 *
 * <p>Both parts share the dictionaries of the source table, so user and item indices are comparable between
 * them. A user's held-out items are the distinct items of their test rows <em>minus the items they already have
 * in training</em> (with full-catalogue ranking and seen items excluded, those could never be recommended);
 * {@link #droppedSeen()} counts the test rows removed that way. Test users are the users with at least one
 * held-out item, in increasing index order.
 *
 * <p>For session-like protocols (playlist continuation) each test user also has ordered seed items, which the
 * {@link Evaluator} passes in the query; otherwise queries name the listener only.
 *
 * <p>Immutable and thread-safe.
 */
public final class Split {
  private final String protocol;
  private final long seed;
  private final Interactions data;
  private final int[] trainRows;
  private final int[] testRows;
  private final Interactions train;
  private final Interactions test;
  private final int[] testUsers;
  private final int[][] heldOut;
  private final float[][] heldOutWeights;
  private final int[][] seeds;
  private final int droppedSeen;
  private final int[] trainUserCounts;
  private final int[] trainItemCounts;

  private Split(String protocol, long seed, Interactions data, int[] trainRows, int[] testRows, int[][] seedsByUser) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.seed = seed;
    this.data = data;
    this.trainRows = trainRows;
    this.testRows = testRows;
    this.train = data.subset(trainRows);
    this.test = data.subset(testRows);
    int nu = data.users().size();
    int ni = data.items().size();
    trainUserCounts = new int[nu];
    trainItemCounts = new int[ni];
    int[][] trainItems = distinctItemsByUser(train, nu);
    for (int u = 0; u < nu; u++) {
      trainUserCounts[u] = trainItems[u].length;
      for (int it : trainItems[u]) {
        trainItemCounts[it]++;
      }
    }
    // held-out: distinct test items per user, minus the user's training items; weight = max weight
    int[] count = new int[nu];
    for (int r = 0; r < test.size(); r++) {
      count[test.user(r)]++;
    }
    int[][] items = new int[nu][];
    float[][] weights = new float[nu][];
    for (int u = 0; u < nu; u++) {
      items[u] = new int[count[u]];
      weights[u] = new float[count[u]];
    }
    int[] fill = new int[nu];
    for (int r = 0; r < test.size(); r++) {
      int u = test.user(r);
      items[u][fill[u]] = test.item(r);
      weights[u][fill[u]] = test.weight(r);
      fill[u]++;
    }
    int dropped = 0;
    int nTest = 0;
    for (int u = 0; u < nu; u++) {
      if (items[u].length == 0) {
        continue;
      }
      long[] packed = new long[items[u].length];
      for (int j = 0; j < packed.length; j++) {
        packed[j] = ((long) items[u][j] << 32) | j;
      }
      Arrays.sort(packed);
      int m = 0;
      int[] keep = new int[packed.length];
      float[] keepW = new float[packed.length];
      for (long p : packed) {
        int it = (int) (p >>> 32);
        float w = weights[u][(int) p];
        if (Arrays.binarySearch(trainItems[u], it) >= 0) {
          dropped++;
          continue;
        }
        if (m > 0 && keep[m - 1] == it) {
          keepW[m - 1] = Math.max(keepW[m - 1], w);
          continue;
        }
        keep[m] = it;
        keepW[m] = w;
        m++;
      }
      items[u] = Arrays.copyOf(keep, m);
      weights[u] = Arrays.copyOf(keepW, m);
      if (m > 0) {
        nTest++;
      }
    }
    this.droppedSeen = dropped;
    testUsers = new int[nTest];
    heldOut = new int[nTest][];
    heldOutWeights = new float[nTest][];
    seeds = new int[nTest][];
    int p = 0;
    for (int u = 0; u < nu; u++) {
      if (items[u].length > 0) {
        testUsers[p] = u;
        heldOut[p] = items[u];
        heldOutWeights[p] = weights[u];
        seeds[p] = seedsByUser == null || seedsByUser[u] == null ? new int[0] : seedsByUser[u];
        p++;
      }
    }
  }

  /**
   * A split of {@code data} into the listed rows. Every row index must appear in exactly one of the two
   * arrays (checked).
   *
   * @param protocol a description of the protocol and its parameters (for reports)
   * @param seed the seed the protocol used
   * @param seedsByUser per user index, the ordered seed items of session-like protocols, or {@code null}
   * @throws IllegalArgumentException if the rows are not a partition of the table
   * @param data the data
   * @param trainRows the train rows
   * @param testRows the test rows
   * @return a split of {@code data} into the listed rows
   */
  public static Split of(String protocol, long seed, Interactions data, int[] trainRows, int[] testRows,
      int[][] seedsByUser) {
    boolean[] seen = new boolean[data.size()];
    for (int[] part : new int[][] {trainRows, testRows}) {
      for (int r : part) {
        if (r < 0 || r >= data.size()) {
          throw new IllegalArgumentException("row " + r + " is outside the table of " + data.size() + " rows");
        }
        if (seen[r]) {
          throw new IllegalArgumentException("row " + r + " is listed twice");
        }
        seen[r] = true;
      }
    }
    if (trainRows.length + testRows.length != data.size()) {
      throw new IllegalArgumentException("train and test rows must cover the table; " + trainRows.length + " + "
          + testRows.length + " != " + data.size());
    }
    return new Split(protocol, seed, data, trainRows.clone(), testRows.clone(), seedsByUser);
  }

  private static int[][] distinctItemsByUser(Interactions t, int nu) {
    int[][] rows = t.rowsByUser();
    int[][] out = new int[nu][];
    for (int u = 0; u < nu; u++) {
      out[u] = u < rows.length ? new int[rows[u].length] : new int[0];
      for (int i = 0; i < out[u].length; i++) {
        out[u][i] = t.item(rows[u][i]);
      }
    }
    for (int u = 0; u < nu; u++) {
      out[u] = Arrays.stream(out[u]).sorted().distinct().toArray();
    }
    return out;
  }

  /**
   * The protocol and its parameters, e.g. {@code temporal(testFraction=0.2)}.
   *
   * @return the protocol and its parameters, e.g. {@code temporal(testFraction=0.2)}
   */
  public String protocol() {
    return protocol;
  }

  /**
   * The seed the protocol used.
   *
   * @return the seed the protocol used
   */
  public long seed() {
    return seed;
  }

  /**
   * The whole table that was split.
   *
   * @return the whole table that was split
   */
  public Interactions data() {
    return data;
  }

  /**
   * The training part.
   *
   * @return the training part
   */
  public Interactions train() {
    return train;
  }

  /**
   * The test part (all held-out rows, before removing items seen in training).
   *
   * @return the test part (all held-out rows, before removing items seen in training)
   */
  public Interactions test() {
    return test;
  }

  /**
   * Row indices of {@link #data()} in the training part (a copy).
   *
   * @return the row indices of {@link #data()} in the training part (a copy)
   */
  public int[] trainRows() {
    return trainRows.clone();
  }

  /**
   * Row indices of {@link #data()} in the test part (a copy).
   *
   * @return the row indices of {@link #data()} in the test part (a copy)
   */
  public int[] testRows() {
    return testRows.clone();
  }

  /**
   * Number of test users (users with at least one held-out item).
   *
   * @return the number of test users (users with at least one held-out item)
   */
  public int numTestUsers() {
    return testUsers.length;
  }

  /**
   * The user index of the {@code p}-th test user.
   *
   * @return the user index of the {@code p}-th test user
   * @param p the 0-based position of the test user
   */
  public int testUser(int p) {
    return testUsers[p];
  }

  /**
   * The held-out items of the {@code p}-th test user, sorted ascending and distinct (the {@code relevant}
   * argument of {@link dev.recsys.core.eval.metrics.RankingMetrics}). Do not modify the returned array.
   *
   * @return the held-out items of the {@code p}-th test user, sorted ascending and distinct (the {@code relevant}
   *     argument of {@link dev.recsys.core.eval.metrics.RankingMetrics})
   * @param p the 0-based position of the test user
   */
  public int[] heldOut(int p) {
    return heldOut[p];
  }

  /**
   * The largest test weight (e.g. rating) of each held-out item, parallel to {@link #heldOut}.
   *
   * @param p the 0-based position of the test user
   * @return the largest test weight (e.g. rating) of each held-out item, parallel to {@link #heldOut}
   */
  public float[] heldOutWeights(int p) {
    return heldOutWeights[p];
  }

  /**
   * The ordered seed items of the {@code p}-th test user's query (empty for listener queries).
   *
   * @return the ordered seed items of the {@code p}-th test user's query (empty for listener queries)
   * @param p the 0-based position of the test user
   */
  public int[] seeds(int p) {
    return seeds[p];
  }

  /**
   * Number of test rows dropped from the held-out sets because the user already had the item in training.
   *
   * @return the number of test rows dropped from the held-out sets because the user already had the item in training
   */
  public int droppedSeen() {
    return droppedSeen;
  }

  /**
   * Number of distinct training items of user {@code u}.
   *
   * @return the number of distinct training items of user {@code u}
   * @param u the user index
   */
  public int trainCountOfUser(int u) {
    return trainUserCounts[u];
  }

  /**
   * Number of distinct training users of item {@code i}.
   *
   * @return the number of distinct training users of item {@code i}
   * @param i the item index
   */
  public int trainCountOfItem(int i) {
    return trainItemCounts[i];
  }

  /**
   * Distinct training users per item index (a copy).
   *
   * @return the distinct training users per item index (a copy)
   */
  public int[] trainItemCounts() {
    return trainItemCounts.clone();
  }

  /**
   * Number of users with at least one training row.
   *
   * @return the number of users with at least one training row
   */
  public int numTrainUsers() {
    int n = 0;
    for (int c : trainUserCounts) {
      if (c > 0) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "Split[protocol=" + protocol + ", seed=" + seed + ", rows=" + data.size() + ", train=" + train.size()
        + ", test=" + test.size() + ", testUsers=" + testUsers.length + ", droppedSeen=" + droppedSeen + "]";
  }
}
