package dev.recsys.benchmarks.retrieval.peers;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.NullProgressListener;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * hnswlib-java's {@link HnswIndex} on the heap: {@code M = 16}, {@code efConstruction = 100}, the inner-product
 * distance (the rows are unit vectors, so it ranks as cosine without re-normalising on every call), items added
 * with {@code Index.addAll} on {@code threads} threads. The search beam is the index's {@code ef}.
 */
final class HnswlibPeer implements PeerIndex {
  /** One row: its number and its own copy of the vector. */
  record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private final HnswIndex<Integer, float[], Row, Float> index;

  private HnswlibPeer(HnswIndex<Integer, float[], Row, Float> index) {
    this.index = index;
  }

  static HnswlibPeer build(float[] data, int dim, int threads) {
    int n = data.length / dim;
    HnswIndex<Integer, float[], Row, Float> index = HnswIndex
        .newBuilder(dim, DistanceFunctions.FLOAT_INNER_PRODUCT, n)
        .withM(PeerLibrary.M)
        .withEfConstruction(PeerLibrary.BEAM_WIDTH)
        .withEf(PeerLibrary.BEAM_WIDTH)
        .build();
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new Row(i, Arrays.copyOfRange(data, i * dim, i * dim + dim)));
    }
    try {
      index.addAll(rows, threads, NullProgressListener.INSTANCE, Math.max(1, n));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the hnswlib index", e);
    }
    return new HnswlibPeer(index);
  }

  @Override
  public PeerLibrary library() {
    return PeerLibrary.HNSWLIB;
  }

  @Override
  public String parameterName() {
    return "ef";
  }

  @Override
  public int beam() {
    return index.getEf();
  }

  @Override
  public void beam(int beam) {
    index.setEf(beam);
  }

  @Override
  public List<SearchResult<Row, Float>> search(float[] query, int k) {
    return index.findNearest(query, k);
  }

  @Override
  public int[] rows(Object result) {
    @SuppressWarnings("unchecked")
    List<SearchResult<Row, Float>> hits = (List<SearchResult<Row, Float>>) result;
    int[] rows = new int[hits.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = hits.get(i).item().id();
    }
    return rows;
  }

  @Override
  public long diskBytes() {
    return 0;
  }

  @Override
  public void close() {}
}
