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
 * @param lines the physical-line accounting of delimited text files ({@link Lines#NONE} for other sources)
 */
public record ReadReport(
    String source,
    long rowsRead,
    long rowsSkipped,
    Map<String, Long> records,
    Map<String, Long> skipReasons,
    List<String> firstProblems,
    Lines lines) {

  /**
   * Where every physical line of the delimited text files went: each is a header record's first line, a blank
   * line, the first line of a data row (read or skipped) or a continuation line of a multi-line record, so
   * {@code total == header + blank + rowsRead + continuation} always holds.
   *
   * @param total physical lines in the files (a last line without a line break counts)
   * @param header header records
   * @param blank blank lines skipped
   * @param continuation lines after the first of records whose quoted fields hold line breaks
   */
  public record Lines(long total, long header, long blank, long continuation) {
    /** No line accounting (the source is not line-based). */
    public static final Lines NONE = new Lines(0, 0, 0, 0);

    /** Validates. */
    public Lines {
      if (total < 0 || header < 0 || blank < 0 || continuation < 0) {
        throw new IllegalArgumentException("line counts must be >= 0; total=" + total + ", header=" + header
            + ", blank=" + blank + ", continuation=" + continuation);
      }
    }

    /**
     * The sum of two accountings.
     *
     * @param o the other accounting, e.g. of the next file
     * @return a new accounting with every count summed
     */
    public Lines plus(Lines o) {
      return new Lines(total + o.total, header + o.header, blank + o.blank, continuation + o.continuation);
    }
  }

  /** Validates and copies. */
  public ReadReport {
    Objects.requireNonNull(source, "source");
    records = Map.copyOf(records);
    skipReasons = Map.copyOf(skipReasons);
    firstProblems = List.copyOf(firstProblems);
    Objects.requireNonNull(lines, "lines");
  }

  /**
   * A report of a source without line accounting.
   *
   * @param source a description of what was read (file names)
   * @param rowsRead data rows (or JSON objects) read, including skipped ones
   * @param rowsSkipped rows skipped in lenient mode
   * @param records records produced by kind; copied
   * @param skipReasons number of skipped rows per rule broken; copied
   * @param firstProblems the first few problems, each naming file, line and column; copied
   */
  public ReadReport(String source, long rowsRead, long rowsSkipped, Map<String, Long> records,
      Map<String, Long> skipReasons, List<String> firstProblems) {
    this(source, rowsRead, rowsSkipped, records, skipReasons, firstProblems, Lines.NONE);
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
