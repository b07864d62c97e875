package dev.recsys.embedding.twotower;

/** The training objective of a two-tower model over a batch of (query, positive item) pairs. */
public enum TwoTowerLoss {
  /**
   * In-batch sampled softmax: each query's positive competes against the other items of the batch, logits are
   * dot products divided by the temperature, optionally corrected by subtracting the log of each item's sampling
   * probability (log-Q correction) so that popular items are not over-penalised as negatives.
   */
  SAMPLED_SOFTMAX,
  /**
   * Triplet loss with a margin: {@code max(0, margin - s(q, pos) + s(q, neg))} with one in-batch negative per
   * query, random or (with hard-negative mining) the highest-scoring one.
   */
  TRIPLET
}
