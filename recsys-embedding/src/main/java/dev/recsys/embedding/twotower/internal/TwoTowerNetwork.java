package dev.recsys.embedding.twotower.internal;

import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.internal.JavaGemm;
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
 * <p>Not thread-safe while training; {@link #embed} only reads and may run concurrently with other embeds.
 */
public final class TwoTowerNetwork {
  private final TwoTowerConfig config;
  private final Tower query;
  private final Tower item;
  private final boolean siamese;
  private final List<float[]> params = new ArrayList<>();
  private final List<float[]> grads = new ArrayList<>();
  private final float[] flat;
  private final Gemm gemm;

  /** A network with freshly initialised weights drawn from the config's seed. */
  public TwoTowerNetwork(TwoTowerConfig config, FeatureSchema querySchema, FeatureSchema itemSchema, Gemm.Kind gemm) {
    this.config = config;
    this.gemm = gemm.create();
    this.query = new Tower(querySchema, config.hiddenLayers(), config.outputDimension(), config.activation(),
        config.batchNorm(), config.dropout(), config.seed() * 0x9E3779B97F4A7C15L + 1);
    this.siamese = itemSchema == null;
    this.item = siamese ? query : new Tower(itemSchema, config.hiddenLayers(), config.outputDimension(),
        config.activation(), config.batchNorm(), config.dropout(), config.seed() * 0x9E3779B97F4A7C15L + 2);
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
    return loss;
  }
}
