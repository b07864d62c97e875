package dev.recsys.graph.gat.internal;

import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.util.Seeds;
import dev.recsys.graph.gat.EdgeType;
import dev.recsys.graph.gat.HeteroGraph;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
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
  /** Nodes per partial sum of the shared matrices' gradients (fixed, so the sums do not depend on threads). */
  private static final int CHUNK = 256;
  /** Rows per block of the batched matrix products of a level. */
  private static final int BLOCK = 64;
  private static final VectorKernels VK = VectorKernels.get();

  private final HeteroGraph graph;
  private final TrackContent content;
  private final int dim;
  private final int layers;
  private final int[] fanout;
  private final int nt;
  private final int artistCount;
  private final int genreCount;
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
    this.artistCount = graph.artists().size();
    this.genreCount = graph.genres().size();
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

  // ---------------------------------------------------------------- kernels over contiguous rows

  /** Normalises {@code dim} components of {@code v} from {@code off} in place and returns their former norm. */
  private float normalise(float[] v, int off) {
    float n = (float) Math.sqrt(VK.dotLanes(v, off, v, off, dim)) + 1e-6f;
    float inv = 1f / n;
    for (int i = off; i < off + dim; i++) {
      v[i] *= inv;
    }
    return n;
  }

  /**
   * {@code dx = (dh - h (h . dh)) / norm} for {@code h = x / norm}, rows at {@code off} of {@code h} and
   * {@code dh} and at {@code dxOff} of {@code dx}.
   */
  private void normaliseBackward(float[] h, int off, float norm, float[] dh, float[] dx, int dxOff) {
    float dot = VK.dotLanes(h, off, dh, off, dim);
    float inv = 1f / norm;
    for (int i = 0; i < dim; i++) {
      dx[dxOff + i] = (dh[off + i] - h[off + i] * dot) * inv;
    }
  }

  /**
   * Runs {@code body} on every index of {@code [0, n)}, in parallel; every index writes only what it owns, so the
   * result does not depend on the number of threads.
   */
  private static void forEach(int n, IntConsumer body) {
    if (n < 64) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
    } else {
      IntStream.range(0, n).parallel().forEach(body);
    }
  }

  /** Work on the rows {@code [from, to)} of a level. */
  @FunctionalInterface
  private interface RowBlock {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} on consecutive blocks of {@link #BLOCK} rows of {@code [0, n)}, in parallel; every block writes
   * only the rows it owns, so the result does not depend on the number of threads.
   */
  private static void forEachBlock(int n, RowBlock body) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    if (blocks <= 1) {
      body.run(0, n);
    } else {
      IntStream.range(0, blocks).parallel().forEach(c -> body.run(c * BLOCK, Math.min(n, (c + 1) * BLOCK)));
    }
  }

  /** Sums over rows {@code [from, to)} of a batch into a partial of its own. */
  @FunctionalInterface
  private interface ChunkSum {
    void add(int from, int to, float[] partial);
  }

  /**
   * Sums {@code body} over {@code [0, n)} in fixed chunks of {@link #CHUNK} rows (each into a zeroed partial of
   * {@code width} floats, in parallel) and adds the partials to {@code out} in chunk order: the same sum whatever the
   * number of threads.
   */
  private static float[] chunkedSum(int n, int width, ChunkSum body) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    float[][] partials = new float[chunks][];
    forEach(chunks, c -> {
      float[] part = new float[width];
      body.add(c * CHUNK, Math.min(n, (c + 1) * CHUNK), part);
      partials[c] = part;
    });
    float[] out = new float[width];
    for (float[] part : partials) {
      VK.axpy(1f, part, 0, out, 0, width);
    }
    return out;
  }

  /** The transpose ({@code cols x rows}) of the row-major {@code rows x cols} matrix at {@code off} of {@code p}. */
  private static float[] transpose(float[] p, int off, int rows, int cols) {
    float[] t = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = p[off + i * cols + j];
      }
    }
    return t;
  }

  /**
   * Items grouped by a key in {@code [0, keys)}, stable (ascending item within a key): {@code start[k]} ..
   * {@code start[k + 1]} index {@code items}.
   */
  private record Groups(int[] start, int[] items) {
    static Groups of(int[] keyOfItem, int count, int keys) {
      int[] start = new int[keys + 1];
      for (int i = 0; i < count; i++) {
        start[keyOfItem[i] + 1]++;
      }
      for (int k = 0; k < keys; k++) {
        start[k + 1] += start[k];
      }
      int[] fill = Arrays.copyOf(start, keys);
      int[] items = new int[count];
      for (int i = 0; i < count; i++) {
        items[fill[keyOfItem[i]]++] = i;
      }
      return new Groups(start, items);
    }
  }

  /**
   * Offset of the table row of an artist, genre or album neighbour in the parameters.
   *
   * @param kind {@link #KIND_ARTIST}, {@link #KIND_GENRE} or {@link #KIND_ALBUM}
   * @param ref the row
   * @return the offset
   */
  public int tableOffset(int kind, int ref) {
    return switch (kind) {
      case KIND_ARTIST -> artOff + ref * dim;
      case KIND_GENRE -> genOff + ref * dim;
      default -> albOff + ref * dim;
    };
  }

  // ---------------------------------------------------------------- a computation graph over levels

  /**
   * The computation graph of a set of top-level tracks: level {@code L} holds them, level {@code l - 1} adds the
   * sampled co-occurring tracks of every node of level {@code l} (so each level is a prefix of the one below). Each
   * node is computed once; every level's vectors are one contiguous row-major array and its attention one edge list
   * (CSR). Forward runs node-parallel; backward gathers every gradient at its owner (a node, a table row, or a
   * fixed chunk of nodes for the shared matrices) in a fixed order, so the result is the same whatever the number
   * of threads.
   */
  public final class Batch {
    private final float[] params;
    private final int[][] nodes;
    private final float[][] h;
    private final float[][] norms;
    private final boolean[] useId;
    private final int[][] start;
    private final int[][] kind;
    private final int[][] ref;
    /** Offset of each edge's source row: in the previous level's vectors (tracks) or the parameters (tables). */
    private final int[][] off;
    /** Per level, per node: the end of its track edges (they come first, then the table rows). */
    private final int[][] trackEnd;
    /** Input links of the level-0 nodes (artist, genre and album rows, then the id row when used). */
    private int[] linkStart;
    private int[] linkOff;
    private float[] linkCoef;
    private final float[][] alpha;
    private final float[][] dots;
    private final float[][] m;
    private final float[][] dh;
    private final float[][] wT;

    Batch(float[] params, int[] top, SplittableRandom random, double idDrop, boolean candidates) {
      this.params = params;
      nodes = new int[layers + 1][];
      h = new float[layers + 1][];
      norms = new float[layers + 1][];
      start = new int[layers + 1][];
      kind = new int[layers + 1][];
      ref = new int[layers + 1][];
      off = new int[layers + 1][];
      trackEnd = new int[layers + 1][];
      alpha = new float[layers + 1][];
      dots = new float[layers + 1][];
      m = new float[layers + 1][];
      dh = new float[layers + 1][];
      int[] local = new int[nt];
      Arrays.fill(local, -1);
      int[] cur = new int[top.length];
      int n = 0;
      for (int t : top) {
        if (local[t] < 0) {
          local[t] = n;
          cur[n++] = t;
        }
      }
      nodes[layers] = Arrays.copyOf(cur, n);
      for (int l = layers; l >= 1; l--) {
        int[] at = nodes[l];
        int k = fanout[l - 1];
        long levelSeed = random == null ? 0 : random.nextLong();
        int[][] chosen = new int[at.length][];
        if (!candidates) {
          forEach(at.length, i -> chosen[i] = sample(at[i], k,
              random == null ? null : new SplittableRandom(Seeds.mix(levelSeed, at[i]))));
        }
        // level l-1 = level l followed by the new sampled tracks, in order of first appearance
        int size = at.length;
        int edges = 0;
        for (int i = 0; i < at.length; i++) {
          int t = at[i];
          edges += content.artists[t].length + content.genres[t].length + (content.album[t] >= 0 ? 1 : 0);
          if (chosen[i] != null) {
            edges += chosen[i].length;
            for (int s : chosen[i]) {
              if (local[s] < 0) {
                local[s] = size++;
              }
            }
          }
        }
        int[] below = Arrays.copyOf(at, size);
        for (int i = 0; i < at.length; i++) {
          if (chosen[i] != null) {
            for (int s : chosen[i]) {
              below[local[s]] = s;
            }
          }
        }
        nodes[l - 1] = below;
        int[] st = new int[at.length + 1];
        int[] te = new int[at.length];
        int[] kd = new int[edges];
        int[] rf = new int[edges];
        int[] of = new int[edges];
        int e = 0;
        for (int i = 0; i < at.length; i++) {
          int t = at[i];
          st[i] = e;
          if (chosen[i] != null) {
            for (int s : chosen[i]) {
              kd[e] = KIND_TRACK;
              rf[e] = local[s];
              of[e++] = local[s] * dim;
            }
          }
          te[i] = e;
          for (int r : content.artists[t]) {
            kd[e] = KIND_ARTIST;
            rf[e] = r;
            of[e++] = artOff + r * dim;
          }
          for (int r : content.genres[t]) {
            kd[e] = KIND_GENRE;
            rf[e] = r;
            of[e++] = genOff + r * dim;
          }
          if (content.album[t] >= 0) {
            kd[e] = KIND_ALBUM;
            rf[e] = content.album[t];
            of[e++] = albOff + content.album[t] * dim;
          }
        }
        st[at.length] = e;
        start[l] = st;
        trackEnd[l] = te;
        kind[l] = kd;
        ref[l] = rf;
        off[l] = of;
      }
      int n0 = nodes[0].length;
      useId = new boolean[n0];
      long idSeed = random == null || idDrop <= 0 ? 0 : random.nextLong();
      forEach(n0, i -> {
        int t = nodes[0][i];
        useId[i] = content.warm[t]
            && (idSeed == 0 || new SplittableRandom(Seeds.mix(idSeed, t)).nextDouble() >= idDrop);
      });
      links(n0);
      float[] wfT = transpose(params, wfOff, dim, content.width);
      wT = new float[layers][];
      for (int l = 0; l < layers; l++) {
        wT[l] = transpose(params, wOff[l], dim, dim);
      }
      h[0] = new float[n0 * dim];
      norms[0] = new float[n0];
      forEachBlock(n0, (from, to) -> {
        for (int i = from; i < to; i++) {
          System.arraycopy(params, bfOff, h[0], i * dim, dim);
        }
        int wd = content.width;
        float[] f = new float[(to - from) * wd];
        for (int i = from; i < to; i++) {
          System.arraycopy(content.numeric, nodes[0][i] * wd, f, (i - from) * wd, wd);
        }
        VK.addRowProducts(f, 0, wd, to - from, wfT, 0, dim, wd, h[0], from * dim, dim);
        for (int i = from; i < to; i++) {
          VK.axpyAt(linkCoef, params, linkOff, linkStart[i], linkStart[i + 1], h[0], i * dim, dim);
          norms[0][i] = normalise(h[0], i * dim);
        }
      });
      for (int l = 1; l <= layers; l++) {
        int nl = nodes[l].length;
        h[l] = new float[nl * dim];
        norms[l] = new float[nl];
        m[l] = new float[nl * dim];
        alpha[l] = new float[kind[l].length];
        dots[l] = new float[kind[l].length];
        final int lev = l;
        forEachBlock(nl, (from, to) -> {
          for (int i = from; i < to; i++) {
            attend(lev, i);
          }
          System.arraycopy(h[lev - 1], from * dim, h[lev], from * dim, (to - from) * dim);
          VK.addRowProducts(m[lev], from * dim, dim, to - from, wT[lev - 1], 0, dim, dim, h[lev], from * dim, dim);
          for (int i = from; i < to; i++) {
            norms[lev][i] = normalise(h[lev], i * dim);
          }
        });
      }
    }

    /**
     * The input links of the level-0 nodes, node by node in the order of the input sum: each artist row (weight
     * {@code 1 / artists}), each genre row ({@code 1 / genres}), the album row, then the id row when used.
     */
    private void links(int n0) {
      linkStart = new int[n0 + 1];
      for (int i = 0; i < n0; i++) {
        int t = nodes[0][i];
        linkStart[i + 1] = linkStart[i] + content.artists[t].length + content.genres[t].length
            + (content.album[t] >= 0 ? 1 : 0) + (useId[i] ? 1 : 0);
      }
      linkOff = new int[linkStart[n0]];
      linkCoef = new float[linkStart[n0]];
      forEach(n0, i -> {
        int t = nodes[0][i];
        int x = linkStart[i];
        int[] arts = content.artists[t];
        for (int a : arts) {
          linkOff[x] = artOff + a * dim;
          linkCoef[x++] = 1f / arts.length;
        }
        int[] gens = content.genres[t];
        for (int g : gens) {
          linkOff[x] = genOff + g * dim;
          linkCoef[x++] = 1f / gens.length;
        }
        if (content.album[t] >= 0) {
          linkOff[x] = albOff + content.album[t] * dim;
          linkCoef[x++] = 1f;
        }
        if (useId[i]) {
          linkOff[x] = idOff + t * dim;
          linkCoef[x] = 1f;
        }
      });
    }

    /**
     * Node {@code i} of level {@code l}: attention over its edges into {@code alpha} and {@code m}; the caller adds
     * the residual and the projection and normalises.
     */
    private void attend(int l, int i) {
      float[] p = params;
      float[] prev = h[l - 1];
      int self = i * dim;
      int e0 = start[l][i];
      int e1 = start[l][i + 1];
      float s = p[sOff[l - 1]];
      int tb = tbOff[l - 1];
      int split = trackEnd[l][i];
      int[] of = off[l];
      float[] d = dots[l];
      VK.dotLanesAt(prev, self, prev, of, e0, split, d, e0, dim);
      VK.dotLanesAt(prev, self, p, of, split, e1, d, split, dim);
      float max = Float.NEGATIVE_INFINITY;
      float[] al = alpha[l];
      int[] kd = kind[l];
      for (int e = e0; e < e1; e++) {
        al[e] = s * d[e] + p[tb + kd[e]];
        max = Math.max(max, al[e]);
      }
      float sum = 0;
      for (int e = e0; e < e1; e++) {
        al[e] = (float) Math.exp(al[e] - max);
        sum += al[e];
      }
      for (int e = e0; e < e1; e++) {
        al[e] /= sum;
      }
      VK.axpyAt(al, prev, of, e0, split, m[l], self, dim);
      VK.axpyAt(al, p, of, split, e1, m[l], self, dim);
    }

    /**
     * The distinct top-level tracks, in order of first appearance.
     *
     * @return the tracks
     */
    public int[] tracks() {
      return nodes[layers];
    }

    /**
     * The top-level vectors, row-major in the order of {@link #tracks()}.
     *
     * @return the vectors
     */
    public float[] top() {
      return h[layers];
    }

    /**
     * The gradient of the top-level vectors (same layout as {@link #top()}); add to it before {@link #backward}.
     *
     * @return the gradient
     */
    public float[] topGrad() {
      if (dh[layers] == null) {
        dh[layers] = new float[h[layers].length];
      }
      return dh[layers];
    }

    /**
     * Back-propagates the top-level gradients into {@code grad}.
     *
     * @param grad accumulates the parameter gradients
     */
    public void backward(float[] grad) {
      topGrad();
      for (int l = layers; l >= 1; l--) {
        attendBackward(l, grad);
      }
      inputBackward(grad);
    }

    /** Backward of level {@code l}: fills {@code dh[l - 1]} and adds the layer's parameter gradients. */
    private void attendBackward(int l, float[] grad) {
      float[] p = params;
      int nl = nodes[l].length;
      int nPrev = nodes[l - 1].length;
      int[] st = start[l];
      int[] kd = kind[l];
      int[] rf = ref[l];
      int[] of = off[l];
      int[] te = trackEnd[l];
      float[] al = alpha[l];
      float[] prev = h[l - 1];
      float[] dOut = dh[l];
      int w = wOff[l - 1];
      float s = p[sOff[l - 1]];
      int edges = kd.length;
      float[] du = new float[nl * dim];
      float[] dm = new float[nl * dim];
      float[] own = new float[nl * dim];
      float[] de = new float[edges];
      float[] des = new float[edges];
      // per node: du, dm = W^T du (a block's rows at once), the attention logits' gradient and the node's own part
      // of dh[l-1]
      forEachBlock(nl, (from, to) -> {
        for (int i = from; i < to; i++) {
          int o = i * dim;
          normaliseBackward(h[l], o, norms[l][i], dOut, du, o);
          System.arraycopy(du, o, own, o, dim);
        }
        VK.addRowProducts(du, from * dim, dim, to - from, p, w, dim, dim, dm, from * dim, dim);
        for (int i = from; i < to; i++) {
          int o = i * dim;
          int e0 = st[i];
          int e1 = st[i + 1];
          int split = te[i];
          VK.dotLanesAt(dm, o, prev, of, e0, split, de, e0, dim);
          VK.dotLanesAt(dm, o, p, of, split, e1, de, split, dim);
          float dot = 0;
          for (int e = e0; e < e1; e++) {
            dot += al[e] * de[e];
          }
          for (int e = e0; e < e1; e++) {
            de[e] = al[e] * (de[e] - dot);
            des[e] = de[e] * s;
          }
          VK.axpyAt(des, prev, of, e0, split, own, o, dim);
          VK.axpyAt(des, p, of, split, e1, own, o, dim);
        }
      });
      int[] edgeNode = new int[edges];
      for (int i = 0; i < nl; i++) {
        Arrays.fill(edgeNode, st[i], st[i + 1], i);
      }
      // dh[l-1] gathered at each previous-level node: its own part and every edge that attends to it
      int tableRows = artistCount + genreCount + content.albums;
      int[] key = new int[edges];
      for (int e = 0; e < edges; e++) {
        key[e] = kd[e] == KIND_TRACK ? rf[e] : nPrev + (of[e] - artOff) / dim;
      }
      Groups in = Groups.of(key, edges, nPrev + tableRows);
      // the edges in group order: attention, logit gradient and the attending node's row
      int[] items = in.items();
      float[] ga = new float[edges];
      float[] gb = new float[edges];
      int[] gj = new int[edges];
      forEach(edges, x -> {
        int e = items[x];
        ga[x] = al[e];
        gb[x] = des[e];
        gj[x] = edgeNode[e] * dim;
      });
      float[] dPrev = new float[nPrev * dim];
      dh[l - 1] = dPrev;
      int[] gs = in.start();
      forEach(nPrev, r -> {
        int o = r * dim;
        if (r < nl) {
          System.arraycopy(own, o, dPrev, o, dim);
        }
        VK.axpyPairsAt(ga, dm, gb, prev, gj, gs[r], gs[r + 1], dPrev, o, dim);
      });
      // table rows, each gathered over the edges that attend to it
      forEach(tableRows, row -> VK.axpyPairsAt(ga, dm, gb, prev, gj, gs[nPrev + row], gs[nPrev + row + 1], grad,
          artOff + row * dim, dim));
      // W: sum of du (x) m over fixed chunks of nodes
      float[] mm = m[l];
      float[] dw = chunkedSum(nl, dim * dim, (from, to, part) -> {
        VK.addOuterProducts(du, from * dim, dim, dim, mm, from * dim, dim, to - from, part, 0, dim);
      });
      VK.axpy(1f, dw, 0, grad, w, dim * dim);
      float ds = 0;
      float[] dtb = new float[KINDS];
      for (int e = 0; e < edges; e++) {
        ds += de[e] * dots[l][e];
        dtb[kd[e]] += de[e];
      }
      grad[sOff[l - 1]] += ds;
      for (int k = 0; k < KINDS; k++) {
        grad[tbOff[l - 1] + k] += dtb[k];
      }
    }

    /** Backward of the layer-0 inputs. */
    private void inputBackward(float[] grad) {
      int n0 = nodes[0].length;
      int wd = content.width;
      float[] dx = new float[n0 * dim];
      forEach(n0, i -> {
        int o = i * dim;
        normaliseBackward(h[0], o, norms[0][i], dh[0], dx, o);
        if (useId[i]) {
          // a track is one node of its level, so its id row has a single writer
          VK.axpy(1f, dx, o, grad, idOff + nodes[0][i] * dim, dim);
        }
      });
      // W_f (accumulated transposed: width x dim) and b_f over fixed chunks of nodes
      float[] dwf = chunkedSum(n0, (wd + 1) * dim, (from, to, part) -> {
        float[] f = new float[(to - from) * (wd + 1)];
        for (int i = from; i < to; i++) {
          int o = (i - from) * (wd + 1);
          System.arraycopy(content.numeric, nodes[0][i] * wd, f, o, wd);
          f[o + wd] = 1f;
        }
        VK.addOuterProducts(f, 0, wd + 1, wd + 1, dx, from * dim, dim, to - from, part, 0, dim);
      });
      for (int r = 0; r < dim; r++) {
        for (int j = 0; j < wd; j++) {
          grad[wfOff + r * wd + j] += dwf[j * dim + r];
        }
      }
      VK.axpy(1f, dwf, wd * dim, grad, bfOff, dim);
      // artist, genre and album rows, each gathered over the nodes that use it (mean weights; the id links, keyed
      // past the table rows, are left out)
      int tableRows = artistCount + genreCount + content.albums;
      int links = linkOff.length;
      int[] key = new int[links];
      int[] nodeRow = new int[links];
      forEach(n0, i -> {
        for (int x = linkStart[i]; x < linkStart[i + 1]; x++) {
          key[x] = linkOff[x] >= artOff ? (linkOff[x] - artOff) / dim : tableRows;
          nodeRow[x] = i * dim;
        }
      });
      Groups by = Groups.of(key, links, tableRows + 1);
      int[] items = by.items();
      float[] gc = new float[links];
      int[] go = new int[links];
      forEach(links, y -> {
        gc[y] = linkCoef[items[y]];
        go[y] = nodeRow[items[y]];
      });
      int[] gs = by.start();
      forEach(tableRows, row -> VK.axpyAt(gc, dx, go, gs[row], gs[row + 1], grad, artOff + row * dim, dim));
    }

    /** The last layer's attention of every top-level node, references as global tracks or table rows. */
    private Embedded embedded() {
      if (layers == 0) {
        return new Embedded(h[0], null, null, null, null);
      }
      int[] rf = ref[layers].clone();
      for (int e = 0; e < rf.length; e++) {
        if (kind[layers][e] == KIND_TRACK) {
          rf[e] = nodes[layers - 1][rf[e]];
        }
      }
      return new Embedded(h[layers], start[layers], kind[layers], rf, alpha[layers]);
    }
  }

  /**
   * Builds the computation graph of the distinct tracks in {@code top} (their order of first appearance) and runs
   * it forward.
   *
   * @param p the parameters
   * @param top the top-level tracks (duplicates are computed once)
   * @param random draws the neighbour samples and id dropout; null for the strongest neighbours and no dropout
   * @param idDrop probability of dropping a warm track's id embedding
   * @param candidates true for the candidate side (no co-occurring tracks attended)
   * @return the batch
   */
  public Batch forward(float[] p, int[] top, SplittableRandom random, double idDrop, boolean candidates) {
    return new Batch(p, top, random, idDrop, candidates);
  }

  /**
   * Neighbour sample of {@code t}: {@code k} co-occurring tracks drawn without replacement, weight-proportional
   * (Efraimidis-Spirakis keys, largest first); with a null {@code random} the first {@code k} (strongest).
   */
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
    // the k largest keys in one pass, kept sorted (largest first; on equal keys the lower position first, as a
    // repeated selection of the largest would take them)
    double[] topKey = new double[k];
    int[] topPos = new int[k];
    int size = 0;
    for (int i = 0; i < deg; i++) {
      double w = Math.max(1e-6, graph.weight(EdgeType.TRACK_TRACK, t, i));
      double key = Math.log(random.nextDouble() + 1e-300) / w;
      if (size == k && key <= topKey[k - 1]) {
        continue;
      }
      int pos = size < k ? size++ : k - 1;
      while (pos > 0 && topKey[pos - 1] < key) {
        topKey[pos] = topKey[pos - 1];
        topPos[pos] = topPos[pos - 1];
        pos--;
      }
      topKey[pos] = key;
      topPos[pos] = i;
    }
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = graph.neighbour(EdgeType.TRACK_TRACK, t, topPos[j]);
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
    int[] all = IntStream.range(0, nt).toArray();
    // every track is a top-level node, so every level holds the tracks in index order
    return new Batch(p, all, null, 0, candidates).embedded();
  }

  /**
   * Every track's output vector and last-layer attention (edges of track {@code t}: {@code start[t]} ..
   * {@code start[t + 1]}).
   *
   * @param vectors row-major {@code tracks x dim}, unit length
   * @param start first edge of each track (null without layers)
   * @param kind kind of each edge
   * @param ref global track or table row of each edge
   * @param alpha attention weight of each edge
   */
  public record Embedded(float[] vectors, int[] start, int[] kind, int[] ref, float[] alpha) {
    /** Kinds of track {@code t}'s attended neighbours. */
    public int[] kinds(int t) {
      return start == null ? new int[0] : Arrays.copyOfRange(kind, start[t], start[t + 1]);
    }

    /** References (global track index or table row) of track {@code t}'s attended neighbours. */
    public int[] refs(int t) {
      return start == null ? new int[0] : Arrays.copyOfRange(ref, start[t], start[t + 1]);
    }

    /** Attention weights of track {@code t}'s neighbours. */
    public float[] weights(int t) {
      return start == null ? new float[0] : Arrays.copyOfRange(alpha, start[t], start[t + 1]);
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
    qNorm[0] = normalise(q, 0);
    return beta;
  }

  /**
   * Backward of {@link #pool}. The pooling parameters' gradient goes to {@code dPool} ({@code dim + 1} floats: the
   * pooling vector, then the recency rate; see {@link #addPoolGradient}), so that queries can run in parallel.
   *
   * @param p the parameters
   * @param seeds the seed vectors
   * @param beta the pooling weights
   * @param q the query
   * @param qNorm the norm before normalisation
   * @param dq the gradient of the query
   * @param dPool accumulates the pooling parameters' gradient
   * @param dSeeds accumulates the seed vectors' gradients
   */
  public void poolBackward(float[] p, float[][] seeds, float[] beta, float[] q, float qNorm, float[] dq,
      float[] dPool, float[][] dSeeds) {
    int n = seeds.length;
    float[] dqt = new float[dim];
    normaliseBackward(q, 0, qNorm, dq, dqt, 0);
    float[] db = new float[n];
    float dot = 0;
    for (int k = 0; k < n; k++) {
      db[k] = VK.dotLanes(dqt, 0, seeds[k], 0, dim);
      dot += beta[k] * db[k];
    }
    for (int k = 0; k < n; k++) {
      float dc = beta[k] * (db[k] - dot);
      dPool[dim] += -dc * (n - 1 - k);
      VK.axpy(dc, seeds[k], 0, dPool, 0, dim);
      VK.axpy(beta[k], dqt, 0, dSeeds[k], 0, dim);
      VK.axpy(dc, p, uOff, dSeeds[k], 0, dim);
    }
  }

  /**
   * Adds a pooling gradient filled by {@link #poolBackward} to the parameter gradient.
   *
   * @param dPool the pooling vector's gradient, then the recency rate's
   * @param grad the parameter gradient
   */
  public void addPoolGradient(float[] dPool, float[] grad) {
    VK.axpy(1f, dPool, 0, grad, uOff, dim);
    grad[rhoOff] += dPool[dim];
  }
}
