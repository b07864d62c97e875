package dev.recsys.embedding.twotower;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered inputs of one tower. Immutable.
 *
 * @param inputs the inputs; names unique; at least one
 */
public record FeatureSchema(List<FeatureInput> inputs) {
  /** Validates and copies. */
  public FeatureSchema {
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a feature schema needs at least one input");
    }
    Set<String> names = new HashSet<>();
    for (FeatureInput in : inputs) {
      if (!names.add(in.name())) {
        throw new IllegalArgumentException("duplicate input name '" + in.name() + "' in " + inputs);
      }
    }
  }

  /**
   * A schema of these inputs.
   *
   * @param inputs the inputs
   * @return a schema of these inputs
   */
  public static FeatureSchema of(FeatureInput... inputs) {
    return new FeatureSchema(List.of(inputs));
  }

  /**
   * The id inputs, in order.
   *
   * @return the id inputs, in order
   */
  public List<FeatureInput.Id> ids() {
    return inputs.stream().filter(FeatureInput.Id.class::isInstance).map(FeatureInput.Id.class::cast).toList();
  }

  /**
   * The multi-hot inputs, in order.
   *
   * @return the multi-hot inputs, in order
   */
  public List<FeatureInput.MultiHot> bags() {
    return inputs.stream().filter(FeatureInput.MultiHot.class::isInstance).map(FeatureInput.MultiHot.class::cast).toList();
  }

  /**
   * Total width of the dense inputs.
   *
   * @return the total width of the dense inputs
   */
  public int denseWidth() {
    return inputs.stream().filter(FeatureInput.Dense.class::isInstance).mapToInt(FeatureInput::width).sum();
  }

  /**
   * Width of the first layer's input: every input's width summed.
   *
   * @return the width of the first layer's input
   */
  public int inputWidth() {
    return inputs.stream().mapToInt(FeatureInput::width).sum();
  }

  /**
   * Checks that {@code row} fits this schema.
   *
   * @throws IllegalArgumentException naming the input and the rule broken
   * @param row the row index
   */
  public void check(TowerRow row) {
    Objects.requireNonNull(row, "row");
    List<FeatureInput.Id> ids = ids();
    if (row.ids().length != ids.size()) {
      throw new IllegalArgumentException("row has " + row.ids().length + " ids; the schema has " + ids.size() + " id inputs");
    }
    for (int i = 0; i < ids.size(); i++) {
      int v = row.ids()[i];
      if (v < 0 || v >= ids.get(i).rows()) {
        throw new IllegalArgumentException("id input '" + ids.get(i).name() + "' must be in [0, " + (ids.get(i).rows() - 1)
            + "]; value=" + v);
      }
    }
    List<FeatureInput.MultiHot> bags = bags();
    if (row.bags().length != bags.size()) {
      throw new IllegalArgumentException("row has " + row.bags().length + " bags; the schema has " + bags.size()
          + " multi-hot inputs");
    }
    for (int b = 0; b < bags.size(); b++) {
      for (int v : row.bags()[b]) {
        if (v < 0 || v >= bags.get(b).vocabularySize()) {
          throw new IllegalArgumentException("multi-hot input '" + bags.get(b).name() + "' values must be in [0, "
              + (bags.get(b).vocabularySize() - 1) + "]; value=" + v);
        }
      }
    }
    if (row.dense().length != denseWidth()) {
      throw new IllegalArgumentException("row has " + row.dense().length + " dense values; the schema has "
          + denseWidth());
    }
    for (int i = 0; i < row.dense().length; i++) {
      if (!Float.isFinite(row.dense()[i])) {
        throw new IllegalArgumentException("dense values must be finite; dense[" + i + "]=" + row.dense()[i]);
      }
    }
  }
}
