package dev.recsys.graph.gat.internal;

import dev.recsys.graph.gat.EdgeType;
import dev.recsys.graph.gat.HeteroGraph;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The content graph attention network, with explicit forward and backward passes on a flat {@code float[]}.
 *
 * <p>Input of track {@code t}: {@code x = b + W_f f_t + mean_a A[a] + mean_g G[g] + L[album] + E[t]} (numeric
 * content {@code f_t}, artist, genre and album tables; the id embedding {@code E[t]} only for tracks with plays, and
 * dropped at random in training), {@code h0 = x / |x|}. Layer {@code l}: the track attends to its sampled
 * co-occurring tracks (their {@code h(l-1)}; query side only) and to its artists, genres and album (their table rows) with
 * {@code e_k = s_l (h(l-1)_t . v_k) + b_l[type_k]}, {@code alpha = softmax(e)}, and
 * {@code h(l) = normalise(h(l-1)_t + W_l sum_k alpha_k v_k)} (residual, L2 normalisation). A query pools the
 * seed tracks' last-layer vectors with {@code beta = softmax(u . h_i - rho * age_i)} (age 0 for the newest seed),
 * {@code q = normalise(sum beta_i h_i)}, and scores a track {@code gamma q . c_t}, where the candidate vector
 * {@code c_t} is computed by the same layers without co-occurring tracks: a candidate's own co-occurrence edges
 * would carry the training label (the seeds it was listed with) and exist only for warm tracks, so a cold track
 * and a warm one are scored alike, through content, artists, genres, album and (warm only) the id embedding.
 */
public final class ContentGatNetwork {
  /** Neighbour kinds of the attention. */
  public static final int KIND_TRACK = 0;
  /** Artist neighbour. */
  public static final int KIND_ARTIST = 1;
  /** Genre neighbour. */
  public static final int KIND_GENRE = 2;
  /** Album neighbour. */
  public static final int KIND_ALBUM = 3;
  private static final int KINDS = 4;

  private final HeteroGraph graph;
  private final TrackContent content;
  private final int dim;
  private final int layers;
  private final int[] fanout;
  private final int nt;
  private final int idOff;
  private final int artOff;
  private final int genOff;
  private final int albOff;
  private final int wfOff;
  private final int bfOff;
  private final int[] wOff;
  private final int[] sOff;
  private final int[] tbOff;
  private final int uOff;
  private final int rhoOff;
  private final int count;

  /**
   * A network over {@code graph}'s tracks.
   *
   * @param graph the graph
   * @param content the track inputs
   * @param dim the embedding size
   * @param fanout co-occurring tracks attended per layer (length = number of layers, first = layer 1)
   */
  public ContentGatNetwork(HeteroGraph graph, TrackContent content, int dim, int[] fanout) {
    this.graph = graph;
    this.content = content;
    this.dim = dim;
    this.layers = fanout.length;
    this.fanout = fanout.clone();
    this.nt = graph.tracks().size();
    int o = 0;
    idOff = o;
    o += nt * dim;
    artOff = o;
    o += graph.artists().size() * dim;
    genOff = o;
    o += graph.genres().size() * dim;
    albOff = o;
    o += content.albums * dim;
    wfOff = o;
    o += dim * content.width;
    bfOff = o;
    o += dim;
    wOff = new int[layers];
    sOff = new int[layers];
    tbOff = new int[layers];
    for (int l = 0; l < layers; l++) {
      wOff[l] = o;
      o += dim * dim;
      sOff[l] = o;
      o += 1;
      tbOff[l] = o;
      o += KINDS;
    }
    uOff = o;
    o += dim;
    rhoOff = o;
    o += 1;
    count = o;
  }

  /**
   * The number of parameters.
   *
   * @return the number of parameters
   */
  public int parameterCount() {
    return count;
  }

  /**
   * The embedding size.
   *
   * @return the embedding size
   */
  public int dim() {
    return dim;
  }

  /**
   * The graph.
   *
   * @return the graph
   */
  public HeteroGraph graph() {
    return graph;
  }

  /**
   * The track inputs.
   *
   * @return the track inputs
   */
  public TrackContent content() {
    return content;
  }

  /**
   * The number of attention layers.
   *
   * @return the number of attention layers
   */
  public int layers() {
    return layers;
  }

  /**
   * Seeded initial parameters: tables and matrices Gaussian with standard deviation {@code 1/sqrt(dim)} (id
   * embeddings start at zero), layer matrices near zero so each layer starts close to the identity, attention scale
   * 1, pooling vector zero and recency rate 0.1.
   *
   * @param seed the seed
   * @return the parameters
   */
  public float[] initialParameters(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[count];
    double sd = 1 / Math.sqrt(dim);
    for (int i = artOff; i < bfOff; i++) {
      p[i] = (float) (gauss(r) * sd);
    }
    for (int l = 0; l < layers; l++) {
      for (int i = 0; i < dim * dim; i++) {
        p[wOff[l] + i] = (float) (gauss(r) * sd * 0.5);
      }
      p[sOff[l]] = 1f;
    }
    p[rhoOff] = 0.1f;
    return p;
  }

  private static double gauss(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  // ---------------------------------------------------------------- one node's computation

  /** The layer-0 vector of track {@code t}; writes {@code x / |x|} to {@code h} and returns {@code |x|}. */
  float input(float[] p, int t, boolean useId, float[] h) {
    int w = content.width;
    int fo = t * w;
    for (int i = 0; i < dim; i++) {
      float acc = p[bfOff + i];
      int row = wfOff + i * w;
      for (int j = 0; j < w; j++) {
        acc += p[row + j] * content.numeric[fo + j];
      }
      h[i] = acc;
    }
    addMean(p, artOff, content.artists[t], h, 1f);
    addMean(p, genOff, content.genres[t], h, 1f);
    if (content.album[t] >= 0) {
      int ao = albOff + content.album[t] * dim;
      for (int i = 0; i < dim; i++) {
        h[i] += p[ao + i];
      }
    }
    if (useId) {
      int io = idOff + t * dim;
      for (int i = 0; i < dim; i++) {
        h[i] += p[io + i];
      }
    }
    return normalise(h);
  }

  private void addMean(float[] p, int off, int[] rows, float[] h, float scale) {
    if (rows.length == 0) {
      return;
    }
    float c = scale / rows.length;
    for (int row : rows) {
      int o = off + row * dim;
      for (int i = 0; i < dim; i++) {
        h[i] += c * p[o + i];
      }
    }
  }

  private void inputBackward(float[] p, int t, boolean useId, float[] h, float norm, float[] dh, float[] grad,
      float[] dx) {
    normaliseBackward(h, norm, dh, dx);
    int w = content.width;
    int fo = t * w;
    for (int i = 0; i < dim; i++) {
      float g = dx[i];
      if (g == 0f) {
        continue;
      }
      grad[bfOff + i] += g;
      int row = wfOff + i * w;
      for (int j = 0; j < w; j++) {
        grad[row + j] += g * content.numeric[fo + j];
      }
    }
    scatterMean(grad, artOff, content.artists[t], dx);
    scatterMean(grad, genOff, content.genres[t], dx);
    if (content.album[t] >= 0) {
      int ao = albOff + content.album[t] * dim;
      for (int i = 0; i < dim; i++) {
        grad[ao + i] += dx[i];
      }
    }
    if (useId) {
      int io = idOff + t * dim;
      for (int i = 0; i < dim; i++) {
        grad[io + i] += dx[i];
      }
    }
  }

  private void scatterMean(float[] grad, int off, int[] rows, float[] d) {
    if (rows == null || rows.length == 0) {
      return;
    }
    float c = 1f / rows.length;
    for (int row : rows) {
      int o = off + row * dim;
      for (int i = 0; i < dim; i++) {
        grad[o + i] += c * d[i];
      }
    }
  }

  /** Normalises {@code v} in place and returns its former norm. */
  static float normalise(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    float n = (float) Math.sqrt(s) + 1e-6f;
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
    return n;
  }

  /** {@code dx = (dh - h (h . dh)) / norm} for {@code h = x / norm}. */
  static void normaliseBackward(float[] h, float norm, float[] dh, float[] dx) {
    float dot = 0;
    for (int i = 0; i < h.length; i++) {
      dot += h[i] * dh[i];
    }
    for (int i = 0; i < h.length; i++) {
      dx[i] = (dh[i] - h[i] * dot) / norm;
    }
  }

  /** The attention of one node of a layer: its neighbours' kinds and references, the weights and the output. */
  public static final class Att {
    Att() {}

    int[] kind;
    int[] ref; // track: local index in the previous level (or global track in inference); else table row
    float[] alpha;
    float[] dots;
    float[] m;
    float[] h;
    float norm;
    int self; // local index of the node itself in the previous level
  }

  private Att attend(float[] p, int l, int t, int[] trackRefs, float[][] prevVectors, int self, float[] prevSelf) {
    Att a = new Att();
    int na = content.artists[t].length;
    int ng = content.genres[t].length;
    int nal = content.album[t] >= 0 ? 1 : 0;
    int n = trackRefs.length + na + ng + nal;
    a.kind = new int[n];
    a.ref = new int[n];
    a.alpha = new float[n];
    a.dots = new float[n];
    a.self = self;
    int k = 0;
    for (int r : trackRefs) {
      a.kind[k] = KIND_TRACK;
      a.ref[k++] = r;
    }
    for (int r : content.artists[t]) {
      a.kind[k] = KIND_ARTIST;
      a.ref[k++] = r;
    }
    for (int r : content.genres[t]) {
      a.kind[k] = KIND_GENRE;
      a.ref[k++] = r;
    }
    if (nal == 1) {
      a.kind[k] = KIND_ALBUM;
      a.ref[k] = content.album[t];
    }
    float s = p[sOff[l]];
    float max = Float.NEGATIVE_INFINITY;
    for (k = 0; k < n; k++) {
      float d = 0;
      if (a.kind[k] == KIND_TRACK) {
        float[] v = prevVectors[a.ref[k]];
        for (int i = 0; i < dim; i++) {
          d += prevSelf[i] * v[i];
        }
      } else {
        int o = tableRow(a.kind[k], a.ref[k]);
        for (int i = 0; i < dim; i++) {
          d += prevSelf[i] * p[o + i];
        }
      }
      a.dots[k] = d;
      float e = s * d + p[tbOff[l] + a.kind[k]];
      a.alpha[k] = e;
      max = Math.max(max, e);
    }
    float sum = 0;
    for (k = 0; k < n; k++) {
      float v = (float) Math.exp(a.alpha[k] - max);
      a.alpha[k] = v;
      sum += v;
    }
    a.m = new float[dim];
    for (k = 0; k < n; k++) {
      a.alpha[k] /= sum;
      float al = a.alpha[k];
      if (a.kind[k] == KIND_TRACK) {
        float[] v = prevVectors[a.ref[k]];
        for (int i = 0; i < dim; i++) {
          a.m[i] += al * v[i];
        }
      } else {
        int o = tableRow(a.kind[k], a.ref[k]);
        for (int i = 0; i < dim; i++) {
          a.m[i] += al * p[o + i];
        }
      }
    }
    a.h = new float[dim];
    int w = wOff[l];
    for (int i = 0; i < dim; i++) {
      float acc = prevSelf[i];
      int row = w + i * dim;
      if (n > 0) {
        for (int j = 0; j < dim; j++) {
          acc += p[row + j] * a.m[j];
        }
      }
      a.h[i] = acc;
    }
    a.norm = normalise(a.h);
    return a;
  }

  /**
   * Offset of the table row of an artist, genre or album neighbour in the parameters.
   *
   * @param kind {@link #KIND_ARTIST}, {@link #KIND_GENRE} or {@link #KIND_ALBUM}
   * @param ref the row
   * @return the offset
   */
  public int tableOffset(int kind, int ref) {
    return tableRow(kind, ref);
  }

  private int tableRow(int kind, int ref) {
    return switch (kind) {
      case KIND_ARTIST -> artOff + ref * dim;
      case KIND_GENRE -> genOff + ref * dim;
      default -> albOff + ref * dim;
    };
  }

  /** Backward of {@link #attend}: {@code dh} of the output; accumulates into {@code dPrev} and {@code grad}. */
  private void attendBackward(float[] p, int l, Att a, float[][] prevVectors, float[] prevSelf, float[] dh,
      float[][] dPrev, float[] grad, float[] du, float[] dm) {
    normaliseBackward(a.h, a.norm, dh, du);
    float[] dSelf = dPrev[a.self];
    for (int i = 0; i < dim; i++) {
      dSelf[i] += du[i];
    }
    int n = a.kind.length;
    if (n == 0) {
      return;
    }
    int w = wOff[l];
    Arrays.fill(dm, 0f);
    for (int i = 0; i < dim; i++) {
      float g = du[i];
      int row = w + i * dim;
      for (int j = 0; j < dim; j++) {
        grad[row + j] += g * a.m[j];
        dm[j] += p[row + j] * g;
      }
    }
    float[] dalpha = new float[n];
    float dot = 0;
    for (int k = 0; k < n; k++) {
      float d = 0;
      float al = a.alpha[k];
      if (a.kind[k] == KIND_TRACK) {
        float[] v = prevVectors[a.ref[k]];
        float[] dv = dPrev[a.ref[k]];
        for (int i = 0; i < dim; i++) {
          d += dm[i] * v[i];
          dv[i] += al * dm[i];
        }
      } else {
        int o = tableRow(a.kind[k], a.ref[k]);
        for (int i = 0; i < dim; i++) {
          d += dm[i] * p[o + i];
          grad[o + i] += al * dm[i];
        }
      }
      dalpha[k] = d;
      dot += al * d;
    }
    float s = p[sOff[l]];
    for (int k = 0; k < n; k++) {
      float de = a.alpha[k] * (dalpha[k] - dot);
      if (de == 0f) {
        continue;
      }
      grad[sOff[l]] += de * a.dots[k];
      grad[tbOff[l] + a.kind[k]] += de;
      float c = de * s;
      if (a.kind[k] == KIND_TRACK) {
        float[] v = prevVectors[a.ref[k]];
        float[] dv = dPrev[a.ref[k]];
        for (int i = 0; i < dim; i++) {
          dSelf[i] += c * v[i];
          dv[i] += c * prevSelf[i];
        }
      } else {
        int o = tableRow(a.kind[k], a.ref[k]);
        for (int i = 0; i < dim; i++) {
          dSelf[i] += c * p[o + i];
          grad[o + i] += c * prevSelf[i];
        }
      }
    }
  }

  // ---------------------------------------------------------------- a mini-batch's computation graph

  /**
   * The computation graph of a set of top-level tracks: level {@code L} holds them, level {@code l - 1} adds the
   * sampled co-occurring tracks of every node of level {@code l}. Each node is computed once per batch.
   */
  public final class Batch {
    private final int[][] nodes;
    final float[][][] h;
    final float[] norms0;
    final boolean[] useId;
    final Att[][] att;
    final float[][][] dh;

    private final float[] params;

    Batch(float[] params, int[] top, SplittableRandom random, double idDrop, boolean candidates) {
      this.params = params;
      nodes = new int[layers + 1][];
      h = new float[layers + 1][][];
      att = new Att[layers + 1][];
      dh = new float[layers + 1][][];
      java.util.HashMap<Integer, Integer> map = new java.util.HashMap<>();
      int[] cur = dedupe(top, map);
      nodes[layers] = cur;
      int[][][] sampled = new int[layers + 1][][];
      for (int l = layers; l >= 1; l--) {
        java.util.LinkedHashMap<Integer, Integer> next = new java.util.LinkedHashMap<>();
        for (int t : nodes[l]) {
          next.putIfAbsent(t, next.size());
        }
        int[][] nb = new int[nodes[l].length][];
        for (int i = 0; i < nodes[l].length; i++) {
          int[] chosen = candidates ? new int[0] : sample(nodes[l][i], fanout[l - 1], random);
          nb[i] = new int[chosen.length];
          for (int k = 0; k < chosen.length; k++) {
            Integer idx = next.get(chosen[k]);
            if (idx == null) {
              idx = next.size();
              next.put(chosen[k], idx);
            }
            nb[i][k] = idx;
          }
        }
        sampled[l] = nb;
        int[] prev = new int[next.size()];
        int i = 0;
        for (int t : next.keySet()) {
          prev[i++] = t;
        }
        nodes[l - 1] = prev;
      }
      int n0 = nodes[0].length;
      h[0] = new float[n0][dim];
      norms0 = new float[n0];
      useId = new boolean[n0];
      for (int i = 0; i < n0; i++) {
        int t = nodes[0][i];
        useId[i] = content.warm[t] && (idDrop <= 0 || random.nextDouble() >= idDrop);
      }
      IntStream.range(0, n0).parallel().forEach(i -> norms0[i] = input(p(), nodes[0][i], useId[i], h[0][i]));
      for (int l = 1; l <= layers; l++) {
        int nl = nodes[l].length;
        att[l] = new Att[nl];
        h[l] = new float[nl][];
        final int lev = l;
        IntStream.range(0, nl).parallel().forEach(i -> {
          // node i of level l is node i of level l-1 (levels are prefixes of each other)
          Att a = attend(p(), lev - 1, nodes[lev][i], sampled[lev][i], h[lev - 1], i, h[lev - 1][i]);
          att[lev][i] = a;
          h[lev][i] = a.h;
        });
      }
      for (int l = 0; l <= layers; l++) {
        dh[l] = new float[nodes[l].length][dim];
      }
    }

    private float[] p() {
      return params;
    }

    /** Local top-level index of each distinct track, in order of first appearance. */
    public int[] tracks() {
      return nodes[layers];
    }

    /** The top-level vector of node {@code i}. */
    public float[] top(int i) {
      return h[layers][i];
    }

    /** The gradient slot of top-level node {@code i}. */
    public float[] topGrad(int i) {
      return dh[layers][i];
    }

    /** Back-propagates the top-level gradients into {@code grad}. */
    public void backward(float[] grad) {
      float[] du = new float[dim];
      float[] dm = new float[dim];
      for (int l = layers; l >= 1; l--) {
        for (int i = 0; i < nodes[l].length; i++) {
          attendBackward(params, l - 1, att[l][i], h[l - 1], h[l - 1][i], dh[l][i], dh[l - 1], grad, du, dm);
        }
      }
      float[] dx = new float[dim];
      for (int i = 0; i < nodes[0].length; i++) {
        inputBackward(params, nodes[0][i], useId[i], h[0][i], norms0[i], dh[0][i], grad, dx);
      }
    }
  }

  private static int[] dedupe(int[] top, java.util.Map<Integer, Integer> map) {
    int[] out = new int[top.length];
    int n = 0;
    for (int t : top) {
      if (!map.containsKey(t)) {
        map.put(t, n);
        out[n++] = t;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Builds the computation graph of the distinct tracks in {@code top} (their order of first appearance) and runs
   * it forward.
   *
   * @param p the parameters
   * @param top the top-level tracks (duplicates are computed once)
   * @param random draws the neighbour samples and id dropout
   * @param idDrop probability of dropping a warm track's id embedding
   * @param candidates true for the candidate side (no co-occurring tracks attended)
   * @return the batch
   */
  public Batch forward(float[] p, int[] top, SplittableRandom random, double idDrop, boolean candidates) {
    return new Batch(p, top, random, idDrop, candidates);
  }

  /** Neighbour sample of {@code t}: {@code k} co-occurring tracks drawn without replacement, weight-proportional. */
  int[] sample(int t, int k, SplittableRandom random) {
    int deg = graph.degree(EdgeType.TRACK_TRACK, t);
    if (deg <= k || random == null) {
      int n = Math.min(deg, k);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = graph.neighbour(EdgeType.TRACK_TRACK, t, i);
      }
      return out;
    }
    // Efraimidis-Spirakis keys
    double[] keys = new double[deg];
    Integer[] order = new Integer[deg];
    for (int i = 0; i < deg; i++) {
      double w = Math.max(1e-6, graph.weight(EdgeType.TRACK_TRACK, t, i));
      keys[i] = Math.log(random.nextDouble() + 1e-300) / w;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = graph.neighbour(EdgeType.TRACK_TRACK, t, order[i]);
    }
    return out;
  }

  // ---------------------------------------------------------------- inference over every track

  /**
   * The output vectors of every track (top-{@code fanout} co-occurring tracks by weight on the query side, none on
   * the candidate side; id embeddings of warm tracks), row-major {@code tracks x dim}, and the last layer's
   * attention of every track.
   *
   * @param p the parameters
   * @param candidates true for the candidate side (no co-occurring tracks attended)
   * @return the embeddings
   */
  public Embedded embedAll(float[] p, boolean candidates) {
    final float[][] first = new float[nt][dim];
    IntStream.range(0, nt).parallel().forEach(t -> input(p, t, content.warm[t], first[t]));
    float[][] prev = first;
    Att[] last = new Att[nt];
    for (int l = 1; l <= layers; l++) {
      float[][] cur = new float[nt][];
      final float[][] pv = prev;
      final int lev = l;
      IntStream.range(0, nt).parallel().forEach(t -> {
        Att a = attend(p, lev - 1, t, candidates ? new int[0] : sample(t, fanout[lev - 1], null), pv, t, pv[t]);
        cur[t] = a.h;
        if (lev == layers) {
          a.m = null;
          last[t] = a;
        }
      });
      prev = cur;
    }
    float[] out = new float[nt * dim];
    for (int t = 0; t < nt; t++) {
      System.arraycopy(prev[t], 0, out, t * dim, dim);
    }
    return new Embedded(out, last);
  }

  /**
   * Every track's output vector and last-layer attention.
   *
   * @param vectors row-major {@code tracks x dim}, unit length
   * @param attention per track, the last layer's attention (null without layers)
   */
  public record Embedded(float[] vectors, Att[] attention) {
    /** Kinds of track {@code t}'s attended neighbours. */
    public int[] kinds(int t) {
      return attention[t] == null ? new int[0] : attention[t].kind;
    }

    /** References (global track index or table row) of track {@code t}'s attended neighbours. */
    public int[] refs(int t) {
      return attention[t] == null ? new int[0] : attention[t].ref;
    }

    /** Attention weights of track {@code t}'s neighbours. */
    public float[] weights(int t) {
      return attention[t] == null ? new float[0] : attention[t].alpha;
    }
  }

  // ---------------------------------------------------------------- query pooling

  /**
   * Pools seed vectors (oldest first) into a unit query; returns the weights {@code beta} and writes the query to
   * {@code q}; {@code qNorm[0]} receives the norm before normalisation.
   *
   * @param p the parameters
   * @param seeds seed vectors, oldest first
   * @param q receives the query
   * @param qNorm receives the norm before normalisation
   * @return the pooling weights
   */
  public float[] pool(float[] p, float[][] seeds, float[] q, float[] qNorm) {
    int n = seeds.length;
    float[] beta = new float[n];
    float rho = p[rhoOff];
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      float c = -rho * (n - 1 - k);
      for (int i = 0; i < dim; i++) {
        c += p[uOff + i] * seeds[k][i];
      }
      beta[k] = c;
      max = Math.max(max, c);
    }
    float sum = 0;
    for (int k = 0; k < n; k++) {
      beta[k] = (float) Math.exp(beta[k] - max);
      sum += beta[k];
    }
    Arrays.fill(q, 0f);
    for (int k = 0; k < n; k++) {
      beta[k] /= sum;
      for (int i = 0; i < dim; i++) {
        q[i] += beta[k] * seeds[k][i];
      }
    }
    qNorm[0] = normalise(q);
    return beta;
  }

  /**
   * Backward of {@link #pool}.
   *
   * @param p the parameters
   * @param seeds the seed vectors
   * @param beta the pooling weights
   * @param q the query
   * @param qNorm the norm before normalisation
   * @param dq the gradient of the query
   * @param grad accumulates parameter gradients
   * @param dSeeds accumulates the seed vectors' gradients
   */
  public void poolBackward(float[] p, float[][] seeds, float[] beta, float[] q, float qNorm, float[] dq, float[] grad,
      float[][] dSeeds) {
    int n = seeds.length;
    float[] dqt = new float[dim];
    normaliseBackward(q, qNorm, dq, dqt);
    float[] db = new float[n];
    float dot = 0;
    for (int k = 0; k < n; k++) {
      float d = 0;
      for (int i = 0; i < dim; i++) {
        d += dqt[i] * seeds[k][i];
      }
      db[k] = d;
      dot += beta[k] * d;
    }
    for (int k = 0; k < n; k++) {
      float dc = beta[k] * (db[k] - dot);
      grad[rhoOff] += -dc * (n - 1 - k);
      for (int i = 0; i < dim; i++) {
        grad[uOff + i] += dc * seeds[k][i];
        dSeeds[k][i] += beta[k] * dqt[i] + dc * p[uOff + i];
      }
    }
  }
}
