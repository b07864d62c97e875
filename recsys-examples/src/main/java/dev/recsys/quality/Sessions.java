package dev.recsys.quality;

import dev.recsys.core.model.Interactions;
import java.util.Arrays;

/** Listening sessions from timed interactions, for next-track evaluation. */
public final class Sessions {
  private Sessions() {}

  /**
   * The interactions re-keyed by session: a user's time-ordered rows split at gaps over {@code gapSeconds}, each
   * session becoming a user {@code listener#n}. Skipped plays are kept (with their flag).
   */
  public static Interactions split(Interactions interactions, long gapSeconds) {
    int n = interactions.size();
    Integer[] rows = new Integer[n];
    for (int r = 0; r < n; r++) {
      rows[r] = r;
    }
    Arrays.sort(rows, (a, b) -> {
      int c = Integer.compare(interactions.user(a), interactions.user(b));
      if (c != 0) {
        return c;
      }
      c = Long.compare(interactions.timestamp(a), interactions.timestamp(b));
      return c != 0 ? c : Integer.compare(a, b);
    });
    Interactions.Builder out = Interactions.builder();
    int prevUser = -1;
    long prevTime = 0;
    int session = 0;
    for (int r : rows) {
      int u = interactions.user(r);
      long t = interactions.timestamp(r);
      if (u != prevUser) {
        session = 0;
      } else if (t - prevTime > gapSeconds) {
        session++;
      }
      prevUser = u;
      prevTime = t;
      out.add(interactions.users().id(u) + "#" + session, interactions.items().id(interactions.item(r)),
          interactions.weight(r), t, interactions.skipped(r));
    }
    return out.build();
  }
}
