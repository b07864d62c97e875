package dev.recsys.core.features;

import java.util.List;

/**
 * What fitting the feature pipeline saw and decided.
 *
 * @param rows tracks in the fit data
 * @param columns output columns
 * @param numeric per numeric column: missing values (imputed) and the fitted statistics
 * @param keyMissing tracks without a key (all-zero key block)
 * @param modeMissing tracks without a mode (all-zero mode block)
 * @param timeSignatureMissing tracks without a time signature (all-zero block)
 * @param moodMissing tracks missing energy or valence (all-zero mood block)
 * @param genresKept genres that became columns
 * @param genresDropped genres seen but dropped by {@code minGenreCount} or {@code maxGenres}
 * @param tracksWithoutKeptGenre tracks whose genre block is all zeros
 * @param referenceYear the year recency is measured from (newest release year + 1; 0 when no track has a date)
 */
public record FitReport(int rows, int columns, List<NumericColumn> numeric, long keyMissing, long modeMissing,
    long timeSignatureMissing, long moodMissing, int genresKept, int genresDropped, long tracksWithoutKeptGenre,
    int referenceYear) {

  /** Copies the list. */
  public FitReport {
    numeric = List.copyOf(numeric);
  }

  /**
   * One numeric column of the fit.
   *
   * @param name the column name
   * @param missing values missing in the fit data, replaced by {@code fill}
   * @param fill the imputed value (mean or median of the present values; 0 when none is present)
   * @param mean mean after imputation (subtracted when standardising)
   * @param sd standard deviation after imputation (divided by when standardising; 1 when it is 0)
   */
  public record NumericColumn(String name, long missing, double fill, double mean, double sd) {}

  /**
   * Total imputed numeric values.
   *
   * @return the total imputed numeric values
   */
  public long imputedValues() {
    return numeric.stream().mapToLong(NumericColumn::missing).sum();
  }
}
