package dev.recsys.embedding.twotower;

/**
 * The training examples of a two-tower model: (query row, positive item row) pairs. Negatives come from the other
 * pairs of a batch.
 *
 * <p>Contract: deterministic (the same example index gives the same rows); called from the training thread only.
 */
public interface TrainingPairs {
  /**
   * Number of pairs, at least 1.
   *
   * @return the number of pairs, at least 1
   */
  int size();

  /**
   * The query (listener) side of pair {@code example}.
   *
   * @param example the example
   * @return the query (listener) side of pair {@code example}
   */
  TowerRow query(int example);

  /**
   * The item side of pair {@code example} (for a siamese model, the second view of the query).
   *
   * @param example the example
   * @return the item side of pair {@code example} (for a siamese model, the second view of the query)
   */
  TowerRow item(int example);

  /**
   * A key of the pair's item: pairs whose items share a key are never used as each other's negatives, and the
   * frequency of a key among all pairs is its sampling probability for the log-Q correction. Must be &gt;= 0.
   *
   * @param example the example
   * @return a key of the pair's item
   */
  int itemKey(int example);
}
