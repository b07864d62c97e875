package dev.recsys.embedding.matching;

import dev.recsys.core.matching.CosineMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.matching.ScoredListener;
import dev.recsys.core.matching.TruncatedSvd;
import dev.recsys.core.model.Catalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Contrastive training of the item table. Each epoch visits every training listener once as an anchor, in a
 * seeded order: the anchor view is a random half of the listener's items, its positive the other half (or, with
 * probability {@code coPositiveShare}, a random half of one of its top co-listening neighbours by TF-IDF cosine).
 * Every batch scores each anchor against all positives of the batch plus {@code hardNegatives} mined negatives per
 * anchor (random halves of listeners among the anchor's five nearest in a seeded pool, by the current model) with
 * an in-batch softmax at temperature {@code tau}; logits get the log-Q correction {@code - ln q_j}, with
 * {@code q_j} the share of the epoch's columns that listener {@code j} fills (uniform anchors need none; neighbours
 * and mined negatives are skewed towards hubs). Columns holding the anchor's own listener or its positive's
 * listener (other than the positive itself) are masked. Gradients flow through the unit normalisation into the
 * item rows; updates are row-wise Adagrad. Single-threaded and fully determined by the seed.
 */
final class ContrastiveTraining {
  private static final int POOL = 2048;
  private static final int NEAREST = 5;

  private final ListenerProfiles p;
  private final int[] train;
  private final float[][] weights;
  private final int dim;
  private final int known;
  private final double tau;
  private final int hardNegatives;
  private final CoListeningConfig c;
  private final float[] table;
  private final float[] accum;
  private final int[][] coNeighbours;
  private final long seed;

  ContrastiveTraining(ListenerProfiles p, int[] train, ItemWeighting weighting, float[] init, int dim, double tau,
      int hardNegatives, CoListeningConfig c, Catalog catalog, long seed) {
    this.p = p;
    this.train = train;
    this.dim = dim;
    this.known = init.length / dim;
    this.tau = tau;
    this.hardNegatives = hardNegatives;
    this.c = c;
    this.seed = seed;
    this.table = init.clone();
    this.accum = new float[known];
    this.weights = new float[p.size()][];
    for (int u : train) {
      weights[u] = p.weights(u, weighting);
    }
    this.coNeighbours = c.coPositiveShare() > 0 ? coNeighbours(p, train, catalog) : null;
  }

  /**
   * The initial item table: the leading right singular subspace of the training listeners' weighted rows (each
   * scaled to unit length), scaled so that item rows have mean squared norm 1. Its dimension is {@code
   * min(dim, listeners, items)}.
   */
  static float[] init(ListenerProfiles p, int[] rows, ItemWeighting w, int dim, int iterations, long seed) {
    int rank = Math.min(dim, Math.min(rows.length, p.numItems()));
    int[][] r = new int[rows.length][];
    float[][] v = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      r[i] = p.items(rows[i]);
      v[i] = p.weights(rows[i], w);
      Views.unit(v[i]);
    }
    float[] basis = TruncatedSvd.rightSubspace(r, v, p.numItems(), rank, iterations, seed);
    float scale = (float) Math.sqrt((double) p.numItems() / rank);
    for (int i = 0; i < basis.length; i++) {
      basis[i] *= scale;
    }
    return basis;
  }

  /** The current table (shared; copy to keep). */
  float[] table() {
    return table;
  }

  /** Runs epoch {@code epoch} (from 0). */
  void epoch(int epoch) {
    SplittableRandom r = Views.random(seed, epoch, -1);
    int[] order = new int[train.length];
    int n = 0;
    for (int u : train) {
      if (p.items(u).length >= 2) {
        order[n++] = u;
      }
    }
    order = Arrays.copyOf(order, n);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    if (n < 2) {
      return;
    }
    int[][] mined = hardNegatives > 0 ? mine(order, r) : null;
    // the epoch's plan: positive listener and negatives of each anchor, then the column shares for log-Q
    int[] positive = new int[n];
    int[][] negatives = new int[n][hardNegatives];
    double[] columns = new double[p.size()];
    for (int a = 0; a < n; a++) {
      int u = order[a];
      positive[a] = u;
      if (coNeighbours != null && coNeighbours[u] != null && coNeighbours[u].length > 0 && r.nextDouble() < c.coPositiveShare()) {
        positive[a] = coNeighbours[u][r.nextInt(coNeighbours[u].length)];
      }
      columns[positive[a]]++;
      for (int h = 0; h < hardNegatives; h++) {
        int[] cand = mined[a];
        negatives[a][h] = cand.length == 0 ? order[r.nextInt(n)] : cand[r.nextInt(cand.length)];
        columns[negatives[a][h]]++;
      }
    }
    double total = n * (1.0 + hardNegatives);
    int bs = Math.min(c.batchSize(), n);
    float[] grad = new float[known * dim];
    boolean[] touched = new boolean[known];
    for (int from = 0; from + 1 < n; from += bs) {
      int to = Math.min(n, from + bs);
      batch(epoch, order, positive, negatives, columns, total, from, to, grad, touched);
    }
  }

  private void batch(int epoch, int[] order, int[] positive, int[][] negatives, double[] columns, double total,
      int from, int to, float[] grad, boolean[] touched) {
    int b = to - from;
    int cols = b * (1 + hardNegatives);
    Views.Bag[] anchor = new Views.Bag[b];
    Views.Bag[] col = new Views.Bag[cols];
    int[] colListener = new int[cols];
    int[] anchorListener = new int[b];
    for (int i = 0; i < b; i++) {
      int a = from + i;
      int u = order[a];
      anchorListener[i] = u;
      SplittableRandom r = Views.random(seed, epoch, u);
      Views.Bag[] halves = Views.halves(p, u, weights[u], r, c.maxViewItems());
      anchor[i] = halves[0];
      int v = positive[a];
      col[i] = v == u ? halves[1] : Views.half(p, v, weights[v], Views.random(seed ^ 0x5DEECE66DL, epoch, v), c.maxViewItems());
      colListener[i] = v;
      for (int h = 0; h < hardNegatives; h++) {
        int w = negatives[a][h];
        col[b + i * hardNegatives + h] = Views.half(p, w, weights[w], Views.random(seed ^ 0x2545F491L, epoch * 7L + h, w), c.maxViewItems());
        colListener[b + i * hardNegatives + h] = w;
      }
    }
    float[][] xa = new float[b][];
    double[] na = new double[b];
    for (int i = 0; i < b; i++) {
      xa[i] = Views.encode(table, dim, known, anchor[i].items(), anchor[i].weights(), new float[dim]);
      na[i] = Views.unit(xa[i]);
    }
    float[][] xc = new float[cols][];
    double[] nc = new double[cols];
    double[] logQ = new double[cols];
    for (int j = 0; j < cols; j++) {
      xc[j] = Views.encode(table, dim, known, col[j].items(), col[j].weights(), new float[dim]);
      nc[j] = Views.unit(xc[j]);
      logQ[j] = Math.log(Math.max(columns[colListener[j]], 1) / total);
    }
    float[][] dxa = new float[b][dim];
    float[][] dxc = new float[cols][dim];
    double[] logits = new double[cols];
    for (int i = 0; i < b; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        int l = colListener[j];
        if (j != i && (l == anchorListener[i] || l == colListener[i])) {
          logits[j] = Double.NEGATIVE_INFINITY;
          continue;
        }
        double s = 0;
        for (int k = 0; k < dim; k++) {
          s += xa[i][k] * xc[j][k];
        }
        logits[j] = s / tau - logQ[j];
        max = Math.max(max, logits[j]);
      }
      double z = 0;
      for (int j = 0; j < cols; j++) {
        logits[j] = Math.exp(logits[j] - max);
        z += logits[j];
      }
      for (int j = 0; j < cols; j++) {
        double g = (logits[j] / z - (j == i ? 1 : 0)) / (b * tau);
        if (g == 0) {
          continue;
        }
        float gf = (float) g;
        for (int k = 0; k < dim; k++) {
          dxa[i][k] += gf * xc[j][k];
          dxc[j][k] += gf * xa[i][k];
        }
      }
    }
    for (int i = 0; i < b; i++) {
      backward(anchor[i], xa[i], na[i], dxa[i], grad, touched);
    }
    for (int j = 0; j < cols; j++) {
      backward(col[j], xc[j], nc[j], dxc[j], grad, touched);
    }
    float lr = (float) c.learningRate();
    for (int item = 0; item < known; item++) {
      if (!touched[item]) {
        continue;
      }
      touched[item] = false;
      int o = item * dim;
      double g2 = 0;
      for (int k = 0; k < dim; k++) {
        g2 += (double) grad[o + k] * grad[o + k];
      }
      accum[item] += (float) (g2 / dim);
      float step = (float) (lr / Math.sqrt(accum[item] + 1e-10));
      for (int k = 0; k < dim; k++) {
        table[o + k] -= step * grad[o + k];
        grad[o + k] = 0;
      }
    }
  }

  /** Back through {@code x = z / |z|} and {@code z = Σ ŵ_i E_i}. */
  private void backward(Views.Bag bag, float[] x, double norm, float[] dx, float[] grad, boolean[] touched) {
    if (norm == 0) {
      return;
    }
    double dot = 0;
    for (int k = 0; k < dim; k++) {
      dot += x[k] * dx[k];
    }
    float[] dz = new float[dim];
    for (int k = 0; k < dim; k++) {
      dz[k] = (float) ((dx[k] - x[k] * dot) / norm);
    }
    double s = 0;
    for (float w : bag.weights()) {
      s += (double) w * w;
    }
    float inv = (float) (1 / Math.sqrt(s));
    int[] items = bag.items();
    for (int j = 0; j < items.length; j++) {
      if (items[j] >= known) {
        continue;
      }
      float w = bag.weights()[j] * inv;
      int o = items[j] * dim;
      touched[items[j]] = true;
      for (int k = 0; k < dim; k++) {
        grad[o + k] += w * dz[k];
      }
    }
  }

  /** Per anchor (in epoch order), the listeners among its {@link #NEAREST} nearest in a seeded pool. */
  private int[][] mine(int[] order, SplittableRandom r) {
    int n = order.length;
    int poolSize = Math.min(POOL, n);
    int[] pool = order.clone();
    for (int i = 0; i < poolSize; i++) {
      int j = i + r.nextInt(n - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    pool = Arrays.copyOf(pool, poolSize);
    float[][] pv = new float[poolSize][];
    for (int i = 0; i < poolSize; i++) {
      pv[i] = unitVector(pool[i]);
    }
    int[][] out = new int[n][];
    for (int a = 0; a < n; a++) {
      float[] x = unitVector(order[a]);
      int[] best = new int[NEAREST];
      double[] bestS = new double[NEAREST];
      Arrays.fill(bestS, Double.NEGATIVE_INFINITY);
      Arrays.fill(best, -1);
      for (int i = 0; i < poolSize; i++) {
        if (pool[i] == order[a]) {
          continue;
        }
        double s = 0;
        for (int k = 0; k < dim; k++) {
          s += x[k] * pv[i][k];
        }
        if (s > bestS[NEAREST - 1]) {
          int pos = NEAREST - 1;
          while (pos > 0 && bestS[pos - 1] < s) {
            bestS[pos] = bestS[pos - 1];
            best[pos] = best[pos - 1];
            pos--;
          }
          bestS[pos] = s;
          best[pos] = pool[i];
        }
      }
      out[a] = Arrays.stream(best).filter(x2 -> x2 >= 0).toArray();
    }
    return out;
  }

  private float[] unitVector(int u) {
    float[] v = Views.encode(table, dim, known, p.items(u), weights[u], new float[dim]);
    Views.unit(v);
    return v;
  }

  /** Each training listener's three nearest training listeners by TF-IDF cosine of their items. */
  private static int[][] coNeighbours(ListenerProfiles p, int[] train, Catalog catalog) {
    Set<String> ids = new HashSet<>();
    for (int u : train) {
      ids.add(p.id(u));
    }
    List<String> queries = new ArrayList<>(ids.size());
    for (int u : train) {
      queries.add(p.id(u));
    }
    CosineMatcher m = CosineMatcher.of("co-listening", p, catalog, ItemWeighting.TFIDF);
    List<List<ScoredListener>> nn = m.nearest(queries, 3, ids::contains);
    int[][] out = new int[p.size()][];
    for (int i = 0; i < train.length; i++) {
      out[train[i]] = nn.get(i).stream().filter(s -> s.score() > 0).mapToInt(s -> p.indexOf(s.listenerId())).toArray();
    }
    return out;
  }
}
