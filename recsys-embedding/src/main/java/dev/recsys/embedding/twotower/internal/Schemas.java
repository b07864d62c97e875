package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Binary form of a {@link FeatureSchema} inside a payload. */
public final class Schemas {
  private static final int ID = 1;
  private static final int DENSE = 2;
  private static final int MULTI_HOT = 3;

  private Schemas() {}

  /** Writes a schema. */
  public static void write(Payload.Writer w, FeatureSchema schema) {
    w.putInt(schema.inputs().size());
    for (FeatureInput in : schema.inputs()) {
      switch (in) {
        case FeatureInput.Id id -> w.putInt(ID).putString(id.name()).putInt(id.vocabularySize()).putInt(id.hashBuckets())
            .putInt(id.dimension());
        case FeatureInput.Dense d -> w.putInt(DENSE).putString(d.name()).putInt(d.width());
        case FeatureInput.MultiHot m -> w.putInt(MULTI_HOT).putString(m.name()).putInt(m.vocabularySize())
            .putInt(m.dimension());
      }
    }
  }

  /** Reads a schema written by {@link #write}. */
  public static FeatureSchema read(Payload.Reader r) throws IOException {
    int n = r.getInt();
    if (n < 1 || n > 10_000) {
      throw new ModelFormatException("bad number of tower inputs: " + n);
    }
    List<FeatureInput> inputs = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        int kind = r.getInt();
        String name = r.getString();
        inputs.add(switch (kind) {
          case ID -> new FeatureInput.Id(name, r.getInt(), r.getInt(), r.getInt());
          case DENSE -> new FeatureInput.Dense(name, r.getInt());
          case MULTI_HOT -> new FeatureInput.MultiHot(name, r.getInt(), r.getInt());
          default -> throw new ModelFormatException("unknown tower input kind " + kind + " for input '" + name + "'");
        });
      }
      return new FeatureSchema(inputs);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("malformed tower schema: " + e.getMessage(), e);
    }
  }
}
