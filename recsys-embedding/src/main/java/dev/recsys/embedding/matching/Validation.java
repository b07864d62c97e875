package dev.recsys.embedding.matching;

import dev.recsys.core.matching.ListenerProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Split-half self-retrieval on validation listeners, for choosing settings: each validation listener's items are
 * halved by a seeded permutation; the first half (the query) must retrieve the second among all validation second
 * halves plus one random half of each of up to {@code distractors} training listeners (the trainer uses none). The criterion is the mean of
 * recall@10 and MRR@10 (ties rank the target last).
 */
final class Validation {
  static final int K = 10;

  private final List<Views.Bag> queries = new ArrayList<>();
  private final List<Views.Bag> targets = new ArrayList<>();

  Validation(ListenerProfiles p, int[] validation, int[] train, float[][] rawWeights, long seed, int distractors,
      int maxItems) {
    this(p, validation, train, rawWeights, seed, distractors, maxItems, 0);
  }

  /**
   * With {@code overlap > 0}, the two views of a validation listener are {@link Views#overlapping overlapping}
   * (each item in both with that probability) instead of disjoint halves.
   */
  Validation(ListenerProfiles p, int[] validation, int[] train, float[][] rawWeights, long seed, int distractors,
      int maxItems, double overlap) {
    for (int u : validation) {
      Views.Bag[] h = overlap > 0
          ? Views.overlapping(p, u, rawWeights[u], Views.random(seed, -13, u), overlap, maxItems)
          : Views.halves(p, u, rawWeights[u], Views.random(seed, -7, u), maxItems);
      queries.add(h[0]);
      targets.add(h[1]);
    }
    int step = Math.max(1, train.length / Math.max(1, distractors));
    for (int i = 0; i < train.length && targets.size() < validation.length + distractors; i += step) {
      int u = train[i];
      if (p.items(u).length >= 2) {
        targets.add(Views.half(p, u, rawWeights[u], Views.random(seed, -11, u), maxItems));
      }
    }
  }

  /** Number of validation queries. */
  int size() {
    return queries.size();
  }

  /** The criterion of an encoder (bag to vector; normalised here). */
  double score(Function<Views.Bag, float[]> encoder) {
    float[][] q = encodeAll(queries, encoder);
    float[][] t = encodeAll(targets, encoder);
    double[] per = IntStream.range(0, q.length).parallel().mapToDouble(i -> {
      double own = dot(q[i], t[i]);
      int above = 0;
      for (int j = 0; j < t.length && above < K; j++) {
        if (j != i && dot(q[i], t[j]) >= own) {
          above++;
        }
      }
      int rank = above + 1;
      return rank <= K ? 0.5 * (1 + 1.0 / rank) : 0;
    }).toArray();
    double s = 0;
    for (double x : per) {
      s += x;
    }
    return per.length == 0 ? 0 : s / per.length;
  }

  /**
   * The criterion of the fused score {@code dot(dense) + λ · dot(sparse)} for each {@code λ} of {@code lambdas}
   * (dense vectors normalised here; sparse vectors unit already).
   */
  double[] fused(Function<Views.Bag, float[]> dense, Function<Views.Bag, Views.Sparse> sparse, double[] lambdas) {
    float[][] q = encodeAll(queries, dense);
    float[][] t = encodeAll(targets, dense);
    Views.Sparse[] qs = queries.stream().map(sparse).toArray(Views.Sparse[]::new);
    Views.Sparse[] ts = targets.stream().map(sparse).toArray(Views.Sparse[]::new);
    double[][] per = IntStream.range(0, q.length).parallel().mapToObj(i -> {
      double[] dd = new double[t.length];
      double[] ss = new double[t.length];
      for (int j = 0; j < t.length; j++) {
        dd[j] = dot(q[i], t[j]);
        ss[j] = qs[i].dot(ts[j]);
      }
      double[] row = new double[lambdas.length];
      for (int l = 0; l < lambdas.length; l++) {
        double lam = lambdas[l];
        double own = dd[i] + lam * ss[i];
        int above = 0;
        for (int j = 0; j < t.length && above < K; j++) {
          if (j != i && dd[j] + lam * ss[j] >= own) {
            above++;
          }
        }
        int rank = above + 1;
        row[l] = rank <= K ? 0.5 * (1 + 1.0 / rank) : 0;
      }
      return row;
    }).toArray(double[][]::new);
    double[] out = new double[lambdas.length];
    for (double[] row : per) {
      for (int l = 0; l < out.length; l++) {
        out[l] += row[l];
      }
    }
    for (int l = 0; l < out.length; l++) {
      out[l] = q.length == 0 ? 0 : out[l] / q.length;
    }
    return out;
  }

  private static float[][] encodeAll(List<Views.Bag> bags, Function<Views.Bag, float[]> encoder) {
    float[][] out = new float[bags.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = encoder.apply(bags.get(i));
      Views.unit(out[i]);
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
