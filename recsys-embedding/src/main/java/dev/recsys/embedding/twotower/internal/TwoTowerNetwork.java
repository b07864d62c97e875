package dev.recsys.embedding.twotower.internal;

import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.internal.JavaGemm;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A query tower and an item tower (the same tower when siamese) with the in-batch losses. Parameters live in one
 * flat vector ({@link #flat()}, the layout the shared training loop updates); the towers work on per-parameter
 * arrays refreshed from it by {@link #scatter()}.
 *
 * <p>Kernels ({@link TwoTowerConfig.Kernel}): {@code JAVA} and {@code ND4J} run the towers one after the other
 * with that matrix kernel and write a dense gradient. {@code FUSED} runs the layers on {@link FusedGemm}, the
 * in-batch softmax on {@link FusedSoftmax}, and the two towers in parallel (each with its own random stream split
 * from the step's seed, so the result does not depend on the thread count); its gradient is row-sparse: only the
 * dense layers and the embedding-table rows the batch read are written, and {@link #support()} lists them, so a
 * step costs time in proportion to the batch, not to the tables.
 *
 * <p>Not thread-safe while training; {@link #embedQueries} and {@link #embedItems} only read and may run
 * concurrently with other embeds.
 */
public final class TwoTowerNetwork {
  private final TwoTowerConfig config;
  private final Tower query;
  private final Tower item;
  private final boolean siamese;
  private final List<float[]> params = new ArrayList<>();
  private final List<float[]> grads = new ArrayList<>();
  private final float[] flat;
  /** Start of each parameter array in {@link #flat}, plus the total at the end. */
  private final int[] offsets;
  private final Gemm gemm;
  private final boolean fused;
  private final int threads;
  /** Per parameter array: the table row width, or 0 for a dense parameter (FUSED only). */
  private final int[] rowWidth;
  /** Per parameter array: the step at which each table row was last touched (FUSED only). */
  private final long[][] touchedAt;
  private long step;
  private int[] support;

  /** A network with freshly initialised weights drawn from the config's seed, on a dense matrix kernel. */
  public TwoTowerNetwork(TwoTowerConfig config, FeatureSchema querySchema, FeatureSchema itemSchema, Gemm.Kind gemm) {
    this(config, querySchema, itemSchema, gemm == Gemm.Kind.ND4J ? TwoTowerConfig.Kernel.ND4J
        : TwoTowerConfig.Kernel.JAVA, 1);
  }

  /**
   * A network with freshly initialised weights drawn from the config's seed.
   *
   * @param kernel the training kernel (the config's own kernel is not consulted)
   * @param threads parts the FUSED kernel runs in parallel (at least 1; the result is the same for any value)
   */
  public TwoTowerNetwork(TwoTowerConfig config, FeatureSchema querySchema, FeatureSchema itemSchema,
      TwoTowerConfig.Kernel kernel, int threads) {
    this(config, querySchema, itemSchema, kernel, threads, true);
  }

  /**
   * A network for weights that are about to be overwritten (a copy of a trained network, a loaded model): the
   * layout of {@link #TwoTowerNetwork(TwoTowerConfig, FeatureSchema, FeatureSchema, Gemm.Kind)} on the plain-Java
   * kernel, without drawing initial weights.
   *
   * @param itemSchema the item schema, or null for a siamese network
   * @return the network, weights zero
   */
  public static TwoTowerNetwork uninitialised(TwoTowerConfig config, FeatureSchema querySchema,
      FeatureSchema itemSchema) {
    return new TwoTowerNetwork(config, querySchema, itemSchema, TwoTowerConfig.Kernel.JAVA, 1, false);
  }

  private TwoTowerNetwork(TwoTowerConfig config, FeatureSchema querySchema, FeatureSchema itemSchema,
      TwoTowerConfig.Kernel kernel, int threads, boolean initialise) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1; got " + threads);
    }
    this.config = config;
    this.fused = kernel == TwoTowerConfig.Kernel.FUSED;
    this.threads = threads;
    this.gemm = switch (kernel) {
      case JAVA -> new JavaGemm();
      case ND4J -> Gemm.Kind.ND4J.create();
      case FUSED -> new FusedGemm();
    };
    this.query = new Tower(querySchema, config.hiddenLayers(), config.outputDimension(), config.activation(),
        config.batchNorm(), config.dropout(), config.seed() * 0x9E3779B97F4A7C15L + 1, initialise);
    this.siamese = itemSchema == null;
    this.item = siamese ? query : new Tower(itemSchema, config.hiddenLayers(), config.outputDimension(),
        config.activation(), config.batchNorm(), config.dropout(), config.seed() * 0x9E3779B97F4A7C15L + 2,
        initialise);
    params.addAll(query.parameters());
    if (!siamese) {
      params.addAll(item.parameters());
    }
    int total = 0;
    for (float[] p : params) {
      grads.add(new float[p.length]);
      total += p.length;
    }
    flat = new float[total];
    gather(params, flat);
    offsets = new int[params.size() + 1];
    for (int i = 0; i < params.size(); i++) {
      offsets[i + 1] = offsets[i] + params.get(i).length;
    }
    rowWidth = new int[params.size()];
    touchedAt = new long[params.size()][];
    if (fused) {
      markTables(query, 0);
      if (!siamese) {
        markTables(item, query.parameters().size());
      }
    }
  }

  private void markTables(Tower t, int first) {
    int p = first;
    for (FeatureInput.Id in : t.schema().ids()) {
      rowWidth[p] = in.dimension();
      touchedAt[p++] = new long[in.rows()];
    }
    for (FeatureInput.MultiHot in : t.schema().bags()) {
      rowWidth[p] = in.dimension();
      touchedAt[p++] = new long[in.vocabularySize()];
    }
  }

  /** A siamese network: one tower embeds both sides. */
  public static TwoTowerNetwork siamese(TwoTowerConfig config, FeatureSchema schema, Gemm.Kind gemm) {
    return new TwoTowerNetwork(config, schema, null, gemm);
  }

  /** The configuration. */
  public TwoTowerConfig config() {
    return config;
  }

  /** Whether one tower serves both sides. */
  public boolean isSiamese() {
    return siamese;
  }

  /** The query tower. */
  public Tower queryTower() {
    return query;
  }

  /** The item tower (the query tower when siamese). */
  public Tower itemTower() {
    return item;
  }

  /** The live flat parameter vector. */
  public float[] flat() {
    return flat;
  }

  /** Copies the flat vector into the towers' arrays (after the optimizer changed it). */
  public void scatter() {
    int off = 0;
    for (float[] p : params) {
      System.arraycopy(flat, off, p, 0, p.length);
      off += p.length;
    }
  }

  /**
   * Copies the given ranges of the flat vector into the towers' arrays (after a row-sparse update).
   *
   * @param rows ranges of the flat vector as {@code start, end} pairs, sorted, each inside one parameter array
   */
  public void scatter(int[] rows) {
    int p = 0;
    for (int r = 0; r < rows.length; r += 2) {
      int start = rows[r];
      while (offsets[p + 1] <= start) {
        p++;
      }
      System.arraycopy(flat, start, params.get(p), start - offsets[p], rows[r + 1] - start);
    }
  }

  /**
   * Whether the gradient is row-sparse (the FUSED kernel), see {@link #support()}.
   *
   * @return whether the gradient is row-sparse
   */
  public boolean isRowSparse() {
    return fused;
  }

  /**
   * The rows of the flat vector written by the last {@link #lossAndGradient} call: everything for the dense
   * kernels, the dense layers and the table rows the batch read for {@code FUSED}.
   *
   * @return {@code start, end} pairs, sorted and disjoint
   */
  public int[] support() {
    return support == null ? new int[] {0, flat.length} : support.clone();
  }

  private static void gather(List<float[]> arrays, float[] out) {
    int off = 0;
    for (float[] p : arrays) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
  }

  /** Batch-norm running statistics of both towers, in a fixed order. */
  public List<float[]> runningStatistics() {
    List<float[]> s = new ArrayList<>();
    List<float[]> q = query.state();
    s.addAll(q.subList(query.parameters().size(), q.size()));
    if (!siamese) {
      List<float[]> it = item.state();
      s.addAll(it.subList(item.parameters().size(), it.size()));
    }
    return s;
  }

  /** Embeds rows with the query tower (inference mode; a plain-Java kernel whose rows do not depend on the batch). */
  public float[] embedQueries(Batch batch) {
    return query.forward(batch, false, null, 0, new JavaGemm()).embedding;
  }

  /** Embeds rows with the item tower (inference mode; batch-independent like {@link #embedQueries}). */
  public float[] embedItems(Batch batch) {
    return item.forward(batch, false, null, 0, new JavaGemm()).embedding;
  }

  /**
   * The mean loss of a batch of (query, positive item) pairs and its gradient, written into {@code gradient}
   * (same layout as {@link #flat()}, overwritten).
   *
   * @param itemKeys an id per pair's item: pairs with equal keys are not used as each other's negatives
   * @param logQ the log sampling probability of each pair's item (used when log-Q correction is on), or null
   * @param seed seed of this step's dropout, bucket substitution and random negatives
   */
  public double lossAndGradient(Batch queries, Batch items, int[] itemKeys, float[] logQ, long seed, float[] gradient) {
    if (fused) {
      return fusedLossAndGradient(queries, items, itemKeys, logQ, seed, gradient);
    }
    for (float[] g : grads) {
      Arrays.fill(g, 0f);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    Tower.Pass qp = query.forward(queries, true, rnd, config.unknownIdRate(), gemm);
    Tower.Pass ip = item.forward(items, true, rnd, config.unknownIdRate(), gemm);
    int n = queries.size;
    int d = config.outputDimension();
    float[] dU = new float[n * d];
    float[] dV = new float[n * d];
    double loss = config.loss() == TwoTowerLoss.SAMPLED_SOFTMAX
        ? Losses.sampledSoftmax(qp.embedding, ip.embedding, n, d, itemKeys,
            config.logQCorrection() ? logQ : null, (float) config.temperature(), config.hardNegatives(), dU, dV)
        : Losses.triplet(qp.embedding, ip.embedding, n, d, itemKeys, (float) config.margin(), config.hardNegatives(),
            rnd, dU, dV);
    List<float[]> qGrads = grads.subList(0, query.parameters().size());
    query.backward(qp, dU, qGrads, gemm);
    item.backward(ip, dV, siamese ? qGrads : grads.subList(query.parameters().size(), grads.size()), gemm);
    gather(grads, gradient);
    support = null;
    return loss;
  }

  /**
   * The FUSED step: towers in parallel (a siamese tower runs its two passes one after the other, since they share
   * batch-norm statistics and gradients), the fused softmax, and a gradient written only on {@link #support()}.
   * Between steps the gradients of the tables are zero; each step clears the rows it wrote.
   */
  private double fusedLossAndGradient(Batch queries, Batch items, int[] itemKeys, float[] logQ, long seed,
      float[] gradient) {
    step++;
    int qCount = query.parameters().size();
    for (int p = 0; p < grads.size(); p++) {
      if (rowWidth[p] == 0) {
        Arrays.fill(grads.get(p), 0f);
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    SplittableRandom qRnd = rnd.split();
    SplittableRandom iRnd = rnd.split();
    Tower.Pass[] passes = new Tower.Pass[2];
    int towerParts = siamese ? 1 : Math.min(2, threads);
    Parts.run(towerParts, part -> {
      if (towerParts == 1 || part == 0) {
        passes[0] = query.forward(queries, true, qRnd, config.unknownIdRate(), gemm);
      }
      if (towerParts == 1 || part == 1) {
        passes[1] = item.forward(items, true, iRnd, config.unknownIdRate(), gemm);
      }
    });
    Tower.Pass qp = passes[0];
    Tower.Pass ip = passes[1];
    int n = queries.size;
    int d = config.outputDimension();
    float[] dU = new float[n * d];
    float[] dV = new float[n * d];
    FusedSoftmax softmax = null;
    double loss;
    if (config.loss() == TwoTowerLoss.SAMPLED_SOFTMAX) {
      FusedSoftmax f = new FusedSoftmax(SoftmaxKernel.get(), qp.embedding, ip.embedding, n, d, itemKeys,
          config.logQCorrection() ? logQ : null, (float) config.temperature(), config.hardNegatives());
      Parts.run(threads, p -> f.rows(Parts.start(n, threads, p), Parts.start(n, threads, p + 1), dU));
      loss = f.loss();
      softmax = f;
    } else {
      loss = Losses.triplet(qp.embedding, ip.embedding, n, d, itemKeys, (float) config.margin(),
          config.hardNegatives(), rnd, dU, dV);
    }
    FusedSoftmax candidates = softmax;
    List<float[]> qGrads = grads.subList(0, qCount);
    List<float[]> iGrads = siamese ? qGrads : grads.subList(qCount, grads.size());
    // the query side needs dU only; the item side computes dV first
    Parts.run(towerParts, part -> {
      if (towerParts == 1 || part == 1) {
        if (candidates != null) {
          candidates.candidates(dV);
        }
        item.backward(ip, dV, iGrads, gemm);
        markTouched(item, ip, siamese ? 0 : qCount);
      }
      if (towerParts == 1 || part == 0) {
        query.backward(qp, dU, qGrads, gemm);
        markTouched(query, qp, 0);
      }
    });
    support = writeSupport(gradient);
    return loss;
  }

  /** Stamps the table rows a pass read with the current step. */
  private void markTouched(Tower t, Tower.Pass pass, int first) {
    int p = first;
    for (int i = 0; i < t.schema().ids().size(); i++, p++) {
      long[] at = touchedAt[p];
      for (int id : pass.ids[i]) {
        at[id] = step;
      }
    }
    for (int i = 0; i < t.schema().bags().size(); i++, p++) {
      long[] at = touchedAt[p];
      int[] start = pass.batch.bagStart[i];
      int[] idx = pass.batch.bagIdx[i];
      for (int j = start[0]; j < start[pass.n]; j++) {
        at[idx[j]] = step;
      }
    }
  }

  /**
   * Copies the gradient of the dense parameters and of the touched table rows into {@code gradient}, clears those
   * table rows for the next step, and returns the written ranges (adjacent rows merged).
   */
  private int[] writeSupport(float[] gradient) {
    int[] out = new int[16];
    int size = 0;
    for (int p = 0; p < grads.size(); p++) {
      float[] g = grads.get(p);
      int off = offsets[p];
      int w = rowWidth[p];
      int first = size; // ranges of one parameter array are never merged with another's
      if (w == 0) {
        System.arraycopy(g, 0, gradient, off, g.length);
        size = append(out = grow(out, size), size, first, off, off + g.length);
        continue;
      }
      long[] at = touchedAt[p];
      for (int r = 0; r < at.length; r++) {
        if (at[r] != step) {
          continue;
        }
        int from = r * w;
        System.arraycopy(g, from, gradient, off + from, w);
        Arrays.fill(g, from, from + w, 0f);
        size = append(out = grow(out, size), size, first, off + from, off + from + w);
      }
    }
    return Arrays.copyOf(out, size);
  }

  private static int[] grow(int[] a, int size) {
    return size + 2 <= a.length ? a : Arrays.copyOf(a, a.length * 2);
  }

  /**
   * Appends {@code [from, to)} to the ranges in {@code a}, merging it with the last one when adjacent and at or
   * after {@code first}.
   */
  private static int append(int[] a, int size, int first, int from, int to) {
    if (size > first && a[size - 1] == from) {
      a[size - 1] = to;
      return size;
    }
    a[size] = from;
    a[size + 1] = to;
    return size + 2;
  }
}
