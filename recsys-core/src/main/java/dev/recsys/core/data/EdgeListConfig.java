package dev.recsys.core.data;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * Configuration of the {@code edge-list} data source plugin.
 *
 * @param path a delimited user-user edge list
 * @param mode strict (fail on the first malformed row) or lenient (skip and count)
 * @param maxProblems how many problem messages a lenient read keeps, 0 to 1000
 */
public record EdgeListConfig(String path, ReadOptions.Mode mode, int maxProblems) {
  /** Validates the fields. */
  public EdgeListConfig {
    Checks.notBlank("path", path);
    Objects.requireNonNull(mode, "mode");
    Checks.inRange("maxProblems", maxProblems, 0, 1000);
  }

  /**
   * Strict reading of {@code path}, keeping 10 problems.
   *
   * @param path the path
   * @return the strict reading of {@code path}, keeping 10 problems
   */
  public static EdgeListConfig of(String path) {
    return new EdgeListConfig(path, ReadOptions.Mode.STRICT, 10);
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
