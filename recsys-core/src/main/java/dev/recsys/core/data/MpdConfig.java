package dev.recsys.core.data;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * Configuration of the {@code mpd} data source plugin.
 *
 * @param path an mpd.slice.*.json file or a directory of them
 * @param mode strict (fail on the first malformed row) or lenient (skip and count)
 * @param maxProblems how many problem messages a lenient read keeps, 0 to 1000
 */
public record MpdConfig(String path, ReadOptions.Mode mode, int maxProblems) {
  /** Validates the fields. */
  public MpdConfig {
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
  public static MpdConfig of(String path) {
    return new MpdConfig(path, ReadOptions.Mode.STRICT, 10);
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
