package dev.recsys.core.eval.protocol;

import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.model.Interactions;

/**
 * Leave-last-one-out: each user's latest row (by timestamp, seeded tie-break) is held out; users with a single
 * row are not tested. The same as {@code TemporalSplit.lastN(1, seed)}.
 *
 * @param seed drives the tie-break between equal timestamps
 */
public record LeaveLastOut(long seed) implements Protocol {
  @Override
  public String name() {
    return "leave-last";
  }

  @Override
  public Split split(Interactions data) {
    Split s = TemporalSplit.lastN(1, seed).split(data);
    return Split.of(toString(), seed, data, s.trainRows(), s.testRows(), null);
  }
}
