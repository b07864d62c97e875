package dev.recsys.graph.gat.internal;

import dev.recsys.core.kernels.Activations;
import dev.recsys.graph.gat.EdgeType;
import dev.recsys.graph.gat.HeteroGraph;
import java.util.SplittableRandom;

/**
 * The graph attention network on flat float parameters, with explicit forward and backward passes.
 *
 * <p>One attention layer over the four {@link EdgeType}s of a track {@code i} with embedding {@code x_i}: for edge
 * type {@code r}, head {@code h} and sampled neighbour {@code j} with embedding {@code y_j} (from the embedding
 * table of the neighbour's node type) the logit is {@code e_ij = LeakyReLU(a1_rh . x_ih + a2_rh . y_jh)}, the
 * weights {@code alpha = softmax_j(e)} per head, the message {@code m_rh = sum_j alpha_ij y_jh} and the output
 * {@code h_i = x_i + sum_r W_r m_r}. ({@code W_r} applied after aggregation equals the usual per-neighbour
 * transform by linearity; the logits use the type embeddings directly, which keeps a node's cost at
 * {@code O(neighbours * d + types * d^2)}.) Genre awareness comes from the genre edge type, whose messages and
 * attention are reported separately.
 *
 * <p>A session or playlist prefix is pooled by attention: {@code c_k = u . h_k}, {@code beta = softmax(c)},
 * {@code s = sum_k beta_k h_k}; a track {@code j} scores {@code s . h_j}.
 *
 * <p>Parameter layout: track, artist, genre and listener tables ({@code n x d} each), then per edge type
 * {@code a1} ({@code d}), {@code a2} ({@code d}) and {@code W} ({@code d x d}, row-major), then {@code u} ({@code d}).
 * Thread-safe: the network holds no mutable state; callers pass parameters and gradients.
 */
public final class GatNetwork {
  /** Negative slope of the LeakyReLU on attention logits. */
  public static final float SLOPE = 0.2f;
  private static final EdgeType[] TYPES = EdgeType.values();

  private final HeteroGraph graph;
  private final int dim;
  private final int heads;
  private final int headDim;
  private final int[] tableOffset = new int[TYPES.length]; // embedding table of each edge type's target
  private final int trackOffset;
  private final int[] a1Offset = new int[TYPES.length];
  private final int[] a2Offset = new int[TYPES.length];
  private final int[] wOffset = new int[TYPES.length];
  private final int uOffset;
  private final int size;

  /** A network for {@code graph} with embedding size {@code dim} split into {@code heads} heads. */
  public GatNetwork(HeteroGraph graph, int dim, int heads) {
    if (dim % heads != 0) {
      throw new IllegalArgumentException("dim must be a multiple of heads; dim=" + dim + ", heads=" + heads);
    }
    this.graph = graph;
    this.dim = dim;
    this.heads = heads;
    this.headDim = dim / heads;
    int off = 0;
    trackOffset = off;
    off += graph.tracks().size() * dim;
    int artistOffset = off;
    off += graph.artists().size() * dim;
    int genreOffset = off;
    off += graph.genres().size() * dim;
    int listenerOffset = off;
    off += graph.listeners().size() * dim;
    for (EdgeType t : TYPES) {
      tableOffset[t.ordinal()] = switch (t) {
        case TRACK_TRACK -> trackOffset;
        case TRACK_ARTIST -> artistOffset;
        case TRACK_GENRE -> genreOffset;
        case TRACK_LISTENER -> listenerOffset;
      };
      a1Offset[t.ordinal()] = off;
      off += dim;
      a2Offset[t.ordinal()] = off;
      off += dim;
      wOffset[t.ordinal()] = off;
      off += dim * dim;
    }
    uOffset = off;
    off += dim;
    this.size = off;
  }

  /** The graph. */
  public HeteroGraph graph() {
    return graph;
  }

  /** Embedding size. */
  public int dim() {
    return dim;
  }

  /** Attention heads. */
  public int heads() {
    return heads;
  }

  /** Length of the parameter vector. */
  public int parameterCount() {
    return size;
  }

  /** Seeded initial parameters: embeddings and attention vectors N(0, 0.1^2), transforms N(0, 1/d) scaled 0.5. */
  public float[] initialParameters(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[size];
    for (int i = 0; i < size; i++) {
      p[i] = (float) (gaussian(r) * 0.1);
    }
    for (EdgeType t : TYPES) {
      int o = wOffset[t.ordinal()];
      double sd = 0.5 / Math.sqrt(dim);
      for (int i = 0; i < dim * dim; i++) {
        p[o + i] = (float) (gaussian(r) * sd);
      }
    }
    return p;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Chooses up to {@code max} neighbours of track {@code t} per edge type: the largest-weight ones when
   * {@code random} is null (inference), otherwise a uniform sample without replacement (training).
   */
  public int[][] neighbours(int t, int max, SplittableRandom random) {
    int[][] out = new int[TYPES.length][];
    for (EdgeType type : TYPES) {
      int deg = graph.degree(type, t);
      int n = Math.min(deg, max);
      int[] nb = new int[n];
      if (random == null || deg <= max) {
        for (int k = 0; k < n; k++) {
          nb[k] = graph.neighbour(type, t, k);
        }
      } else {
        // Floyd-style partial shuffle over positions
        int[] pos = new int[deg];
        for (int k = 0; k < deg; k++) {
          pos[k] = k;
        }
        for (int k = 0; k < n; k++) {
          int s = k + random.nextInt(deg - k);
          int tmp = pos[k];
          pos[k] = pos[s];
          pos[s] = tmp;
          nb[k] = graph.neighbour(type, t, pos[k]);
        }
      }
      out[type.ordinal()] = nb;
    }
    return out;
  }

  /** The forward state of one track node: what the backward pass and explanations need. */
  public static final class Node {
    /** Track index. */
    public final int track;
    /** Neighbours per edge type. */
    public final int[][] neighbours;
    /** Attention weights per edge type, {@code [head * n + k]}. */
    public final float[][] alpha;
    /** Pre-activation logits per edge type, {@code [head * n + k]}. */
    final float[][] logits;
    /** Aggregated messages per edge type (before {@code W_r}), length {@code d}. */
    public final float[][] message;
    /** Transformed messages per edge type ({@code W_r m_r}), length {@code d}. */
    public final float[][] transformed;
    /** The output embedding {@code h}. */
    public final float[] out;

    Node(int track, int[][] neighbours, int types, int dim) {
      this.track = track;
      this.neighbours = neighbours;
      this.alpha = new float[types][];
      this.logits = new float[types][];
      this.message = new float[types][dim];
      this.transformed = new float[types][dim];
      this.out = new float[dim];
    }
  }

  /** Runs the layer for track {@code t} with the given neighbours. */
  public Node forward(float[] p, int t, int[][] neighbours) {
    Node node = new Node(t, neighbours, TYPES.length, dim);
    int xo = trackOffset + t * dim;
    System.arraycopy(p, xo, node.out, 0, dim);
    for (int r = 0; r < TYPES.length; r++) {
      int[] nb = neighbours[r];
      int n = nb.length;
      float[] alpha = new float[heads * n];
      float[] logits = new float[heads * n];
      node.alpha[r] = alpha;
      node.logits[r] = logits;
      if (n == 0) {
        continue;
      }
      int to = tableOffset[r];
      int a1 = a1Offset[r];
      int a2 = a2Offset[r];
      float[] m = node.message[r];
      for (int h = 0; h < heads; h++) {
        int ho = h * headDim;
        float self = 0;
        for (int c = 0; c < headDim; c++) {
          self += p[a1 + ho + c] * p[xo + ho + c];
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          int yo = to + nb[k] * dim + ho;
          float s = self;
          for (int c = 0; c < headDim; c++) {
            s += p[a2 + ho + c] * p[yo + c];
          }
          logits[h * n + k] = s;
          float e = Activations.leakyRelu(s, SLOPE);
          alpha[h * n + k] = e;
          max = Math.max(max, e);
        }
        float sum = 0;
        for (int k = 0; k < n; k++) {
          float v = (float) Math.exp(alpha[h * n + k] - max);
          alpha[h * n + k] = v;
          sum += v;
        }
        for (int k = 0; k < n; k++) {
          float a = alpha[h * n + k] / sum;
          alpha[h * n + k] = a;
          int yo = to + nb[k] * dim + ho;
          for (int c = 0; c < headDim; c++) {
            m[ho + c] += a * p[yo + c];
          }
        }
      }
      int w = wOffset[r];
      float[] tr = node.transformed[r];
      for (int i = 0; i < dim; i++) {
        float acc = 0;
        int row = w + i * dim;
        for (int j = 0; j < dim; j++) {
          acc += p[row + j] * m[j];
        }
        tr[i] = acc;
        node.out[i] += acc;
      }
    }
    return node;
  }

  /** Accumulates into {@code grad} the gradient of a loss whose gradient with respect to {@code node.out} is {@code g}. */
  public void backward(float[] p, Node node, float[] g, float[] grad) {
    int xo = trackOffset + node.track * dim;
    for (int c = 0; c < dim; c++) {
      grad[xo + c] += g[c];
    }
    float[] dm = new float[dim];
    for (int r = 0; r < TYPES.length; r++) {
      int[] nb = node.neighbours[r];
      int n = nb.length;
      if (n == 0) {
        continue;
      }
      int w = wOffset[r];
      float[] m = node.message[r];
      java.util.Arrays.fill(dm, 0f);
      for (int i = 0; i < dim; i++) {
        int row = w + i * dim;
        float gi = g[i];
        for (int j = 0; j < dim; j++) {
          grad[row + j] += gi * m[j];
          dm[j] += p[row + j] * gi;
        }
      }
      int to = tableOffset[r];
      int a1 = a1Offset[r];
      int a2 = a2Offset[r];
      float[] alpha = node.alpha[r];
      float[] logits = node.logits[r];
      for (int h = 0; h < heads; h++) {
        int ho = h * headDim;
        // d alpha_k = dm_h . y_kh ; and y gets alpha_k dm_h
        float dot = 0;
        float[] dalpha = new float[n];
        for (int k = 0; k < n; k++) {
          int yo = to + nb[k] * dim + ho;
          float a = alpha[h * n + k];
          float da = 0;
          for (int c = 0; c < headDim; c++) {
            da += dm[ho + c] * p[yo + c];
            grad[yo + c] += a * dm[ho + c];
          }
          dalpha[k] = da;
          dot += a * da;
        }
        float dself = 0;
        for (int k = 0; k < n; k++) {
          float a = alpha[h * n + k];
          float de = a * (dalpha[k] - dot);
          float ds = logits[h * n + k] > 0 ? de : SLOPE * de;
          dself += ds;
          int yo = to + nb[k] * dim + ho;
          for (int c = 0; c < headDim; c++) {
            grad[a2 + ho + c] += ds * p[yo + c];
            grad[yo + c] += ds * p[a2 + ho + c];
          }
        }
        for (int c = 0; c < headDim; c++) {
          grad[a1 + ho + c] += dself * p[xo + ho + c];
          grad[xo + ho + c] += dself * p[a1 + ho + c];
        }
      }
    }
  }

  /** Attention pooling of node outputs: returns the weights {@code beta} and writes the pooled vector to {@code s}. */
  public float[] pool(float[] p, float[][] outs, int n, float[] s) {
    float[] beta = new float[n];
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      float c = 0;
      for (int i = 0; i < dim; i++) {
        c += p[uOffset + i] * outs[k][i];
      }
      beta[k] = c;
      max = Math.max(max, c);
    }
    float sum = 0;
    for (int k = 0; k < n; k++) {
      beta[k] = (float) Math.exp(beta[k] - max);
      sum += beta[k];
    }
    java.util.Arrays.fill(s, 0f);
    for (int k = 0; k < n; k++) {
      beta[k] /= sum;
      for (int i = 0; i < dim; i++) {
        s[i] += beta[k] * outs[k][i];
      }
    }
    return beta;
  }

  /**
   * Backward of {@link #pool}: given {@code ds}, accumulates the gradient of {@code u} into {@code grad} and
   * writes the gradients of each pooled output to {@code douts} (overwritten).
   */
  public void poolBackward(float[] p, float[][] outs, int n, float[] beta, float[] ds, float[] grad, float[][] douts) {
    float[] db = new float[n];
    float dot = 0;
    for (int k = 0; k < n; k++) {
      float d = 0;
      for (int i = 0; i < dim; i++) {
        d += ds[i] * outs[k][i];
      }
      db[k] = d;
      dot += beta[k] * d;
    }
    for (int k = 0; k < n; k++) {
      float dc = beta[k] * (db[k] - dot);
      for (int i = 0; i < dim; i++) {
        grad[uOffset + i] += dc * outs[k][i];
        douts[k][i] = beta[k] * ds[i] + dc * p[uOffset + i];
      }
    }
  }

  /** The output embeddings of every track with its top-{@code maxNeighbours} neighbours per type, {@code n x d}. */
  public float[] embedAll(float[] p, int maxNeighbours) {
    int n = graph.tracks().size();
    float[] out = new float[n * dim];
    java.util.stream.IntStream.range(0, n).parallel().forEach(t -> {
      Node node = forward(p, t, neighbours(t, maxNeighbours, null));
      System.arraycopy(node.out, 0, out, t * dim, dim);
    });
    return out;
  }

  /** Offset of the pooling vector {@code u} in the parameters. */
  public int poolOffset() {
    return uOffset;
  }
}
