package dev.recsys.spark.io;

import dev.recsys.core.retrieval.LuceneEmbeddingStore;
import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.util.Checks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Imports an embedding table (a vector table: {@code id STRING, vector ARRAY<FLOAT>}, as the {@code embed} and
 * {@code features} jobs write it) into a single-machine {@link EmbeddingStore}, such as the
 * {@link LuceneEmbeddingStore} a service searches. The rows stream to the driver one partition at a time
 * ({@code toLocalIterator}), so the driver holds one partition and one batch, not the table.
 */
public final class EmbeddingTables {
  private EmbeddingTables() {}

  /**
   * Puts every row of the table into the store under one model version, then commits.
   *
   * @param table a table with columns {@code id} and {@code vector}
   * @param store the store (a {@link LuceneEmbeddingStore} is loaded in bulk, on all cores)
   * @param modelVersion the model version of every embedding
   * @param batch rows per bulk load, at least 1
   * @return the rows imported
   * @throws IllegalArgumentException for a row with a null id or vector, a null component, or a dimension other
   *     than the first row's, naming the row's id
   * @throws IOException if the store fails
   */
  public static long importInto(Dataset<Row> table, EmbeddingStore store, String modelVersion, int batch)
      throws IOException {
    Objects.requireNonNull(store, "store");
    Checks.notBlank("modelVersion", modelVersion);
    Checks.inRange("batch", batch, 1, 1_000_000);
    VectorTables.requireColumns(table, "id", "vector");
    Iterator<Row> rows = table.select("id", "vector").toLocalIterator();
    List<String> keys = new ArrayList<>(batch);
    List<float[]> vectors = new ArrayList<>(batch);
    int dimension = -1;
    long n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      n++;
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("embedding table row " + n + ": column 'id' is null");
      }
      String id = r.getString(0);
      if (r.isNullAt(1)) {
        throw new IllegalArgumentException("embedding table row " + n + " (id '" + id + "'): column 'vector' is null");
      }
      List<Object> cells = r.getList(1);
      if (dimension < 0) {
        dimension = cells.size();
      } else if (cells.size() != dimension) {
        throw new IllegalArgumentException("embedding table row " + n + " (id '" + id + "'): column 'vector' has "
            + cells.size() + " components; every vector must have the first row's " + dimension);
      }
      float[] v = new float[cells.size()];
      for (int c = 0; c < v.length; c++) {
        Object x = cells.get(c);
        if (x == null) {
          throw new IllegalArgumentException("embedding table row " + n + " (id '" + id + "'): column 'vector' has a"
              + " null component at " + c);
        }
        v[c] = ((Number) x).floatValue();
      }
      keys.add(id);
      vectors.add(v);
      if (keys.size() == batch) {
        flush(store, keys, vectors, dimension, modelVersion);
      }
    }
    flush(store, keys, vectors, dimension, modelVersion);
    store.commit();
    return n;
  }

  private static void flush(EmbeddingStore store, List<String> keys, List<float[]> vectors, int dimension,
      String modelVersion) throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    if (store instanceof LuceneEmbeddingStore lucene) {
      float[] data = new float[Math.multiplyExact(keys.size(), dimension)];
      for (int i = 0; i < keys.size(); i++) {
        System.arraycopy(vectors.get(i), 0, data, i * dimension, dimension);
      }
      lucene.putAll(List.copyOf(keys), data, Collections.nCopies(keys.size(), Metadata.EMPTY), modelVersion);
    } else {
      for (int i = 0; i < keys.size(); i++) {
        store.put(keys.get(i), vectors.get(i), Metadata.EMPTY, modelVersion);
      }
    }
    keys.clear();
    vectors.clear();
  }
}
