package dev.recsys.graph.gat;

import dev.recsys.core.util.Checks;

/**
 * How a {@link HeteroGraph} is built.
 *
 * @param cooccurrenceWindow two tracks of one sequence are linked when at most this many positions apart, in [1, 100]
 * @param sessionGapSeconds for timed interactions, a gap longer than this starts a new session, in [60, 86400*30]
 * @param maxDegree each track keeps at most this many neighbours of each edge type (largest weight first), in
 *     [1, 100000]; bounds memory on large graphs
 */
public record GraphConfig(int cooccurrenceWindow, long sessionGapSeconds, int maxDegree) {
  /** Validates the fields. */
  public GraphConfig {
    Checks.inRange("cooccurrenceWindow", cooccurrenceWindow, 1, 100);
    Checks.inRange("sessionGapSeconds", sessionGapSeconds, 60, 86_400L * 30);
    Checks.inRange("maxDegree", maxDegree, 1, 100_000);
  }

  /**
   * Window 3, 30-minute session gap, 64 neighbours per edge type.
   *
   * @return the window 3, 30-minute session gap, 64 neighbours per edge type
   */
  public static GraphConfig defaults() {
    return new GraphConfig(3, 1800, 64);
  }
}
