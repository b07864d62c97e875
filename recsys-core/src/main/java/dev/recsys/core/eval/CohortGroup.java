package dev.recsys.core.eval;

import java.util.Map;

/**
 * The results of one group of a cohort analysis (e.g. listeners with 11-50 training items).
 *
 * @param users number of test users in the group
 * @param metrics metric name to estimate, in the evaluator's metric order
 */
public record CohortGroup(int users, Map<String, Estimate> metrics) {
  /** Copies the map, keeping its order. */
  public CohortGroup {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
  }
}
