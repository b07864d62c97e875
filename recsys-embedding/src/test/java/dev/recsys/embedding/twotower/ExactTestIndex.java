package dev.recsys.embedding.twotower;

import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A brute-force dot-product {@link VectorIndex} for tests (writes visible at once; synchronised). */
final class ExactTestIndex implements VectorIndex {
  private final int dimension;
  private final Map<String, float[]> vectors = new LinkedHashMap<>();
  private final Map<String, Metadata> metadata = new LinkedHashMap<>();

  ExactTestIndex(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Similarity similarity() {
    return Similarity.DOT_PRODUCT;
  }

  @Override
  public synchronized int size() {
    return vectors.size();
  }

  @Override
  public synchronized void upsert(String key, float[] vector, Metadata md) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("dimension " + vector.length);
    }
    vectors.put(key, vector.clone());
    metadata.put(key, md);
  }

  @Override
  public synchronized boolean delete(String key) {
    metadata.remove(key);
    return vectors.remove(key) != null;
  }

  @Override
  public void refresh() {}

  @Override
  public void commit() {}

  @Override
  public synchronized Optional<float[]> vector(String key) {
    return Optional.ofNullable(vectors.get(key)).map(float[]::clone);
  }

  @Override
  public synchronized List<SearchHit> search(float[] query, int k, SearchFilter filter) {
    List<SearchHit> all = new ArrayList<>();
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      if (!filter.test(e.getKey(), metadata.get(e.getKey()))) {
        continue;
      }
      float s = 0;
      for (int i = 0; i < dimension; i++) {
        s += query[i] * e.getValue()[i];
      }
      all.add(new SearchHit(e.getKey(), s, metadata.get(e.getKey())));
    }
    all.sort(Comparator.comparingDouble((SearchHit h) -> -h.score()).thenComparing(SearchHit::key));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  @Override
  public void close() {}
}
