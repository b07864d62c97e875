package dev.recsys.core.eval;

/**
 * Assigns a test user to a cohort group (e.g. an activity bucket); results are then broken down by group.
 * Implementations must be deterministic and thread-safe. See {@link Cohorts} for ready-made groupings.
 */
@FunctionalInterface
public interface UserGrouping {
  /**
   * The group of user {@code user} (an index of {@code split.data().users()}), or {@code null} to leave the
   * user out of this analysis.
   *
   * @param split the split
   * @param user the user index
   * @return the group of user {@code user} (an index of {@code split.data().users()}), or {@code null} to leave the
   *     user out of this analysis
   */
  String groupOf(Split split, int user);
}
