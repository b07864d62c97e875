package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import java.util.HashMap;
import java.util.Map;

/** Vectors for the synthetic items: a one-hot of the item's taste group plus a small per-item offset. */
final class ContentVectors {
  private ContentVectors() {}

  static Map<String, float[]> of(Interactions data) {
    Map<String, float[]> m = new HashMap<>();
    for (String id : data.items().ids()) {
      int i = Integer.parseInt(id.substring(1));
      float[] v = new float[5];
      v[Math.min(3, i / 15)] = 1;
      v[4] = (i % 15) / 30f;
      m.put(id, v);
    }
    return m;
  }
}
