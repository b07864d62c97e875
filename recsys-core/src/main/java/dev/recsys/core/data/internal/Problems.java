package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.spi.ReadReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The bookkeeping of one read: rows read, records produced, problems. In strict mode {@link #reject} rethrows
 * the problem; in lenient mode it counts the skipped row by rule and keeps the first messages. Not thread-safe.
 */
public final class Problems {
  private final ReadOptions options;
  private final LongConsumer progress;
  private final Map<String, Long> records = new LinkedHashMap<>();
  private final Map<String, Long> reasons = new LinkedHashMap<>();
  private final List<String> first = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private long rows;
  private long skipped;
  private ReadReport.Lines lines = ReadReport.Lines.NONE;

  /** Bookkeeping under the given options. */
  public Problems(ReadOptions options) {
    this.options = options;
    this.progress = options.progress().orElse(null);
  }

  /** The options of this read. */
  public ReadOptions options() {
    return options;
  }

  /** Notes a file that is part of the read (for the report's source description). */
  public void source(String name) {
    sources.add(name);
  }

  /** Counts one row (or JSON object) read, and reports progress every so many rows. */
  public void row() {
    rows++;
    if (progress != null && rows % options.progressEvery() == 0) {
      progress.accept(rows);
    }
  }

  /** Rows read so far. */
  public long rows() {
    return rows;
  }

  /** Counts one produced record of {@code kind}. */
  public void record(String kind) {
    records.merge(kind, 1L, Long::sum);
  }

  /** Counts {@code n} produced records of {@code kind}. */
  public void records(String kind, long n) {
    if (n > 0) {
      records.merge(kind, n, Long::sum);
    }
  }

  /**
   * Handles a malformed row: rethrows in strict mode, else counts it as skipped.
   *
   * @throws DataFormatException in strict mode
   */
  public void reject(DataFormatException e) throws DataFormatException {
    if (options.strict()) {
      throw e;
    }
    skipped++;
    reasons.merge(e.rule().key(), 1L, Long::sum);
    if (first.size() < options.maxProblems()) {
      first.add(e.getMessage());
    }
  }

  /** Adds the physical-line accounting of a delimited file read to its end. */
  public void lines(DelimitedReader r) {
    lines = lines.plus(new ReadReport.Lines(r.linesRead(), r.headerRecords(), r.blankLines(), r.continuationLines()));
  }

  /** Skipped rows so far. */
  public long skipped() {
    return skipped;
  }

  /** The report of the read so far; reports final progress. */
  public ReadReport report() {
    if (progress != null) {
      progress.accept(rows);
    }
    return new ReadReport(String.join(", ", sources), rows, skipped, records, reasons, first, lines);
  }
}
