package dev.recsys.embedding.twotower.internal;

import dev.recsys.embedding.twotower.FeatureSchema;
import dev.recsys.embedding.twotower.TowerRow;
import java.util.List;

/**
 * A batch of tower input rows in columnar form: per id input one index per row, per multi-hot input a CSR bag
 * (offsets and indices), and the dense values row-major.
 */
public final class Batch {
  /** Number of rows. */
  public final int size;
  /** {@code ids[input][row]}. */
  public final int[][] ids;
  /** {@code bagStart[input][row]} .. {@code bagStart[input][row + 1]} delimit the row's indices in {@code bagIdx}. */
  public final int[][] bagStart;
  /** Concatenated bag indices per multi-hot input. */
  public final int[][] bagIdx;
  /** Dense values, {@code size x denseWidth} row-major. */
  public final float[] dense;

  /** A batch of the given arrays (not copied). */
  public Batch(int size, int[][] ids, int[][] bagStart, int[][] bagIdx, float[] dense) {
    this.size = size;
    this.ids = ids;
    this.bagStart = bagStart;
    this.bagIdx = bagIdx;
    this.dense = dense;
  }

  /** Packs rows, checked against the schema. */
  public static Batch of(FeatureSchema schema, List<TowerRow> rows) {
    int n = rows.size();
    int nIds = schema.ids().size();
    int nBags = schema.bags().size();
    int dw = schema.denseWidth();
    int[][] ids = new int[nIds][n];
    int[][] starts = new int[nBags][n + 1];
    int[][] idx = new int[nBags][];
    float[] dense = new float[n * dw];
    for (int b = 0; b < nBags; b++) {
      int total = 0;
      for (int r = 0; r < n; r++) {
        total += rows.get(r).bags()[b].length;
      }
      idx[b] = new int[total];
    }
    int[] fill = new int[nBags];
    for (int r = 0; r < n; r++) {
      TowerRow row = rows.get(r);
      schema.check(row);
      for (int i = 0; i < nIds; i++) {
        ids[i][r] = row.ids()[i];
      }
      for (int b = 0; b < nBags; b++) {
        int[] bag = row.bags()[b];
        System.arraycopy(bag, 0, idx[b], fill[b], bag.length);
        fill[b] += bag.length;
        starts[b][r + 1] = fill[b];
      }
      System.arraycopy(row.dense(), 0, dense, r * dw, dw);
    }
    return new Batch(n, ids, starts, idx, dense);
  }
}
