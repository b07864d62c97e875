package dev.recsys.embedding.twotower;

import dev.recsys.core.eval.PermutationImportance;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.metrics.RankingMetrics;
import dev.recsys.embedding.twotower.internal.HybridFeatures;
import dev.recsys.embedding.twotower.internal.TrackContent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The input groups of a trained hybrid {@link TwoTowerRecommender} as a {@link PermutationImportance.Target}: the
 * listener tower's {@code listener.id}, {@code listener.recent} (the pooled last tracks), and its dense profile in three
 * parts, {@code listener.profile.genres} (genre distribution of the history), {@code listener.profile.audio} (mean
 * content vector: audio features and release year) and {@code listener.profile.activity} (log play count); the track
 * tower's {@code track.id}, {@code track.artist}, {@code track.genres} and {@code track.content}.
 *
 * <p>A listener group is shuffled across the validation listeners, a track group across all the model's tracks (its
 * values move with the permutation; the other inputs of the row stay). The metric is NDCG@k per validation listener,
 * ranking every known track by the dot product of the two towers' vectors with the listener's training tracks
 * excluded, against the validation split's held-out tracks (tracks the model does not know count as misses). The
 * validation split must be carved from the data the model was trained on: its training part is the model's training
 * data, and its held-out rows were never seen in training.
 *
 * <p>Deterministic: the same model, split and permutation give the same values.
 */
public final class TwoTowerImportance implements PermutationImportance.Target {
  private record Group(String name, boolean listenerTower, int input, int from, int to) {}

  private final TwoTowerModel model;
  private final HybridFeatures features;
  private final int k;
  private final int[] users;
  private final int[][] relevant;
  private final boolean[][] excluded;
  private final List<TowerRow> queryRows;
  private final List<TowerRow> itemRows;
  private final List<Group> groups;
  private final float[][] intactQueries;
  private final float[][] intactItems;

  private TwoTowerImportance(TwoTowerModel model, HybridFeatures features, int k, int[] users, int[][] relevant,
      List<TowerRow> queryRows) {
    this.model = model;
    this.features = features;
    this.k = k;
    this.users = users;
    this.relevant = relevant;
    this.queryRows = queryRows;
    int ni = features.items().size();
    itemRows = new ArrayList<>(ni);
    for (int i = 0; i < ni; i++) {
      itemRows.add(features.itemRow(i));
    }
    excluded = new boolean[users.length][];
    for (int x = 0; x < users.length; x++) {
      excluded[x] = new boolean[ni];
      for (int it : features.history(users[x])) {
        excluded[x][it] = true;
      }
    }
    int g = features.content().genreCount();
    int w = TrackContent.WIDTH;
    groups = List.of(
        new Group("listener.id", true, 0, 0, 0),
        new Group("listener.recent", true, 1, 0, 0),
        new Group("listener.profile.genres", true, 2, 0, g),
        new Group("listener.profile.audio", true, 2, g, g + w),
        new Group("listener.profile.activity", true, 2, g + w, g + w + 1),
        new Group("track.id", false, 0, 0, 0),
        new Group("track.artist", false, 1, 0, 0),
        new Group("track.genres", false, 2, 0, 0),
        new Group("track.content", false, 3, 0, w));
    intactQueries = model.embedQueries(queryRows);
    intactItems = model.embedItems(itemRows);
  }

  /**
   * The input groups of {@code recommender}, measured on the held-out rows of {@code validation}.
   *
   * @param recommender a hybrid two-tower recommender trained on {@code validation.train()}
   * @param validation a split of the training data: its held-out rows are the validation targets
   * @param k the cut-off of NDCG, in [1, 10,000]
   * @return the target
   * @throws IllegalArgumentException if no validation listener is known to the model
   */
  public static TwoTowerImportance of(TwoTowerRecommender recommender, Split validation, int k) {
    Objects.requireNonNull(recommender, "recommender");
    Objects.requireNonNull(validation, "validation");
    dev.recsys.core.util.Checks.inRange("k", k, 1, 10_000);
    HybridFeatures f = recommender.features();
    List<Integer> us = new ArrayList<>();
    List<int[]> rel = new ArrayList<>();
    List<TowerRow> rows = new ArrayList<>();
    for (int p = 0; p < validation.numTestUsers(); p++) {
      String id = validation.data().users().id(validation.testUser(p));
      int u = f.users().indexOf(id);
      if (u < 0 || f.history(u).length == 0) {
        continue;
      }
      int[] held = validation.heldOut(p);
      int[] r = new int[held.length];
      int unknown = 0;
      for (int i = 0; i < held.length; i++) {
        int it = f.items().indexOf(validation.data().items().id(held[i]));
        r[i] = it >= 0 ? it : -1 - unknown++;
      }
      Arrays.sort(r);
      us.add(u);
      rel.add(r);
      int[] h = f.history(u);
      rows.add(f.queryRow(u, id, h, h.length));
    }
    if (us.isEmpty()) {
      throw new IllegalArgumentException("no test listener of the validation split (" + validation.protocol()
          + ") has a training history in the model");
    }
    return new TwoTowerImportance(recommender.model(), f, k, us.stream().mapToInt(Integer::intValue).toArray(),
        rel.toArray(new int[0][]), rows);
  }

  /**
   * The validation listeners, in unit order.
   *
   * @return their ids
   */
  public List<String> listeners() {
    List<String> out = new ArrayList<>(users.length);
    for (int u : users) {
      out.add(features.users().id(u));
    }
    return out;
  }

  /**
   * The metric's name, {@code ndcg@k}.
   *
   * @return the name
   */
  public String metric() {
    return "ndcg@" + k;
  }

  @Override
  public List<String> groups() {
    return groups.stream().map(Group::name).toList();
  }

  @Override
  public int rows(String group) {
    return group(group).listenerTower() ? users.length : itemRows.size();
  }

  @Override
  public double[] evaluate(String group, int[] permutation) {
    float[][] q = intactQueries;
    float[][] items = intactItems;
    if (group != null) {
      Group g = group(group);
      Objects.requireNonNull(permutation, "permutation");
      if (permutation.length != rows(group)) {
        throw new IllegalArgumentException("permutation of '" + group + "' must have " + rows(group) + " entries; got "
            + permutation.length);
      }
      if (g.listenerTower()) {
        q = model.embedQueries(permuted(queryRows, model.querySchema(), g, permutation));
      } else {
        items = model.embedItems(permuted(itemRows, model.itemSchema(), g, permutation));
      }
    }
    double[] out = new double[users.length];
    float[] scores = new float[items.length];
    for (int x = 0; x < users.length; x++) {
      for (int i = 0; i < items.length; i++) {
        scores[i] = HybridRecommenderTrainer.dot(q[x], items[i]);
      }
      out[x] = ndcg(scores, excluded[x], relevant[x]);
    }
    return out;
  }

  /** NDCG@k of the relevant items when every eligible item is ranked by score (ties by index). */
  private double ndcg(float[] scores, boolean[] excluded, int[] rel) {
    double dcg = 0;
    for (int r : rel) {
      if (r < 0 || excluded[r]) {
        continue;
      }
      float s = scores[r];
      int rank = 0;
      for (int i = 0; i < scores.length && rank < k; i++) {
        if (!excluded[i] && (scores[i] > s || (scores[i] == s && i < r))) {
          rank++;
        }
      }
      if (rank < k) {
        dcg += RankingMetrics.discount(rank);
      }
    }
    return dcg / RankingMetrics.idealDcg(Math.min(k, rel.length));
  }

  private Group group(String name) {
    for (Group g : groups) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException("unknown input group '" + name + "'; known: " + groups());
  }

  /** The rows with group {@code g} of row {@code r} taken from row {@code permutation[r]}. */
  private static List<TowerRow> permuted(List<TowerRow> rows, FeatureSchema schema, Group g, int[] permutation) {
    FeatureInput input = schema.inputs().get(g.input());
    int position = 0;
    int denseOffset = 0;
    for (int i = 0; i < g.input(); i++) {
      FeatureInput before = schema.inputs().get(i);
      if (before.getClass() == input.getClass()) {
        position++;
      }
      if (before instanceof FeatureInput.Dense d) {
        denseOffset += d.width();
      }
    }
    List<TowerRow> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      TowerRow own = rows.get(r);
      TowerRow other = rows.get(permutation[r]);
      int[] ids = own.ids().clone();
      int[][] bags = own.bags().clone();
      float[] dense = own.dense().clone();
      switch (input) {
        case FeatureInput.Id unused -> ids[position] = other.ids()[position];
        case FeatureInput.MultiHot unused -> bags[position] = other.bags()[position];
        case FeatureInput.Dense unused -> System.arraycopy(other.dense(), denseOffset + g.from(), dense, denseOffset + g.from(),
            g.to() - g.from());
      }
      out.add(new TowerRow(ids, bags, dense));
    }
    return out;
  }
}
