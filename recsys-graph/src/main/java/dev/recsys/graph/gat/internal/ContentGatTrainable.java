package dev.recsys.graph.gat.internal;

import dev.recsys.core.training.Trainable;
import dev.recsys.graph.gat.EdgeType;
import dev.recsys.graph.gat.HeteroGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
    List<Integer> top = new ArrayList<>();
    List<Integer> cand = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      int[] seq = g.sequence(exSeq[batch[i]]);
      int p = exPos[batch[i]];
      int from = Math.max(0, p - maxPrefix);
      seeds[i] = Arrays.copyOfRange(seq, from, p);
      targets[i] = seq[p];
      cand.add(seq[p]);
      int hard = hardNegative(seq[p], seeds[i][seeds[i].length - 1], (i & 1) == 0, random);
      if (hard >= 0) {
        cand.add(hard);
      }
    }
    for (int q = 0; q < negatives; q++) {
      cand.add(random.nextInt(nt));
    }
    for (int[] s : seeds) {
      for (int t : s) {
        top.add(t);
      }
    }
    ContentGatNetwork.Batch fw = net.forward(params, top.stream().mapToInt(Integer::intValue).toArray(), random,
        idDrop, false);
    ContentGatNetwork.Batch cw = net.forward(params, cand.stream().mapToInt(Integer::intValue).toArray(), random,
        idDrop, true);
    int[] tracks = fw.tracks();
    Map<Integer, Integer> local = new HashMap<>(tracks.length * 2);
    for (int i = 0; i < tracks.length; i++) {
      local.put(tracks[i], i);
    }
    int[] candTracks = cw.tracks();
    Map<Integer, Integer> candIndex = new HashMap<>(candTracks.length * 2);
    for (int i = 0; i < candTracks.length; i++) {
      candIndex.put(candTracks[i], i);
    }
    int[] candLocal = java.util.stream.IntStream.range(0, candTracks.length).toArray();
    int nc = candLocal.length;
    double loss = 0;
    float[] q = new float[dim];
    float[] qn = new float[1];
    float[] dq = new float[dim];
    float[] z = new float[nc];
    for (int i = 0; i < b; i++) {
      int n = seeds[i].length;
      float[][] sv = new float[n][];
      int[] sl = new int[n];
      for (int k = 0; k < n; k++) {
        sl[k] = local.get(seeds[i][k]);
        sv[k] = fw.top(sl[k]);
      }
      float[] beta = net.pool(params, sv, q, qn);
      int pos = candIndex.get(targets[i]);
      float max = Float.NEGATIVE_INFINITY;
      int posC = -1;
      for (int c = 0; c < nc; c++) {
        int li = candLocal[c];
        if (li == pos) {
          posC = c;
        }
        float[] h = cw.top(li);
        float s = 0;
        for (int j = 0; j < dim; j++) {
          s += q[j] * h[j];
        }
        z[c] = scale * s;
      }
      for (int t : seeds[i]) {
        Integer ci = candIndex.get(t);
        if (ci != null && ci != pos) {
          z[ci] = Float.NEGATIVE_INFINITY;
        }
      }
      for (int c = 0; c < nc; c++) {
        max = Math.max(max, z[c]);
      }
      double sum = 0;
      for (int c = 0; c < nc; c++) {
        sum += Math.exp(z[c] - max);
      }
      loss += -(z[posC] - max - Math.log(sum));
      Arrays.fill(dq, 0f);
      for (int c = 0; c < nc; c++) {
        if (z[c] == Float.NEGATIVE_INFINITY) {
          continue;
        }
        float pc = (float) (Math.exp(z[c] - max) / sum);
        float dz = (pc - (c == posC ? 1f : 0f)) / b;
        if (dz == 0f) {
          continue;
        }
        float[] h = cw.top(candLocal[c]);
        float[] dh = cw.topGrad(candLocal[c]);
        float k = scale * dz;
        for (int j = 0; j < dim; j++) {
          dq[j] += k * h[j];
          dh[j] += k * q[j];
        }
      }
      float[][] ds = new float[n][dim];
      net.poolBackward(params, sv, beta, q, qn[0], dq, gradient, ds);
      for (int k = 0; k < n; k++) {
        float[] d = fw.topGrad(sl[k]);
        for (int j = 0; j < dim; j++) {
          d[j] += ds[k][j];
        }
      }
    }
    fw.backward(gradient);
    cw.backward(gradient);
    return loss / b;
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
        float s = 0;
        int o = t * dim;
        for (int j = 0; j < dim; j++) {
          s += q[j] * cand[o + j];
        }
        scores[t] = s;
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
