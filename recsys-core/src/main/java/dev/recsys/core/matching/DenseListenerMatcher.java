package dev.recsys.core.matching;

import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.kernels.TopK;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A matcher whose listeners are unit vectors compared by dot product (cosine). Batches of queries are answered by
 * an exact blocked scan: the listener vectors are kept transposed in blocks of 128 rows, and each
 * block is scored against four queries at a time with SIMD multiply-adds ({@link VectorKernels}: the JDK Vector
 * API when {@code jdk.incubator.vector} is resolved, plain loops otherwise), then a vectorised threshold test
 * sends the few scores that can enter a query's top {@code k} to its heap. Tiles of queries run on all cores;
 * each query's scores and ranking do not depend on the batch, the tile or the thread (ties go to the listener
 * fitted or added first). Subclasses encode a listener's profile.
 */
public abstract class DenseListenerMatcher extends AbstractListenerMatcher {
  /** Rows per transposed block. */
  static final int BLOCK = 128;
  /** Queries per parallel tile. */
  private static final int TILE = 256;
  /** Queries per kernel call. */
  private static final int GROUP = 4;

  private final int dim;
  private final VectorKernels kernels = VectorKernels.get();
  /** Row-major unit vectors, one per listener index; guarded by {@link #lock}. */
  private float[] rows;
  /** Transposed blocks of {@link #rows}, built on the first batch after a change; null when stale. */
  private volatile float[] transposed;

  /**
   * A matcher holding {@code vectors[u]} for listener {@code u} of {@code profiles}; vectors are normalised here
   * (a zero vector stays zero and scores 0 with everyone).
   *
   * @param name the matcher's name, as reported by {@code name()}
   * @param profiles the listeners' bags, one vector per listener index
   * @param catalog the catalogue the listeners' items belong to
   * @param vectors one vector per listener of {@code profiles}, all of one dimension with finite components; copied
   */
  protected DenseListenerMatcher(String name, ListenerProfiles profiles, Catalog catalog, float[][] vectors) {
    this(name, profiles, catalog, Vectors.of(vectors));
  }

  /**
   * A matcher holding {@code vectors}: normalised here when fitted ({@link Vectors#of}), verbatim when saved
   * ({@link Vectors#read}).
   *
   * @param name the matcher's name, as reported by {@code name()}
   * @param profiles the listeners' bags; {@code vectors} must hold exactly one row per listener
   * @param catalog the catalogue the listeners' items belong to
   * @param vectors fitted vectors or saved unit rows
   */
  protected DenseListenerMatcher(String name, ListenerProfiles profiles, Catalog catalog, Vectors vectors) {
    super(name, profiles, catalog);
    int n = vectors.rows != null ? vectors.rows.length / vectors.dim : vectors.fitted.length;
    if (n != profiles.size()) {
      throw new IllegalArgumentException("need one vector per listener: " + n + " for " + profiles.size());
    }
    this.dim = vectors.dim;
    if (vectors.rows != null) {
      this.rows = n == 0 ? new float[dim] : vectors.rows;
    } else {
      this.rows = new float[Math.max(1, n) * dim];
      for (int u = 0; u < n; u++) {
        store(u, vectors.fitted[u]);
      }
    }
  }

  /** The listener vectors a dense matcher starts from: fitted ones to normalise, or a saved matcher's unit rows. */
  protected static final class Vectors {
    private final int dim;
    private final float[][] fitted;
    private final float[] rows;

    private Vectors(int dim, float[][] fitted, float[] rows) {
      this.dim = dim;
      this.fitted = fitted;
      this.rows = rows;
    }

    /**
     * Fitted vectors, {@code vectors[u]} for listener {@code u}; normalised by the matcher.
     *
     * @param vectors {@code vectors[u]} for listener {@code u}, all of one length (the dimension); not copied here
     * @return the fitted vectors, normalised and checked when the matcher stores them
     */
    public static Vectors of(float[][] vectors) {
      return new Vectors(vectors.length == 0 ? 1 : vectors[0].length, vectors, null);
    }

    /**
     * The unit rows a matcher wrote with {@link #writeVectors}, taken verbatim so that the loaded matcher scores
     * with the saved bits.
     *
     * @param in the payload, positioned where {@link #writeVectors} started
     * @return the rows
     * @throws IOException if the payload is truncated, or the rows are ragged or hold a non-finite component
     */
    public static Vectors read(Payload.Reader in) throws IOException {
      int dim = in.getInt();
      float[] rows = in.getFloats();
      if (dim < 1 || rows.length % dim != 0) {
        throw new IOException("listener vectors: " + rows.length + " components are not rows of dimension " + dim);
      }
      for (float x : rows) {
        if (!Float.isFinite(x)) {
          throw new IOException("listener vectors: a non-finite component " + x);
        }
      }
      return new Vectors(dim, null, rows);
    }
  }

  /**
   * Writes the dimension and every listener's unit vector, for {@link Vectors#read}; called under the read lock.
   *
   * @param out the payload to append to
   */
  protected final void writeVectors(Payload.Writer out) {
    out.putInt(dim).putFloats(Arrays.copyOf(rows, profiles.size() * dim));
  }

  /**
   * Scales {@code v} to unit length in place (zero stays zero) and returns it.
   *
   * @param v the vector to scale, modified in place
   * @return {@code v} itself, now of unit length, or still zero when it was zero
   */
  public static float[] normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  private void store(int u, float[] v) {
    if (v.length != dim) {
      throw new IllegalArgumentException("listener " + profiles.id(u) + ": vector has " + v.length
          + " components; the matcher's dimension is " + dim);
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException("listener " + profiles.id(u) + ": vector has a non-finite component " + x);
      }
    }
    if ((long) (u + 1) * dim > rows.length) {
      long cap = Math.max((long) (u + 1) * dim, rows.length + (rows.length >> 1));
      if (cap > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("matcher is full: " + (u + 1) + " listeners of dimension " + dim
            + " exceed the largest Java array");
      }
      rows = Arrays.copyOf(rows, (int) cap);
    }
    System.arraycopy(normalize(v.clone()), 0, rows, u * dim, dim);
    transposed = null;
  }

  /**
   * Vector dimension.
   *
   * @return the number of components of every listener vector
   */
  public int dimension() {
    return dim;
  }

  /**
   * The unit vector of a listener.
   *
   * @param listenerId id of a known listener
   * @return a copy of the listener's unit vector, of length {@link #dimension()}
   */
  public float[] vector(String listenerId) {
    lock.readLock().lock();
    try {
      return vectorOf(profiles.require(listenerId));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The vector of listener {@code u} (a copy); called under a lock.
   *
   * @param u listener index, in [0, {@code profiles.size()})
   * @return a copy of the listener's unit vector
   */
  protected final float[] vectorOf(int u) {
    return Arrays.copyOfRange(rows, u * dim, u * dim + dim);
  }

  /**
   * Encodes listener {@code u}'s current profile; called under the write lock when a listener is added.
   *
   * @param u index of the listener whose bag was just put into {@code profiles}
   * @return the listener's vector, of length {@link #dimension()} with finite components; normalised by the caller
   */
  protected abstract float[] encode(int u);

  @Override
  protected void added(int u) {
    store(u, encode(u));
  }

  /** The transposed blocks of the current rows; called under the read lock. */
  private float[] transposed(int n) {
    float[] t = transposed;
    if (t != null) {
      return t;
    }
    synchronized (this) {
      t = transposed;
      if (t == null) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        t = new float[Math.max(1, blocks) * BLOCK * dim];
        for (int u = 0; u < n; u++) {
          int o = (u / BLOCK) * BLOCK * dim + u % BLOCK;
          for (int d = 0; d < dim; d++) {
            t[o + d * BLOCK] = rows[u * dim + d];
          }
        }
        transposed = t;
      }
      return t;
    }
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    return scan(queries, k, eligible);
  }

  /** The blocked dense scan. */
  private List<List<ScoredListener>> scan(int[] queries, int k, boolean[] eligible) {
    int n = profiles.size();
    float[] t = transposed(n);
    float[] rs = rows;
    int m = queries.length;
    int tiles = (m + TILE - 1) / TILE;
    int[][] ids = new int[m][];
    float[][] scores = new float[m][];
    IntStream.range(0, tiles).parallel().forEach(tile -> {
      int from = tile * TILE;
      int to = Math.min(m, from + TILE);
      scanTile(queries, from, to, k, eligible, n, t, rs, ids, scores);
    });
    List<List<ScoredListener>> out = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      List<ScoredListener> l = new ArrayList<>(ids[i].length);
      for (int j = 0; j < ids[i].length; j++) {
        l.add(new ScoredListener(profiles.id(ids[i][j]), scores[i][j]));
      }
      out.add(l);
    }
    return out;
  }

  /**
   * Ranks by the fused score {@code cos(dense) + λ · cos(sparse)}: the dense cosine of the listener vectors plus
   * {@code lambda} times the exact sparse cosine of {@code sparse}. Exact: the candidates are the dense top
   * {@code k} (from the blocked scan) and every listener sharing an item with the query (from the inverted index),
   * re-scored with both parts; a listener sharing an item is scored only when its sparse part plus the k-th dense
   * score (a bound on its dense part) could enter the top {@code k}. A listener outside both sets has sparse cosine 0 (weights are non-negative)
   * and a dense score below the dense top {@code k}, so it cannot enter the fused top {@code k}. Ties by id hash;
   * the result does not depend on the batch or the thread. Called under the read lock.
   *
   * @param lambda weight of the sparse part, at least 0 (0: the dense scan alone)
   * @param queries listener indexes to rank for
   * @param k most listeners returned per query, at least 1
   * @param eligible per listener index, whether it may be returned; a query is never its own match
   * @param sparse the inverted index over the same listeners giving the sparse cosine
   * @return per query, in order of {@code queries}, at most {@code k} listeners by descending fused score
   */
  protected final List<List<ScoredListener>> rankFused(int[] queries, int k, boolean[] eligible,
      SparseCosineIndex sparse, double lambda) {
    List<List<ScoredListener>> dense = scan(queries, k, eligible);
    if (!(lambda > 0)) {
      return dense;
    }
    float lam = (float) lambda;
    List<List<ScoredListener>> out = new ArrayList<>(queries.length);
    IntStream.range(0, queries.length).parallel().mapToObj(i -> {
      int q = queries[i];
      String qid = profiles.id(q);
      SparseCosineIndex.Accumulator s = sparse.accumulate(q, lam, scratch.get());
      float[] acc = s.sums();
      Ranking r = new Ranking(k);
      List<ScoredListener> top = dense.get(i);
      int[] inTop = new int[top.size()];
      for (int j = 0; j < inTop.length; j++) {
        int v = profiles.indexOf(top.get(j).listenerId());
        inTop[j] = v;
        r.offer(v, cosine(q, v) + acc[v], Ranking.tie(qid, top.get(j).listenerId()));
      }
      // a listener outside the dense top k has a dense score of at most the k-th one (at most 1 when fewer than
      // k were eligible), so its fused score is bounded before its dense score is computed
      double bound = (top.size() < k ? 1 : top.get(top.size() - 1).score()) + BOUND_SLACK;
      for (int t = 0, touched = s.count(); t < touched; t++) {
        int v = s.touched(t);
        if (v == q || !eligible[v] || !r.accepts(bound + acc[v]) || contains(inTop, v)) {
          continue;
        }
        double score = cosine(q, v) + acc[v];
        if (r.accepts(score)) {
          r.offer(v, score, Ranking.tie(qid, profiles.id(v)));
        }
      }
      return r.result(profiles);
    }).forEachOrdered(out::add);
    return out;
  }

  /** Slack of the dense bound for the rounding of the SIMD kernel's float scores. */
  private static final double BOUND_SLACK = 1e-4;

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** Per-thread buffers of {@link #rankFused}. */
  private final ThreadLocal<SparseCosineIndex.Accumulator> scratch =
      ThreadLocal.withInitial(SparseCosineIndex.Accumulator::new);

  /** Ranks queries {@code [from, to)}: every row block against groups of four queries. */
  private void scanTile(int[] queries, int from, int to, int k, boolean[] eligible, int n, float[] t, float[] rs,
      int[][] ids, float[][] scores) {
    int count = to - from;
    float[] q = new float[count * dim];
    TopK[] tops = new TopK[count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(rs, queries[from + i] * dim, q, i * dim, dim);
      tops[i] = new TopK(k);
    }
    float[] buf = new float[GROUP * BLOCK];
    for (int start = 0; start < n; start += BLOCK) {
      int len = Math.min(BLOCK, n - start);
      int off = (start / BLOCK) * BLOCK * dim;
      for (int g = 0; g < count; g += GROUP) {
        int gc = Math.min(GROUP, count - g);
        kernels.dotTransposed(q, g, gc, t, off, BLOCK, len, dim, buf);
        for (int i = 0; i < gc; i++) {
          TopK top = tops[g + i];
          int self = queries[from + g + i];
          int base = i * BLOCK;
          int end = base + len;
          float threshold = top.threshold();
          for (int j = kernels.firstAtLeast(buf, base, end, threshold); j < end;
              j = kernels.firstAtLeast(buf, j + 1, end, threshold)) {
            int row = start + j - base;
            if (row != self && eligible[row]) {
              top.offer(row, buf[j]);
              threshold = top.threshold();
            }
          }
        }
      }
    }
    for (int i = 0; i < count; i++) {
      float[] s = new float[tops[i].size()];
      ids[from + i] = tops[i].drainIds(s);
      scores[from + i] = s;
    }
  }

  /**
   * Cosine of two listeners' vectors.
   *
   * @param a index of the first listener
   * @param b index of the second listener
   * @return the dot product of the two unit vectors, in [-1, 1] (0 when either is zero)
   */
  protected final double cosine(int a, int b) {
    double s = 0;
    for (int i = 0; i < dim; i++) {
      s += (double) rows[a * dim + i] * rows[b * dim + i];
    }
    return s;
  }
}
