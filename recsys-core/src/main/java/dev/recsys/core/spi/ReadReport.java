package dev.recsys.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a read did: rows read, records produced by kind, and rows skipped with the first reasons.
 * Nothing a reader drops goes unreported: {@code rowsSkipped} counts every skipped row and
 * {@code skipReasons} counts them by rule.
 *
 * @param source a description of what was read (file names)
 * @param rowsRead data rows (or JSON objects) read, including skipped ones
 * @param rowsSkipped rows skipped in lenient mode
 * @param records records produced by kind ("tracks", "playlists", "interactions", ...)
 * @param skipReasons number of skipped rows per rule broken
 * @param firstProblems the first few problems, each naming file, line and column
 */
public record ReadReport(
    String source,
    long rowsRead,
    long rowsSkipped,
    Map<String, Long> records,
    Map<String, Long> skipReasons,
    List<String> firstProblems) {

  /** Validates and copies. */
  public ReadReport {
    Objects.requireNonNull(source, "source");
    records = Map.copyOf(records);
    skipReasons = Map.copyOf(skipReasons);
    firstProblems = List.copyOf(firstProblems);
  }

  /**
   * Count of records of one kind, 0 if none.
   *
   * @param kind the kind
   * @return the count of records of one kind, 0 if none
   */
  public long count(String kind) {
    return records.getOrDefault(kind, 0L);
  }
}
