package dev.recsys.spark.io;

import java.util.List;
import java.util.Map;

/**
 * What a distributed read did, in the terms of the single-machine {@code ReadReport}: rows read and skipped summed
 * over the files, skipped rows by rule, the first problems (each naming file, line and column), and the records
 * of each table after duplicates across files were removed.
 *
 * @param files number of files read (one task each)
 * @param rowsRead data rows (or JSON objects) read, skipped ones included
 * @param rowsSkipped rows skipped (lenient mode)
 * @param skipReasons skipped rows by rule
 * @param firstProblems the first problems reported (at most the read options' maximum per file)
 * @param records rows of each output table
 */
public record ReadSummary(int files, long rowsRead, long rowsSkipped, Map<String, Long> skipReasons, List<String> firstProblems,
    Map<String, Long> records) {
  /** Copies the collections. */
  public ReadSummary {
    skipReasons = Map.copyOf(skipReasons);
    firstProblems = List.copyOf(firstProblems);
    records = Map.copyOf(records);
  }
}
