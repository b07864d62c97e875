package dev.recsys.graph.gat.internal;

import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.training.Trainable;
import dev.recsys.graph.gat.EdgeType;
import dev.recsys.graph.gat.HeteroGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Sampled-softmax training of the {@link ContentGatNetwork}: an example is a position {@code p >= 1} of a session or
 * playlist of the training graph; the tracks before it (at most {@code maxPrefix}, oldest first) are pooled into a
 * query that must give the track at {@code p} the highest score among the batch's candidates: every target of the
 * batch (in-batch negatives), {@code negatives} tracks drawn uniformly from the whole catalogue (cold tracks
 * included) and one hard negative per example (alternately a track sharing the target's genre or artist, and a
 * track co-occurring with the newest seed). The example's own seeds are masked out of its softmax. Validation:
 * recall@20 of held-out tracks of validation listeners over all tracks, with the inference-time network.
 */
public final class ContentGatTrainable implements Trainable {
  private static final VectorKernels VK = VectorKernels.get();
  private final ContentGatNetwork net;
  private final float[] params;
  private final int maxPrefix;
  private final int negatives;
  private final float scale;
  private final double idDrop;
  private final int[] exSeq;
  private final int[] exPos;
  private final int[][] valSeeds;
  private final int[][] valTargets;
  private final int[][] byGenre;
  private final int[][] byArtist;

  /**
   * Prepares the examples of the network's graph.
   *
   * @param net the network
   * @param params the live parameters
   * @param maxPrefix the longest pooled prefix
   * @param negatives uniform negatives per batch
   * @param temperature softmax temperature of the unit-vector scores
   * @param idDrop probability of dropping a warm track's id embedding in a step
   * @param valSeeds validation queries (track indices, oldest first)
   * @param valTargets held-out tracks of each validation query
   */
  public ContentGatTrainable(ContentGatNetwork net, float[] params, int maxPrefix, int negatives, double temperature,
      double idDrop, int[][] valSeeds, int[][] valTargets) {
    this.net = net;
    this.params = params;
    this.maxPrefix = maxPrefix;
    this.negatives = negatives;
    this.scale = (float) (1 / temperature);
    this.idDrop = idDrop;
    this.valSeeds = valSeeds;
    this.valTargets = valTargets;
    HeteroGraph g = net.graph();
    int count = 0;
    for (int s = 0; s < g.sequenceCount(); s++) {
      count += Math.max(0, g.sequence(s).length - 1);
    }
    exSeq = new int[count];
    exPos = new int[count];
    int e = 0;
    for (int s = 0; s < g.sequenceCount(); s++) {
      for (int p = 1; p < g.sequence(s).length; p++) {
        exSeq[e] = s;
        exPos[e++] = p;
      }
    }
    TrackContent c = net.content();
    byGenre = invert(c.genres, g.genres().size());
    byArtist = invert(c.artists, g.artists().size());
  }

  private static int[][] invert(int[][] lists, int n) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    for (int t = 0; t < lists.length; t++) {
      for (int x : lists[t]) {
        out.get(x).add(t);
      }
    }
    int[][] r = new int[n][];
    for (int i = 0; i < n; i++) {
      r[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return r;
  }

  @Override
  public float[] parameters() {
    return params;
  }

  @Override
  public int trainingExamples() {
    return exSeq.length;
  }

  /**
   * Number of validation queries.
   *
   * @return the number of validation queries
   */
  public int validationExamples() {
    return valSeeds.length;
  }

  @Override
  public double gradient(int[] batch, float[] gradient, long batchSeed) {
    Arrays.fill(gradient, 0f);
    SplittableRandom random = new SplittableRandom(batchSeed);
    HeteroGraph g = net.graph();
    int nt = g.tracks().size();
    int dim = net.dim();
    int b = batch.length;
    int[][] seeds = new int[b][];
    int[] targets = new int[b];
    int[] cand = new int[2 * b + negatives];
    int nCand = 0;
    int nTop = 0;
    for (int i = 0; i < b; i++) {
      int[] seq = g.sequence(exSeq[batch[i]]);
      int p = exPos[batch[i]];
      int from = Math.max(0, p - maxPrefix);
      seeds[i] = Arrays.copyOfRange(seq, from, p);
      nTop += seeds[i].length;
      targets[i] = seq[p];
      cand[nCand++] = seq[p];
      int hard = hardNegative(seq[p], seeds[i][seeds[i].length - 1], (i & 1) == 0, random);
      if (hard >= 0) {
        cand[nCand++] = hard;
      }
    }
    for (int q = 0; q < negatives; q++) {
      cand[nCand++] = random.nextInt(nt);
    }
    int[] top = new int[nTop];
    for (int i = 0, k = 0; i < b; i++) {
      System.arraycopy(seeds[i], 0, top, k, seeds[i].length);
      k += seeds[i].length;
    }
    ContentGatNetwork.Batch fw = net.forward(params, top, random, idDrop, false);
    ContentGatNetwork.Batch cw = net.forward(params, Arrays.copyOf(cand, nCand), random, idDrop, true);
    int[] local = indexOf(fw.tracks(), nt);
    int[] candIndex = indexOf(cw.tracks(), nt);
    int nc = cw.tracks().length;
    float[] qv = fw.top();
    float[] cv = cw.top();
    // per example (in parallel): pool, softmax over the candidates, the query's and the pooling's gradients
    float[] dz = new float[b * nc];
    float[] queries = new float[b * dim];
    double[] losses = new double[b];
    float[][] dPool = new float[b][];
    float[][][] dSeeds = new float[b][][];
    int[] candRow = new int[nc];
    for (int c = 0; c < nc; c++) {
      candRow[c] = c * dim;
    }
    IntStream.range(0, b).parallel().forEach(i -> {
      int n = seeds[i].length;
      float[][] sv = new float[n][];
      for (int k = 0; k < n; k++) {
        int o = local[seeds[i][k]] * dim;
        sv[k] = Arrays.copyOfRange(qv, o, o + dim);
      }
      float[] q = new float[dim];
      float[] qn = new float[1];
      float[] beta = net.pool(params, sv, q, qn);
      System.arraycopy(q, 0, queries, i * dim, dim);
      int pos = candIndex[targets[i]];
      float[] z = new float[nc];
      VK.dotLanesAt(q, 0, cv, candRow, 0, nc, z, 0, dim);
      for (int c = 0; c < nc; c++) {
        z[c] *= scale;
      }
      for (int t : seeds[i]) {
        int ci = candIndex[t];
        if (ci >= 0 && ci != pos) {
          z[ci] = Float.NEGATIVE_INFINITY;
        }
      }
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < nc; c++) {
        max = Math.max(max, z[c]);
      }
      double[] ez = new double[nc];
      double sum = 0;
      for (int c = 0; c < nc; c++) {
        ez[c] = Math.exp(z[c] - max);
        sum += ez[c];
      }
      losses[i] = -(z[pos] - max - Math.log(sum));
      float[] dq = new float[dim];
      int row = i * nc;
      for (int c = 0; c < nc; c++) {
        if (z[c] == Float.NEGATIVE_INFINITY) {
          continue;
        }
        float pc = (float) (ez[c] / sum);
        dz[row + c] = scale * (pc - (c == pos ? 1f : 0f)) / b;
      }
      VK.axpyRows(dz, row, 1, nc, cv, 0, dim, dq, 0, dim);
      dPool[i] = new float[dim + 1];
      dSeeds[i] = new float[n][dim];
      net.poolBackward(params, sv, beta, q, qn[0], dq, dPool[i], dSeeds[i]);
    });
    // gathered in example order
    double loss = 0;
    float[] dTop = fw.topGrad();
    for (int i = 0; i < b; i++) {
      loss += losses[i];
      net.addPoolGradient(dPool[i], gradient);
      for (int k = 0; k < seeds[i].length; k++) {
        VK.axpy(1f, dSeeds[i][k], 0, dTop, local[seeds[i][k]] * dim, dim);
      }
    }
    // each candidate's gradient gathered over the examples, in example order
    float[] dCand = cw.topGrad();
    // (blocks of 64 candidates share each load of a query: the same multiply-adds in the same order)
    IntStream.range(0, (nc + 63) / 64).parallel().forEach(block -> {
      int c0 = block * 64;
      VK.addOuterProducts(dz, c0, nc, Math.min(64, nc - c0), queries, 0, dim, b, dCand, c0 * dim, dim);
    });
    fw.backward(gradient);
    cw.backward(gradient);
    return loss / b;
  }

  /** Position of every track in {@code tracks}, -1 for the others. */
  private static int[] indexOf(int[] tracks, int nt) {
    int[] index = new int[nt];
    Arrays.fill(index, -1);
    for (int i = 0; i < tracks.length; i++) {
      index[tracks[i]] = i;
    }
    return index;
  }

  private int hardNegative(int target, int lastSeed, boolean content, SplittableRandom random) {
    HeteroGraph g = net.graph();
    TrackContent c = net.content();
    if (content) {
      int[] pool;
      if (c.artists[target].length > 0 && random.nextBoolean()) {
        pool = byArtist[c.artists[target][random.nextInt(c.artists[target].length)]];
      } else if (c.genres[target].length > 0) {
        pool = byGenre[c.genres[target][random.nextInt(c.genres[target].length)]];
      } else {
        return -1;
      }
      int t = pool[random.nextInt(pool.length)];
      return t == target ? -1 : t;
    }
    int deg = g.degree(EdgeType.TRACK_TRACK, lastSeed);
    if (deg == 0) {
      return -1;
    }
    int t = g.neighbour(EdgeType.TRACK_TRACK, lastSeed, random.nextInt(deg));
    return t == target ? -1 : t;
  }

  @Override
  public double validate() {
    if (valSeeds.length == 0) {
      return Double.NaN;
    }
    float[] queries = net.embedAll(params, false).vectors();
    float[] candidates = net.embedAll(params, true).vectors();
    return recall(net, params, queries, candidates, valSeeds, valTargets, maxPrefix, 20);
  }

  /**
   * Mean recall@{@code k} of held-out tracks over all tracks, the query's seeds excluded.
   *
   * @param net the network
   * @param params the parameters
   * @param emb every track's query-side vector
   * @param cand every track's candidate-side vector
   * @param seeds the queries
   * @param targets the held-out tracks
   * @param maxPrefix the longest pooled prefix
   * @param k the cut-off
   * @return the mean recall
   */
  public static double recall(ContentGatNetwork net, float[] params, float[] emb, float[] cand, int[][] seeds,
      int[][] targets, int maxPrefix, int k) {
    int dim = net.dim();
    int nt = emb.length / dim;
    double total = 0;
    int users = 0;
    float[] q = new float[dim];
    float[] qn = new float[1];
    float[] scores = new float[nt];
    for (int v = 0; v < seeds.length; v++) {
      if (seeds[v].length == 0 || targets[v].length == 0) {
        continue;
      }
      int from = Math.max(0, seeds[v].length - maxPrefix);
      int n = seeds[v].length - from;
      float[][] sv = new float[n][];
      for (int i = 0; i < n; i++) {
        int t = seeds[v][from + i];
        sv[i] = Arrays.copyOfRange(emb, t * dim, t * dim + dim);
      }
      net.pool(params, sv, q, qn);
      for (int t = 0; t < nt; t++) {
        scores[t] = VK.dotLanes(q, 0, cand, t * dim, dim);
      }
      for (int t : seeds[v]) {
        scores[t] = Float.NEGATIVE_INFINITY;
      }
      int hits = 0;
      for (int target : targets[v]) {
        float ts = scores[target];
        int better = 0;
        for (int t = 0; t < nt && better < k; t++) {
          if (scores[t] > ts) {
            better++;
          }
        }
        if (better < k && ts != Float.NEGATIVE_INFINITY) {
          hits++;
        }
      }
      total += hits / (double) targets[v].length;
      users++;
    }
    return users == 0 ? Double.NaN : total / users;
  }
}
