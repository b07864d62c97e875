package dev.recsys.core.eval.report;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.model.Interactions;

/** The content hash of an interaction table, so a report can be traced to its exact data. Not for security. */
public final class DataFingerprint {
  private DataFingerprint() {}

  /**
   * {@code sha256:} and 16 hex digits over the rows (user id, item id, weight, timestamp, skip) in order.
   *
   * @param data the data
   * @return {@code sha256:} and 16 hex digits over the rows (user id, item id, weight, timestamp, skip) in order
   */
  public static String of(Interactions data) {
    Fingerprint f = new Fingerprint().add(data.size());
    float[] w = new float[1];
    for (int r = 0; r < data.size(); r++) {
      f.add(data.users().id(data.user(r))).add(data.items().id(data.item(r))).add(data.timestamp(r))
          .add(data.skipped(r) ? 1 : 0);
      w[0] = data.weight(r);
      f.add(w);
    }
    return f.value();
  }
}
