package dev.recsys.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A dense row-major float matrix with named columns; row {@code i} belongs to the item with int index {@code i}
 * (for tracks, the {@link Catalog} index). The array is owned by the matrix: treat it as read-only.
 *
 * @param rows number of rows
 * @param cols number of columns
 * @param data {@code rows * cols} values, row-major
 * @param columns column names, {@code cols} of them
 */
public record FeatureMatrix(int rows, int cols, float[] data, List<String> columns) {
  /** Validates the shape. */
  public FeatureMatrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("rows and cols must be >= 0; rows=" + rows + ", cols=" + cols);
    }
    Objects.requireNonNull(data, "data");
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException("data must have rows*cols=" + (long) rows * cols + " values; has " + data.length);
    }
    columns = List.copyOf(columns);
    if (columns.size() != cols) {
      throw new IllegalArgumentException("need " + cols + " column names; got " + columns.size());
    }
  }

  /**
   * A matrix from rows of equal length, with columns named {@code f0..f(n-1)}.
   *
   * @param rowsArray the rows array
   * @return a matrix from rows of equal length, with columns named {@code f0..f(n-1)}
   */
  public static FeatureMatrix ofRows(float[][] rowsArray) {
    int r = rowsArray.length;
    int c = r == 0 ? 0 : rowsArray[0].length;
    float[] d = new float[r * c];
    for (int i = 0; i < r; i++) {
      if (rowsArray[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + rowsArray[i].length + " values; row 0 has " + c);
      }
      System.arraycopy(rowsArray[i], 0, d, i * c, c);
    }
    return new FeatureMatrix(r, c, d, java.util.stream.IntStream.range(0, c).mapToObj(j -> "f" + j).toList());
  }

  /**
   * A new matrix of the given rows, in the given order (a row may repeat).
   *
   * @param which row indexes to copy, each in [0, rows)
   * @return a new {@code which.length x cols} matrix with the same column names
   * @throws IndexOutOfBoundsException if a row is outside {@code [0, rows)}
   */
  public FeatureMatrix selectRows(int[] which) {
    float[] out = new float[which.length * cols];
    for (int i = 0; i < which.length; i++) {
      java.util.Objects.checkIndex(which[i], rows);
      System.arraycopy(data, which[i] * cols, out, i * cols, cols);
    }
    return new FeatureMatrix(which.length, cols, out, columns);
  }

  /**
   * Value at ({@code row}, {@code col}).
   *
   * @param row row index, in [0, rows)
   * @param col column index, in [0, cols)
   * @return the value
   */
  public float get(int row, int col) {
    return data[row * cols + col];
  }

  /**
   * A copy of row {@code i}.
   *
   * @return a copy of row {@code i}
   * @param i the row index
   */
  public float[] row(int i) {
    float[] out = new float[cols];
    System.arraycopy(data, i * cols, out, 0, cols);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureMatrix m && rows == m.rows && cols == m.cols && columns.equals(m.columns)
        && java.util.Arrays.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, cols, columns, java.util.Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "FeatureMatrix[rows=" + rows + ", cols=" + cols + ", columns=" + columns + "]";
  }
}
