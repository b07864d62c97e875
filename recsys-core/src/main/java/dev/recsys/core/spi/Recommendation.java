package dev.recsys.core.spi;

import java.util.Objects;

/**
 * One recommended item.
 *
 * @param itemId the item (track) id
 * @param score the model's score (larger is better; comparable only within one result list)
 * @param explanation why it was recommended
 */
public record Recommendation(String itemId, double score, Explanation explanation) {
  /** Validates the fields. */
  public Recommendation {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(explanation, "explanation");
  }
}
