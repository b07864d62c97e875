package dev.recsys.core.data;

import dev.recsys.core.util.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the {@code interactions} data source plugin.
 *
 * @param path a delimited user-item file (CSV, TSV; delimiter detected)
 * @param columns the column roles in {@link ColumnRoles#parse} form ({@code user=uid,item=track,weight=plays}), or
 *     empty to detect them from the header; checked here
 * @param mode strict (fail on the first malformed row) or lenient (skip and count)
 * @param maxProblems how many problem messages a lenient read keeps, 0 to 1000
 */
public record InteractionsConfig(String path, String columns, ReadOptions.Mode mode, int maxProblems) {
  /** Validates the fields. */
  public InteractionsConfig {
    Checks.notBlank("path", path);
    Objects.requireNonNull(columns, "columns");
    if (!columns.isBlank()) {
      ColumnRoles.parse(columns);
    }
    Objects.requireNonNull(mode, "mode");
    Checks.inRange("maxProblems", maxProblems, 0, 1000);
  }

  /**
   * Strict reading of {@code path} with detected roles.
   *
   * @param path the path
   * @return the strict reading of {@code path} with detected roles
   */
  public static InteractionsConfig of(String path) {
    return new InteractionsConfig(path, "", ReadOptions.Mode.STRICT, 10);
  }

  /**
   * The column roles, or empty to detect them.
   *
   * @return the column roles, or empty to detect them
   */
  public Optional<ColumnRoles> roles() {
    return columns.isBlank() ? Optional.empty() : Optional.of(ColumnRoles.parse(columns));
  }

  /**
   * The read options these settings give (without progress reporting).
   *
   * @return the read options these settings give (without progress reporting)
   */
  public ReadOptions readOptions() {
    return ReadOptions.STRICT.withMode(mode).withMaxProblems(maxProblems);
  }
}
