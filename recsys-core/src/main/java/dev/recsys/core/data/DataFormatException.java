package dev.recsys.core.data;

import java.io.IOException;
import java.util.Objects;

/**
 * A data file breaks a format rule. The message names the file, the line, the column (number and name when
 * known) and the rule, for example {@code spotify_songs.csv:1043:12 (energy): not a number: 'abc'}.
 *
 * <p>Line and column numbers start at 1; a column of 0 means the problem concerns the whole row or file.
 */
public class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The rules a data file can break; {@link #key()} is the name used in {@code ReadReport.skipReasons}. */
  public enum Rule {
    /** A row has more or fewer fields than the header. */
    WRONG_COLUMN_COUNT("wrong-column-count"),
    /** A numeric field does not hold a number. */
    BAD_NUMBER("bad-number"),
    /** A number lies outside the range its column allows. */
    OUT_OF_RANGE("out-of-range"),
    /** A required field is empty or {@code NA}. */
    MISSING_VALUE("missing-value"),
    /** A field holds text of the wrong form (a date, a boolean, a list literal). */
    BAD_VALUE("bad-value"),
    /** A quoted field is not closed, or text follows its closing quote. */
    BAD_QUOTING("bad-quoting"),
    /** The header matches no supported schema or lacks a required column. */
    UNKNOWN_HEADER("unknown-header"),
    /** The file has no header or no content. */
    EMPTY_FILE("empty-file"),
    /** The bytes are not valid in the expected character encoding (UTF-8 unless stated). */
    WRONG_ENCODING("wrong-encoding"),
    /** JSON that is not well formed or lacks a required member. */
    BAD_JSON("bad-json"),
    /** A row refers to an entity (a movie, a track) that the file listing those entities does not hold. */
    UNKNOWN_REFERENCE("unknown-reference");

    private final String key;

    Rule(String key) {
      this.key = key;
    }

    /**
     * The short name used to count skipped rows by rule.
     *
     * @return the short name used to count skipped rows by rule
     */
    public String key() {
      return key;
    }
  }

  /** The file name, as given to the reader. */
  private final String file;
  /** The 1-based line number, or 0 when unknown. */
  private final long line;
  /** The 1-based column number, or 0 when the problem concerns the whole row. */
  private final int column;
  /** The column's name, or null when unknown. */
  private final String columnName;
  /** The rule the row broke. */
  private final Rule rule;
  /** What was wrong, without the location. */
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param file the file name as shown in messages
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when the problem concerns the whole row
   * @param columnName the column's name, or null when unknown
   * @param rule the rule broken
   * @param detail what is wrong, e.g. {@code not a number: 'abc'}
   */
  public DataFormatException(String file, long line, int column, String columnName, Rule rule, String detail) {
    super(format(file, line, column, columnName, detail));
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.columnName = columnName;
    this.rule = Objects.requireNonNull(rule, "rule");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  private static String format(String file, long line, int column, String columnName, String detail) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (columnName != null && !columnName.isEmpty()) {
      sb.append(" (").append(columnName).append(')');
    }
    return sb.append(": ").append(detail).toString();
  }

  /**
   * The file name as shown in the message.
   *
   * @return the file name as shown in the message
   */
  public String file() {
    return file;
  }

  /**
   * The 1-based line where the offending row starts, or 0 when unknown.
   *
   * @return the 1-based line where the offending row starts, or 0 when unknown
   */
  public long line() {
    return line;
  }

  /**
   * The 1-based column, or 0 for a problem with the whole row or file.
   *
   * @return the 1-based column, or 0 for a problem with the whole row or file
   */
  public int column() {
    return column;
  }

  /**
   * The column's name, or null when unknown.
   *
   * @return the column's name, or null when unknown
   */
  public String columnName() {
    return columnName;
  }

  /**
   * The rule broken.
   *
   * @return the rule broken
   */
  public Rule rule() {
    return rule;
  }

  /**
   * The description of the problem without the location.
   *
   * @return the description of the problem without the location
   */
  public String detail() {
    return detail;
  }
}
