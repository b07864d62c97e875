package dev.recsys.core.eval;

/**
 * Assigns held-out items to a cohort group (e.g. cold or warm). Each group's metrics are computed with every
 * test user's relevant set restricted to the group's items, over the users with at least one such item (the
 * ranking itself is unchanged). Implementations must be deterministic and thread-safe.
 */
@FunctionalInterface
public interface ItemGrouping {
  /**
   * The group of item {@code item} (an index of {@code split.data().items()}), or {@code null} for none.
   *
   * @param split the split
   * @param item the item index
   * @return the group of item {@code item} (an index of {@code split.data().items()}), or {@code null} for none
   */
  String groupOf(Split split, int item);
}
