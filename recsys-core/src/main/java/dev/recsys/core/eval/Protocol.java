package dev.recsys.core.eval;

import dev.recsys.core.model.Interactions;

/**
 * An offline evaluation protocol: how an interaction table is split into what a model may learn from and what
 * it must predict. Implementations are immutable records of their parameters (including the seed) in
 * {@code dev.recsys.core.eval.protocol}; the same parameters on the same table give the same split.
 */
public interface Protocol {
  /**
   * A short name, e.g. {@code "temporal"}.
   *
   * @return a short name, e.g. {@code "temporal"}
   */
  String name();

  /**
   * The seed that drives every random choice of the protocol.
   *
   * @return the seed that drives every random choice of the protocol
   */
  long seed();

  /**
   * Splits the table.
   *
   * @throws IllegalArgumentException when the table does not suit the protocol (e.g. a temporal split of rows
   *     without timestamps), naming the first offending row
   * @param data the data
   * @return the {@code Split}
   */
  Split split(Interactions data);
}
