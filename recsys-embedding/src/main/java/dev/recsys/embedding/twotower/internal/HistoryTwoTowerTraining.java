package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.embedding.twotower.HistoryTwoTowerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Training of the history two-tower model ({@code HistoryTwoTowerRecommender}): forward and backward passes written
 * out by hand, a softmax over the whole catalogue or over sampled candidates, Adam with decoupled weight decay.
 *
 * <p>Determinism: work is split into fixed chunks (rows of a batch, columns of the candidate set, ranges of the
 * parameter vector) whose boundaries do not depend on the thread count, every sum is taken in a fixed order, and
 * all randomness is drawn serially from one seeded generator; the result is bit-identical for a seed whatever the
 * number of threads.
 */
public final class HistoryTwoTowerTraining {
  private static final int ROW_CHUNK = 8;
  private static final int BLOCK = 256;
  private static final int COLUMN_CHUNK = 256;
  private static final int PARAM_CHUNK = 1 << 16;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;
  /** Share of the pooled plays hidden (and predicted) in a whole-history example. */
  private static final double WHOLE_HISTORY_HIDDEN = 0.5;

  private HistoryTwoTowerTraining() {}

  /**
   * What training produces.
   *
   * @param inputEmbeddings the listener tower's track embeddings, {@code n x d} row-major
   * @param trackVectors the track tower's output (id embedding plus content), {@code n x d} row-major
   * @param bias the track biases
   * @param positionWeights the weight of each recency position (0: the latest play)
   * @param popularity training plays per track
   */
  public record Result(float[] inputEmbeddings, float[] trackVectors, float[] bias, float[] positionWeights,
      int[] popularity) {}

  /**
   * Each listener's training items in time order: by timestamp, then by item id (string order), then by row.
   *
   * @param train the training interactions
   * @return per listener index, the item indices in time order
   */
  public static int[][] orderedHistories(Interactions train) {
    int[][] rows = train.rowsByUser();
    IdIndex items = train.items();
    int[][] out = new int[rows.length][];
    for (int u = 0; u < rows.length; u++) {
      Integer[] r = Arrays.stream(rows[u]).boxed().toArray(Integer[]::new);
      Arrays.sort(r, (a, b) -> {
        int c = Long.compare(train.timestamp(a), train.timestamp(b));
        if (c != 0) {
          return c;
        }
        c = items.id(train.item(a)).compareTo(items.id(train.item(b)));
        return c != 0 ? c : Integer.compare(a, b);
      });
      out[u] = new int[r.length];
      for (int j = 0; j < r.length; j++) {
        out[u][j] = train.item(r[j]);
      }
    }
    return out;
  }

  /**
   * Trains the model.
   *
   * @param items the track dictionary
   * @param histories per listener, track indices in time order
   * @param catalog content of the tracks, or null for none
   * @param config the settings
   * @return the trained parameters
   */
  public static Result train(IdIndex items, int[][] histories, Catalog catalog, HistoryTwoTowerConfig config) {
    int threads = config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return new Run(items, histories, catalog, config, pool).run();
    } finally {
      pool.shutdown();
    }
  }

  /** One training run: parameters, optimizer state and scratch buffers. */
  private static final class Run {
    final HistoryTwoTowerConfig cfg;
    final ForkJoinPool pool;
    final int[][] hist;
    final int n;
    final int d;
    final int hl;
    final int[] popularity;
    // content
    final int[] tagStart;
    final int[] tagList;
    final int numTags;
    final int nf;
    final float[] audio;
    // parameter layout in one vector
    final int offIn;
    final int offOut;
    final int offBias;
    final int offTags;
    final int offAudio;
    final int offPos;
    final int size;
    final float[] p;
    final float[] g;
    final float[] m1;
    final float[] m2;
    final SplittableRandom rnd;
    final SoftmaxKernel kernel = SoftmaxKernel.get();

    Run(IdIndex items, int[][] histories, Catalog catalog, HistoryTwoTowerConfig cfg, ForkJoinPool pool) {
      this.cfg = cfg;
      this.pool = pool;
      this.hist = histories;
      this.n = items.size();
      this.d = cfg.dimension();
      this.hl = cfg.historyLength();
      this.popularity = new int[n];
      for (int[] h : histories) {
        for (int i : h) {
          popularity[i]++;
        }
      }
      // content: genre and artist tags, standardised audio features
      Map<String, Integer> tagIds = new HashMap<>();
      List<int[]> tags = new ArrayList<>(n);
      double[][] raw = new double[n][];
      boolean anyAudio = false;
      for (int i = 0; i < n; i++) {
        Track t = catalog == null ? null : catalog.find(items.id(i)).orElse(null);
        List<Integer> ts = new ArrayList<>();
        if (t != null) {
          for (String genre : t.genres()) {
            ts.add(tagIds.computeIfAbsent("g:" + genre, k -> tagIds.size()));
          }
          for (ArtistRef a : t.artists()) {
            ts.add(tagIds.computeIfAbsent("a:" + a.id().orElse(a.name()), k -> tagIds.size()));
          }
          if (!t.audio().isEmpty()) {
            raw[i] = t.audio().toArray();
            anyAudio = true;
          }
        }
        tags.add(ts.stream().distinct().mapToInt(Integer::intValue).toArray());
      }
      this.numTags = tagIds.size();
      this.tagStart = new int[n + 1];
      for (int i = 0; i < n; i++) {
        tagStart[i + 1] = tagStart[i] + tags.get(i).length;
      }
      this.tagList = new int[tagStart[n]];
      for (int i = 0; i < n; i++) {
        System.arraycopy(tags.get(i), 0, tagList, tagStart[i], tags.get(i).length);
      }
      this.nf = anyAudio ? AudioFeature.values().length : 0;
      this.audio = new float[n * nf];
      for (int f = 0; f < nf; f++) {
        double s = 0;
        double s2 = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
          if (raw[i] != null && !Double.isNaN(raw[i][f])) {
            s += raw[i][f];
            s2 += raw[i][f] * raw[i][f];
            c++;
          }
        }
        double mean = c == 0 ? 0 : s / c;
        double sd = c == 0 ? 1 : Math.sqrt(Math.max(s2 / c - mean * mean, 0));
        for (int i = 0; i < n; i++) {
          if (raw[i] != null && !Double.isNaN(raw[i][f]) && sd > 1e-12) {
            audio[i * nf + f] = (float) ((raw[i][f] - mean) / sd);
          }
        }
      }
      offIn = 0;
      offOut = offIn + n * d;
      offBias = offOut + n * d;
      offTags = offBias + n;
      offAudio = offTags + numTags * d;
      offPos = offAudio + nf * d;
      size = offPos + hl;
      p = new float[size];
      g = new float[size];
      m1 = new float[size];
      m2 = new float[size];
      rnd = new SplittableRandom(cfg.seed());
      float sd = (float) cfg.outputInitScale();
      // input embeddings start at zero (a track never seen in training adds nothing but its content to a
      // listener); output embeddings start small and random
      for (int j = offOut; j < offBias; j++) {
        p[j] = (float) (rnd.nextGaussian() * sd);
      }
      long total = 0;
      for (int c : popularity) {
        total += c;
      }
      for (int i = 0; i < n; i++) {
        p[offBias + i] = (float) Math.log((popularity[i] + 1.0) / (total + n));
      }
      for (int a = 0; a < hl; a++) {
        p[offPos + a] = 1f;
      }
    }

    Result run() {
      List<int[]> listeners = new ArrayList<>();
      for (int u = 0; u < hist.length; u++) {
        if (hist[u].length >= 2) {
          listeners.add(new int[] {u});
        }
      }
      long step = 0;
      boolean full = n <= cfg.fullSoftmaxLimit();
      if (!listeners.isEmpty()) {
        int ne = listeners.size() * cfg.cutsPerListener();
        int[] exUser = new int[ne];
        int[] exCut = new int[ne];
        long[] exSeed = new long[ne];
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
          int e = 0;
          for (int[] lu : listeners) {
            int u = lu[0];
            for (int c = 0; c < cfg.cutsPerListener(); c++) {
              exUser[e] = u;
              // a cut at the history's length marks a whole-history example
              exCut[e] = cfg.wholeHistoryShare() > 0 && rnd.nextDouble() < cfg.wholeHistoryShare()
                  ? hist[u].length : 1 + rnd.nextInt(hist[u].length - 1);
              exSeed[e] = rnd.nextLong();
              e++;
            }
          }
          for (int i = ne - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            swap(exUser, i, j);
            swap(exCut, i, j);
            long t = exSeed[i];
            exSeed[i] = exSeed[j];
            exSeed[j] = t;
          }
          for (int start = 0; start < ne; start += cfg.batchSize()) {
            int end = Math.min(ne, start + cfg.batchSize());
            step++;
            batch(Arrays.copyOfRange(exUser, start, end), Arrays.copyOfRange(exCut, start, end),
                Arrays.copyOfRange(exSeed, start, end), full, rnd.nextLong(), step);
          }
        }
      }
      float[] v = new float[n * d];
      float[] vt = new float[d * n];
      int[] all = IntStream.range(0, n).toArray();
      materialise(all, v, vt);
      float[] in = Arrays.copyOfRange(p, offIn, offIn + n * d);
      if (cfg.inputContent()) {
        for (int i = 0; i < n; i++) {
          addContent(i, 1f, in, i * d);
        }
      }
      return new Result(in, v,
          Arrays.copyOfRange(p, offBias, offBias + n), Arrays.copyOfRange(p, offPos, offPos + hl), popularity);
    }

    /** {@code dst[off + k] += w * content(i)[k]}: the mean tag embedding plus the audio projection of track i. */
    void addContent(int i, float w, float[] dst, int off) {
      int nt = tagStart[i + 1] - tagStart[i];
      if (nt > 0) {
        float wt = w / nt;
        for (int q = tagStart[i]; q < tagStart[i + 1]; q++) {
          int o = offTags + tagList[q] * d;
          for (int k = 0; k < d; k++) {
            dst[off + k] += wt * p[o + k];
          }
        }
      }
      for (int f = 0; f < nf; f++) {
        float a = audio[i * nf + f];
        if (a != 0f) {
          int o = offAudio + f * d;
          float wa = w * a;
          for (int k = 0; k < d; k++) {
            dst[off + k] += wa * p[o + k];
          }
        }
      }
    }

    /**
     * Adds the gradient of {@code w * content(i)} given the upstream gradient {@code src[off..off+d)} and returns
     * {@code content(i) . src}.
     */
    float contentGrad(int i, float w, float[] src, int off) {
      float dot = 0;
      int nt = tagStart[i + 1] - tagStart[i];
      if (nt > 0) {
        float wt = w / nt;
        for (int q = tagStart[i]; q < tagStart[i + 1]; q++) {
          int o = offTags + tagList[q] * d;
          for (int k = 0; k < d; k++) {
            g[o + k] += wt * src[off + k];
            dot += p[o + k] * src[off + k] / nt;
          }
        }
      }
      for (int f = 0; f < nf; f++) {
        float a = audio[i * nf + f];
        if (a != 0f) {
          int o = offAudio + f * d;
          for (int k = 0; k < d; k++) {
            g[o + k] += w * a * src[off + k];
            dot += a * p[o + k] * src[off + k];
          }
        }
      }
      return dot;
    }

    private static void swap(int[] a, int i, int j) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }

    /** Track-tower output of the candidates: {@code v} row-major (c x d), {@code vt} column-major (d x c). */
    void materialise(int[] cand, float[] v, float[] vt) {
      int c = cand.length;
      parallel((c + COLUMN_CHUNK - 1) / COLUMN_CHUNK, chunk -> {
        int lo = chunk * COLUMN_CHUNK;
        int hi = Math.min(c, lo + COLUMN_CHUNK);
        for (int x = lo; x < hi; x++) {
          int i = cand[x];
          int row = x * d;
          System.arraycopy(p, offOut + i * d, v, row, d);
          int nt = tagStart[i + 1] - tagStart[i];
          if (nt > 0) {
            float w = 1f / nt;
            for (int q = tagStart[i]; q < tagStart[i + 1]; q++) {
              int off = offTags + tagList[q] * d;
              for (int k = 0; k < d; k++) {
                v[row + k] += w * p[off + k];
              }
            }
          }
          for (int f = 0; f < nf; f++) {
            float a = audio[i * nf + f];
            if (a != 0f) {
              int off = offAudio + f * d;
              for (int k = 0; k < d; k++) {
                v[row + k] += a * p[off + k];
              }
            }
          }
          for (int k = 0; k < d; k++) {
            vt[k * c + x] = v[row + k];
          }
        }
      });
    }

    void batch(int[] users, int[] cuts, long[] seeds, boolean full, long batchSeed, long step) {
      int b = users.length;
      // candidates
      int[] cand;
      float[] corr = null;
      int[] candPos;
      // listener tower inputs with dropout; targets: the window after the cut, or for a whole-history example the
      // hidden plays that are not among the kept ones
      int[][] pooled = new int[b][];
      int[][] ages = new int[b][];
      int[][] targets = new int[b][];
      boolean[] whole = new boolean[b];
      for (int x = 0; x < b; x++) {
        int[] h = hist[users[x]];
        int t = cuts[x];
        whole[x] = t == h.length;
        double drop = whole[x] ? WHOLE_HISTORY_HIDDEN : cfg.historyDropout();
        int m = Math.min(t, hl);
        SplittableRandom r = new SplittableRandom(seeds[x]);
        int[] it = new int[m];
        int[] ag = new int[m];
        int[] hidden = new int[m];
        int kept = 0;
        int nh = 0;
        for (int a = 0; a < m; a++) {
          if (drop > 0 && r.nextDouble() < drop) {
            hidden[nh++] = h[t - 1 - a];
            continue;
          }
          it[kept] = h[t - 1 - a];
          ag[kept] = a;
          kept++;
        }
        if (kept == 0) {
          it[0] = h[t - 1];
          ag[0] = 0;
          kept = 1;
        }
        pooled[x] = Arrays.copyOf(it, kept);
        ages[x] = Arrays.copyOf(ag, kept);
        if (whole[x]) {
          java.util.Set<Integer> in = new java.util.HashSet<>();
          for (int q = 0; q < kept; q++) {
            in.add(it[q]);
          }
          int[] tg = new int[nh];
          int nt = 0;
          for (int q = 0; q < nh; q++) {
            if (in.add(hidden[q])) {
              tg[nt++] = hidden[q];
            }
          }
          targets[x] = Arrays.copyOf(tg, nt);
        } else {
          int w = Math.max(1, (int) Math.ceil(cfg.targetFraction() * t));
          targets[x] = Arrays.copyOfRange(h, t, Math.min(h.length, t + w));
        }
      }
      if (full) {
        cand = IntStream.range(0, n).toArray();
        candPos = cand;
      } else {
        candPos = new int[n];
        Arrays.fill(candPos, -1);
        int[] list = new int[n];
        int c = 0;
        int totalTargets = 0;
        for (int[] ts : targets) {
          for (int i : ts) {
            totalTargets++;
            if (candPos[i] < 0) {
              candPos[i] = c;
              list[c++] = i;
            }
          }
        }
        SplittableRandom r = new SplittableRandom(batchSeed);
        for (int s = 0; s < cfg.sampledNegatives(); s++) {
          int i = r.nextInt(n);
          if (candPos[i] < 0) {
            candPos[i] = c;
            list[c++] = i;
          }
        }
        cand = Arrays.copyOf(list, c);
        corr = new float[c];
        long pop = 0;
        for (int q : popularity) {
          pop += q;
        }
        double uniform = cfg.sampledNegatives() / (double) n;
        for (int x = 0; x < c; x++) {
          double q = uniform + totalTargets * (double) popularity[cand[x]] / Math.max(1, pop);
          corr[x] = (float) -Math.log(Math.min(1.0, q));
        }
      }
      int c = cand.length;
      float[] v = new float[c * d];
      float[] vt = new float[d * c];
      materialise(cand, v, vt);
      float[] biasC = new float[c];
      for (int x = 0; x < c; x++) {
        biasC[x] = p[offBias + cand[x]] + (corr == null ? 0f : corr[x]);
      }
      float[] u = new float[b * d];
      float[] du = new float[b * d];
      float[] grad = new float[b * c];
      float invB = 1f / b;
      int[] candPosF = candPos;
      parallel((b + ROW_CHUNK - 1) / ROW_CHUNK, chunk -> {
        int lo = chunk * ROW_CHUNK;
        int hi = Math.min(b, lo + ROW_CHUNK);
        for (int x = lo; x < hi; x++) {
          // forward: pooled listener vector
          float s = (float) (1.0 / Math.sqrt(pooled[x].length));
          int ub = x * d;
          for (int q = 0; q < pooled[x].length; q++) {
            float w = s * p[offPos + ages[x][q]];
            int off = offIn + pooled[x][q] * d;
            for (int k = 0; k < d; k++) {
              u[ub + k] += w * p[off + k];
            }
            if (cfg.inputContent()) {
              addContent(pooled[x][q], w, u, ub);
            }
          }
          System.arraycopy(biasC, 0, grad, x * c, c);
        }
        // logits, blocked over candidate columns so a block of the track vectors serves every row of the chunk
        for (int y0 = 0; y0 < c; y0 += BLOCK) {
          kernel.logits(u, lo, hi, d, vt, c, y0, Math.min(c, y0 + BLOCK), grad);
        }
        for (int x = lo; x < hi; x++) {
          int gb = x * c;
          // mask the prefix (the kept plays of a whole-history example)
          int[] h = whole[x] ? pooled[x] : hist[users[x]];
          int maskEnd = whole[x] ? h.length : cuts[x];
          for (int j = 0; j < maskEnd; j++) {
            int pos = candPosF[h[j]];
            if (pos >= 0) {
              grad[gb + pos] = Float.NEGATIVE_INFINITY;
            }
          }
          int[] validPos = new int[targets[x].length];
          int valid = 0;
          for (int i : targets[x]) {
            int pos = candPosF[i];
            if (pos >= 0 && grad[gb + pos] != Float.NEGATIVE_INFINITY) {
              validPos[valid++] = pos;
            }
          }
          if (valid == 0) {
            Arrays.fill(grad, gb, gb + c, 0f);
            continue;
          }
          float max = Float.NEGATIVE_INFINITY;
          for (int y = 0; y < c; y++) {
            max = Math.max(max, grad[gb + y]);
          }
          double sum = 0;
          for (int y = 0; y < c; y++) {
            float e = (float) Math.exp(grad[gb + y] - max);
            grad[gb + y] = e;
            sum += e;
          }
          float scale = (float) (invB / sum);
          for (int y = 0; y < c; y++) {
            grad[gb + y] *= scale;
          }
          float tw = invB / valid;
          for (int q = 0; q < valid; q++) {
            grad[gb + validPos[q]] -= tw;
          }
        }
        // dL/du = sum over candidates of grad * v
        kernel.gradQueries(grad, lo, hi, c, v, d, du);
      });
      // dL/dv (column-major) and dL/dbias over candidate column chunks
      float[] dvt = new float[d * c];
      float[] dbias = new float[c];
      parallel((c + COLUMN_CHUNK - 1) / COLUMN_CHUNK, chunk -> {
        int lo = chunk * COLUMN_CHUNK;
        int hi = Math.min(c, lo + COLUMN_CHUNK);
        for (int x = 0; x < b; x++) {
          int gb = x * c;
          for (int y = lo; y < hi; y++) {
            dbias[y] += grad[gb + y];
          }
        }
        kernel.gradCandidates(u, b, d, grad, c, lo, hi, dvt);
      });
      // scatter track-tower gradients (serial, fixed order)
      for (int y = 0; y < c; y++) {
        int i = cand[y];
        g[offBias + i] += dbias[y];
        int oo = offOut + i * d;
        for (int k = 0; k < d; k++) {
          g[oo + k] += dvt[k * c + y];
        }
        int nt = tagStart[i + 1] - tagStart[i];
        if (nt > 0) {
          float w = 1f / nt;
          for (int q = tagStart[i]; q < tagStart[i + 1]; q++) {
            int off = offTags + tagList[q] * d;
            for (int k = 0; k < d; k++) {
              g[off + k] += w * dvt[k * c + y];
            }
          }
        }
        for (int f = 0; f < nf; f++) {
          float a = audio[i * nf + f];
          if (a != 0f) {
            int off = offAudio + f * d;
            for (int k = 0; k < d; k++) {
              g[off + k] += a * dvt[k * c + y];
            }
          }
        }
      }
      // listener-tower gradients (serial, fixed order)
      for (int x = 0; x < b; x++) {
        float s = (float) (1.0 / Math.sqrt(pooled[x].length));
        int ub = x * d;
        for (int q = 0; q < pooled[x].length; q++) {
          int a = ages[x][q];
          float w = s * p[offPos + a];
          int off = offIn + pooled[x][q] * d;
          float dot = 0;
          for (int k = 0; k < d; k++) {
            g[off + k] += w * du[ub + k];
            dot += p[off + k] * du[ub + k];
          }
          if (cfg.inputContent()) {
            dot += contentGrad(pooled[x][q], w, du, ub);
          }
          g[offPos + a] += s * dot;
        }
      }
      adam(step);
    }

    /** One Adam step with decoupled weight decay on the embeddings; clears the gradient. */
    void adam(long step) {
      double lr = cfg.learningRate();
      float c1 = (float) (lr / (1 - Math.pow(BETA1, step)));
      float c2 = (float) (1 / (1 - Math.pow(BETA2, step)));
      float decay = (float) (lr * cfg.weightDecay());
      float b1 = (float) BETA1;
      float b2 = (float) BETA2;
      float eps = (float) EPS;
      parallel((size + PARAM_CHUNK - 1) / PARAM_CHUNK, chunk -> {
        int lo = chunk * PARAM_CHUNK;
        int hi = Math.min(size, lo + PARAM_CHUNK);
        for (int j = lo; j < hi; j++) {
          float gj = g[j];
          g[j] = 0f;
          m1[j] = b1 * m1[j] + (1 - b1) * gj;
          m2[j] = b2 * m2[j] + (1 - b2) * gj * gj;
          float upd = c1 * m1[j] / ((float) Math.sqrt(m2[j] * c2) + eps);
          boolean decayed = j < offBias || (j >= offTags && j < offPos);
          p[j] -= upd + (decayed ? decay * p[j] : 0f);
        }
      });
    }

    void parallel(int tasks, IntConsumer body) {
      if (tasks <= 1 || pool.getParallelism() <= 1) {
        for (int t = 0; t < tasks; t++) {
          body.accept(t);
        }
        return;
      }
      pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
  }
}
