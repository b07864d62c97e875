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
    for (int u : validation) {
      Views.Bag[] h = Views.halves(p, u, rawWeights[u], Views.random(seed, -7, u), maxItems);
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
