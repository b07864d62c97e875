package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A streaming tokenizer of delimited text (CSV, TSV, pipe-separated) following RFC 4180: fields may be quoted
 * with {@code "}, a doubled quote inside a quoted field is one quote, quoted fields may hold delimiters and line
 * breaks; lines end with LF, CRLF or CR. A quote inside an unquoted field is kept as text. Blank lines are
 * skipped and counted. The input is decoded chunk by chunk; only the current record is held.
 *
 * <p>{@link #next()} reads one record. On a malformed record (bad quoting, invalid bytes for the charset) it
 * first consumes the rest of that record's line, then throws a {@link DataFormatException}, so the caller may
 * skip the record and call {@link #next()} again. Fields are read with {@link #get}, {@link #getLong},
 * {@link #getDouble} and friends, which throw {@link DataFormatException} naming line, column and column name.
 *
 * <p>Not thread-safe.
 */
public final class DelimitedReader implements Closeable {
  private static final int CHUNK = 1 << 16;
  private static final char NO_QUOTE = '\0';
  /** A quoted field longer than this is taken for an unbalanced quote. */
  static final int MAX_FIELD_CHARS = 1 << 20;
  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
      1e19, 1e20, 1e21, 1e22};

  private final String name;
  private final CharSource source;
  private char delimiter;
  private final char quote;
  private char[] buf = new char[CHUNK];
  private int pos;
  private int limit;
  private boolean eof;

  private char[] row = new char[1024];
  private int rowLen;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int fields;

  private long line = 1;
  private long recordLine;
  private long blankLines;
  private long encodingErrorLine;
  private int encodingErrorColumn;
  private String encodingError;
  private String[] header;
  private boolean fatal;

  // physical-line accounting and the rewind after a malformed multi-line record
  private long continuationLines;
  private long headerRecords;
  private char lastChar = '\n';
  private int expectedFields = -1;
  /** Position in {@code buf} from which the current record's text after its first line break is kept, or -1. */
  private int capture = -1;
  private char[] captured = new char[0];
  private int capturedLen;

  private DelimitedReader(String name, InputStream in, Charset charset, char delimiter, char quote) {
    this.name = name;
    this.source = new CharSource(in, charset);
    this.delimiter = delimiter;
    this.quote = quote;
  }

  /**
   * Opens a file.
   *
   * @param file the file
   * @param charset its encoding (usually UTF-8)
   * @param delimiter the field delimiter, or {@code 0} to detect it from the first line (comma, tab, semicolon
   *     or pipe, whichever occurs most often outside quotes)
   * @param quoting whether {@code "} quotes fields (false for formats such as MovieLens' {@code u.item})
   */
  public static DelimitedReader open(Path file, Charset charset, char delimiter, boolean quoting) throws IOException {
    InputStream in = Files.newInputStream(file);
    return new DelimitedReader(file.getFileName().toString(), in, charset, delimiter, quoting ? '"' : NO_QUOTE);
  }

  /** Opens a UTF-8 file with RFC 4180 quoting and a detected delimiter. */
  public static DelimitedReader open(Path file) throws IOException {
    return open(file, StandardCharsets.UTF_8, '\0', true);
  }

  /** Reads from a stream; {@code name} is used in messages. */
  public static DelimitedReader of(String name, InputStream in, Charset charset, char delimiter, boolean quoting) {
    return new DelimitedReader(name, in, charset, delimiter, quoting ? '"' : NO_QUOTE);
  }

  /** The file name used in messages. */
  public String name() {
    return name;
  }

  /** The delimiter in use (detected on the first {@link #next()} when not given). */
  public char delimiter() {
    return delimiter;
  }

  /** Sets the column names used in error messages (usually the header record). */
  public void header(String[] names) {
    this.header = names.clone();
  }

  /** The current record's fields as strings (for a header). */
  public String[] fields() {
    String[] out = new String[fields];
    for (int i = 0; i < fields; i++) {
      out[i] = get(i);
    }
    return out;
  }

  /** The 1-based line the current record starts on. */
  public long line() {
    return recordLine;
  }

  /** True after an error that ends the read (a foreign byte order mark); lenient readers must stop. */
  public boolean fatal() {
    return fatal;
  }

  /** Blank lines skipped so far. */
  public long blankLines() {
    return blankLines;
  }

  /**
   * The field count every record must have, or -1 for none. A record whose quoted field runs over several lines
   * and which then has another field count is taken for an unbalanced quote: only its first line is skipped and
   * the lines after it are read again.
   */
  public void expectFields(int n) {
    this.expectedFields = n;
  }

  /** Marks the current record as the header for {@link #headerRecords()}. */
  public void countHeader() {
    headerRecords++;
  }

  /** Header records read ({@link #countHeader}). */
  public long headerRecords() {
    return headerRecords;
  }

  /** Physical lines after the first of multi-line records (quoted fields holding line breaks), so far. */
  public long continuationLines() {
    return continuationLines;
  }

  /**
   * Physical lines consumed so far; at the end of the input, the number of lines in the file (a last line
   * without a line break counts). Every line is a header record's first line, a blank line, a record's first
   * line (read or skipped) or a {@linkplain #continuationLines() continuation line}.
   */
  public long linesRead() {
    boolean unterminated = eof && lastChar != '\n' && lastChar != '\r';
    return line - 1 + (unterminated ? 1 : 0);
  }

  /** Number of fields of the current record. */
  public int size() {
    return fields;
  }

  // ---------------------------------------------------------------- reading

  private int read() throws IOException {
    if (pos < limit) {
      return buf[pos++];
    }
    return refill();
  }

  private int refill() throws IOException {
    if (eof) {
      return -1;
    }
    if (limit > 0) {
      lastChar = buf[limit - 1];
    }
    if (capture >= 0) {
      keep(buf, capture, limit - capture);
      capture = 0;
    }
    int n;
    try {
      n = source.read(buf, 0, buf.length);
    } catch (CharSource.EncodingException e) {
      fatal = true;
      eof = true;
      throw new DataFormatException(name, line, 0, null, Rule.WRONG_ENCODING, e.getMessage());
    }
    if (n < 0) {
      eof = true;
      pos = limit = 0;
      return -1;
    }
    String err = source.takeEncodingError();
    if (err != null && encodingError == null) {
      encodingError = err;
      encodingErrorLine = line;
      encodingErrorColumn = fields + 1;
    }
    pos = 1;
    limit = n;
    return buf[0];
  }

  private int peek() throws IOException {
    if (pos < limit) {
      return buf[pos];
    }
    int c = refill();
    if (c >= 0) {
      pos = 0;
    }
    return c;
  }

  private void append(int c) {
    if (rowLen == row.length) {
      row = Arrays.copyOf(row, row.length * 2);
    }
    row[rowLen++] = (char) c;
  }

  private void appendRange(char[] src, int from, int len) {
    if (rowLen + len > row.length) {
      row = Arrays.copyOf(row, Math.max(row.length * 2, rowLen + len));
    }
    System.arraycopy(src, from, row, rowLen, len);
    rowLen += len;
  }

  /** Field {@code i} as a string, reusing {@code previous} when it holds the same text (no allocation). */
  public String get(int i, String previous) {
    return previous != null && is(i, previous) ? previous : get(i);
  }

  /**
   * The ordinal of field {@code i} in {@code table} (no allocation when it is there), adding the field when
   * {@code add}.
   *
   * @param strip whether white space around the field is dropped first (as {@link String#strip()} does)
   * @return the ordinal, or -1 when the field is not in the table and {@code add} is false
   */
  int symbol(int i, Symbols table, boolean strip, boolean add) {
    int s = starts[i];
    int e = ends[i];
    if (strip) {
      while (s < e && Character.isWhitespace(row[s])) {
        s++;
      }
      while (e > s && Character.isWhitespace(row[e - 1])) {
        e--;
      }
    }
    return add ? table.add(row, s, e) : table.find(row, s, e);
  }

  /** True if field {@code i} is empty or white space only (as {@link String#isBlank()}). */
  public boolean isBlank(int i) {
    for (int k = starts[i]; k < ends[i]; k++) {
      if (!Character.isWhitespace(row[k])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Field {@code i} as a release date ({@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}), parsed from the row
   * buffer.
   *
   * @throws DataFormatException (bad value) naming the expected forms
   */
  public dev.recsys.core.model.ReleaseDate getReleaseDate(int i) throws DataFormatException {
    int key = releaseDateKey(i);
    if (key >= 0) {
      int y = key >>> 16;
      int m = (key >>> 9) & 0x7f;
      int d = (key >>> 2) & 0x7f;
      try {
        return new dev.recsys.core.model.ReleaseDate(y, m, d);
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        throw error(i + 1, recordLine, Rule.BAD_VALUE, "not a valid release date: '" + get(i) + "': " + e.getMessage());
      }
    }
    throw error(i + 1, recordLine, Rule.BAD_VALUE, "not a release date (YYYY, YYYY-MM or YYYY-MM-DD): '" + clip(get(i)) + "'");
  }

  /**
   * Field {@code i}'s digits when it has the form of a release date ({@code YYYY}, {@code YYYY-MM} or
   * {@code YYYY-MM-DD}, ASCII digits; the values are not checked), packed into a non-negative {@code int}: year,
   * month and day (0 when absent) and the form, so two fields have the same key exactly when their texts are equal.
   * Returns -1 for any other text. {@link #getReleaseDate} accepts a field only when this is not -1.
   */
  int releaseDateKey(int i) {
    int s = starts[i];
    int len = ends[i] - s;
    if ((len == 4 || len == 7 || len == 10) && digits(s, 4) && (len == 4 || row[s + 4] == '-' && digits(s + 5, 2))
        && (len < 10 || row[s + 7] == '-' && digits(s + 8, 2))) {
      int y = number(s, 4);
      int m = len >= 7 ? number(s + 5, 2) : 0;
      int d = len == 10 ? number(s + 8, 2) : 0;
      // year: 14 bits, month and day: 7 bits each (at most 99), form: 2 bits
      return y << 16 | m << 9 | d << 2 | (len - 4) / 3;
    }
    return -1;
  }

  private boolean digits(int from, int n) {
    for (int k = from; k < from + n; k++) {
      if (row[k] < '0' || row[k] > '9') {
        return false;
      }
    }
    return true;
  }

  private int number(int from, int n) {
    int v = 0;
    for (int k = from; k < from + n; k++) {
      v = v * 10 + (row[k] - '0');
    }
    return v;
  }

  private void endField() {
    if (fields == ends.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    ends[fields++] = rowLen;
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the input
   * @throws DataFormatException on bad quoting or bytes invalid in the charset; the reader is then positioned
   *     after the offending record and may continue
   */
  public boolean next() throws IOException {
    fields = 0;
    rowLen = 0;
    capture = -1;
    capturedLen = 0;
    int c = read();
    while (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') {
        pos++;
      }
      line++;
      blankLines++;
      c = read();
    }
    if (c < 0) {
      return false;
    }
    if (delimiter == '\0') {
      detectDelimiter(c);
    }
    recordLine = line;
    final char delim = delimiter;
    while (true) {
      starts[fields < starts.length ? fields : grow()] = rowLen;
      if (c == quote && quote != NO_QUOTE) {
        long quoteLine = line;
        int fieldStart = rowLen;
        while (true) {
          c = read();
          if (c < 0) {
            endField();
            throw malformed(fields, quoteLine, "quoted field opened on line " + quoteLine
                + " is never closed (unbalanced '\"')", false);
          }
          if (c == quote) {
            c = read();
            if (c != quote) {
              break;
            }
          } else if (c == '\n') {
            lineBreakInRecord();
          } else if (c == '\r' && peek() != '\n') {
            lineBreakInRecord();
          }
          append(c);
          if (rowLen - fieldStart > MAX_FIELD_CHARS) {
            endField();
            throw malformed(fields, quoteLine, "quoted field opened on line " + quoteLine
                + " runs over " + MAX_FIELD_CHARS + " characters (unbalanced '\"'?)", true);
          }
        }
        if (c != delim && c != '\n' && c != '\r' && c >= 0) {
          endField();
          throw malformed(fields, recordLine,
              "unexpected character '" + (char) c + "' after the closing quote of a quoted field", true);
        }
      } else if (c != delim && c != '\n' && c != '\r' && c >= 0) {
        append(c);
        // scan the rest of the unquoted field in the buffer and copy it in one go
        while (true) {
          final char[] b = buf;
          final int lim = limit;
          int p = pos;
          while (p < lim) {
            char ch = b[p];
            if (ch == delim || ch == '\n' || ch == '\r') {
              break;
            }
            p++;
          }
          appendRange(b, pos, p - pos);
          if (p < lim) {
            pos = p + 1;
            c = b[p];
            break;
          }
          pos = p;
          c = refill();
          if (c < 0 || c == delim || c == '\n' || c == '\r') {
            break;
          }
          append(c);
        }
      }
      endField();
      if (c == delim) {
        c = read();
        continue;
      }
      if (line > recordLine && expectedFields >= 0 && fields != expectedFields) {
        throw malformed(0, recordLine, "a quoted field spanning lines " + recordLine + "-" + line + " gives "
            + fields + " fields instead of " + expectedFields + " (unbalanced '\"'?)", false);
      }
      continuationLines += line - recordLine;
      if (c == '\r') {
        if (peek() == '\n') {
          pos++;
        }
        line++;
      } else if (c == '\n') {
        line++;
      }
      break;
    }
    if (encodingError != null) {
      String e = encodingError;
      encodingError = null;
      throw new DataFormatException(name, encodingErrorLine, encodingErrorColumn, columnName(encodingErrorColumn - 1),
          Rule.WRONG_ENCODING, "not valid " + source.charsetName() + ": " + e
          + "; the file is probably in another encoding (e.g. ISO-8859-1 or Windows-1252); convert it to "
          + source.charsetName());
    }
    return true;
  }

  private void keep(char[] src, int from, int len) {
    if (capturedLen + len > captured.length) {
      captured = Arrays.copyOf(captured, Math.max(captured.length * 2, capturedLen + len));
    }
    System.arraycopy(src, from, captured, capturedLen, len);
    capturedLen += len;
  }

  /**
   * Gives up the current record after its first line: the reader goes back to the start of the record's second
   * physical line, so the lines a stray quote swallowed are read again as records of their own.
   */
  private void rewind() {
    if (capturedLen == 0) {
      pos = capture;
    } else {
      int rest = limit - capture;
      char[] nb = new char[Math.max(CHUNK, capturedLen + rest)];
      System.arraycopy(captured, 0, nb, 0, capturedLen);
      System.arraycopy(buf, capture, nb, capturedLen, rest);
      buf = nb;
      limit = capturedLen + rest;
      pos = 0;
    }
    capture = -1;
    capturedLen = 0;
    if (captured.length > MAX_FIELD_CHARS) {
      captured = new char[0];
    }
    line = recordLine + 1;
  }

  private int grow() {
    starts = Arrays.copyOf(starts, starts.length * 2);
    ends = Arrays.copyOf(ends, ends.length * 2);
    return fields;
  }

  private void lineBreakInRecord() {
    if (line++ == recordLine) {
      capture = pos;
    }
  }

  /**
   * The error for a malformed record. A record that runs over several lines is given up after its first line,
   * and reading resumes on the second; a one-line record is skipped to the end of its line.
   *
   * @param skipRest whether the rest of a one-line record must still be consumed
   */
  private DataFormatException malformed(int column, long atLine, String detail, boolean skipRest) throws IOException {
    if (line > recordLine) {
      long last = line;
      rewind();
      return error(column, recordLine, Rule.BAD_QUOTING, detail + "; only line " + recordLine
          + " is skipped, reading resumes on line " + (recordLine + 1) + " (the record ran to line " + last + ")");
    }
    if (skipRest) {
      skipLine();
    }
    return error(column, atLine, Rule.BAD_QUOTING, detail);
  }

  /** Consumes the rest of the current physical line. */
  private void skipLine() throws IOException {
    int c;
    do {
      c = read();
    } while (c >= 0 && c != '\n' && c != '\r');
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
    if (c >= 0) {
      line++;
    }
  }

  /** Chooses the delimiter from the first line in the buffer. */
  private void detectDelimiter(int first) throws IOException {
    // make sure the first line is in the buffer as far as the buffer allows
    int comma = 0;
    int tab = 0;
    int semi = 0;
    int pipe = 0;
    boolean inQuotes = first == '"';
    int p = pos;
    if (!inQuotes) {
      switch (first) {
        case ',' -> comma++;
        case '\t' -> tab++;
        case ';' -> semi++;
        case '|' -> pipe++;
        default -> { }
      }
    }
    for (; p < limit; p++) {
      char ch = buf[p];
      if (ch == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes) {
        if (ch == '\n' || ch == '\r') {
          break;
        }
        switch (ch) {
          case ',' -> comma++;
          case '\t' -> tab++;
          case ';' -> semi++;
          case '|' -> pipe++;
          default -> { }
        }
      }
    }
    char d = ',';
    int best = comma;
    if (tab > best) {
      d = '\t';
      best = tab;
    }
    if (semi > best) {
      d = ';';
      best = semi;
    }
    if (pipe > best) {
      d = '|';
    }
    delimiter = d;
  }

  // ---------------------------------------------------------------- fields

  /** The name of column {@code i} (0-based) from the header, or null. */
  public String columnName(int i) {
    return header != null && i >= 0 && i < header.length ? header[i] : null;
  }

  /** Field {@code i} (0-based) as a string. */
  public String get(int i) {
    return new String(row, starts[i], ends[i] - starts[i]);
  }

  /** True if field {@code i} is empty. */
  public boolean isEmpty(int i) {
    return ends[i] == starts[i];
  }

  /** True if field {@code i} equals {@code s} exactly. */
  public boolean is(int i, String s) {
    int len = ends[i] - starts[i];
    if (len != s.length()) {
      return false;
    }
    int o = starts[i];
    for (int k = 0; k < len; k++) {
      if (row[o + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** True if field {@code i} is empty or one of the given missing-value markers. */
  public boolean isMissing(int i, String marker) {
    return isEmpty(i) || (marker != null && is(i, marker));
  }

  /**
   * Field {@code i} as a long.
   *
   * @throws DataFormatException (bad number) if it is not an integer
   */
  public long getLong(int i) throws DataFormatException {
    int s = starts[i];
    int e = ends[i];
    if (s == e) {
      throw error(i + 1, recordLine, Rule.MISSING_VALUE, "missing value (empty field)");
    }
    boolean neg = false;
    if (row[s] == '-' || row[s] == '+') {
      neg = row[s] == '-';
      s++;
    }
    if (s == e || e - s > 18) {
      return parseLongSlow(i);
    }
    long v = 0;
    for (int k = s; k < e; k++) {
      int d = row[k] - '0';
      if (d < 0 || d > 9) {
        return parseLongSlow(i);
      }
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }

  private long parseLongSlow(int i) throws DataFormatException {
    String s = get(i);
    if (!plainNumber(s)) {
      throw error(i + 1, recordLine, Rule.BAD_NUMBER, "not an integer (ASCII digits): '" + clip(s) + "'");
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException ex) {
      // integral values written as decimals (e.g. "3.0") are accepted
      try {
        double d = Double.parseDouble(s.strip());
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // fall through
      }
      throw error(i + 1, recordLine, Rule.BAD_NUMBER, "not an integer: '" + clip(s) + "'");
    }
  }

  /**
   * Field {@code i} as an int in {@code [min, max]}.
   *
   * @throws DataFormatException (bad number or out of range)
   */
  public int getInt(int i, int min, int max) throws DataFormatException {
    long v = getLong(i);
    if (v < min || v > max) {
      throw error(i + 1, recordLine, Rule.OUT_OF_RANGE, "must be in [" + min + ", " + max + "]; got " + v);
    }
    return (int) v;
  }

  /**
   * Field {@code i} as a finite double.
   *
   * @throws DataFormatException (bad number) if it is not a finite decimal number
   */
  public double getDouble(int i) throws DataFormatException {
    int s = starts[i];
    int e = ends[i];
    if (s == e) {
      throw error(i + 1, recordLine, Rule.MISSING_VALUE, "missing value (empty field)");
    }
    double v = fastDouble(s, e);
    if (Double.isNaN(v)) {
      String text = get(i);
      try {
        if (!plainNumber(text)) {
          throw new NumberFormatException(text);
        }
        v = Double.parseDouble(text);
      } catch (NumberFormatException ex) {
        throw error(i + 1, recordLine, Rule.BAD_NUMBER, "not a number: '" + clip(text) + "'");
      }
      if (!Double.isFinite(v)) {
        throw error(i + 1, recordLine, Rule.BAD_NUMBER, "not a finite number: '" + clip(text) + "'");
      }
    }
    return v;
  }

  /**
   * The number rule shared by integer and decimal columns: ASCII digits, at most one sign, point and exponent
   * ({@code -12}, {@code 3.5}, {@code 2.33e-5}), with surrounding spaces or tabs; no other digits (Arabic-Indic,
   * full-width), no hexadecimal, no {@code NaN}/{@code Infinity}, no type suffixes.
   */
  static boolean plainNumber(String text) {
    int s = 0;
    int e = text.length();
    while (s < e && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
      s++;
    }
    while (e > s && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) {
      e--;
    }
    int k = s;
    if (k < e && (text.charAt(k) == '-' || text.charAt(k) == '+')) {
      k++;
    }
    int digits = 0;
    while (k < e && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
      k++;
      digits++;
    }
    if (k < e && text.charAt(k) == '.') {
      k++;
      while (k < e && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
        k++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (k < e && (text.charAt(k) == 'e' || text.charAt(k) == 'E')) {
      k++;
      if (k < e && (text.charAt(k) == '-' || text.charAt(k) == '+')) {
        k++;
      }
      int exp = 0;
      while (k < e && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
        k++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return k == e;
  }

  /**
   * Exact parse of plain decimals ({@code -12.345}, {@code 2.33e-5}) with at most 15 significant digits and a
   * small exponent, where one multiplication or division by an exact power of ten is correctly rounded
   * (Clinger's fast path). Returns NaN when the text needs the general parser.
   */
  private double fastDouble(int s, int e) {
    boolean neg = false;
    char c0 = row[s];
    if (c0 == '-' || c0 == '+') {
      neg = c0 == '-';
      s++;
    }
    long mant = 0;
    int digits = 0;
    int scale = 0;
    boolean dot = false;
    boolean any = false;
    int k = s;
    for (; k < e; k++) {
      char c = row[k];
      if (c >= '0' && c <= '9') {
        any = true;
        if (mant == 0 && c == '0') {
          if (dot) {
            scale++;
          }
          continue;
        }
        if (++digits > 15) {
          return Double.NaN;
        }
        mant = mant * 10 + (c - '0');
        if (dot) {
          scale++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (!any) {
      return Double.NaN;
    }
    if (k < e) {
      char c = row[k];
      if (c != 'e' && c != 'E') {
        return Double.NaN;
      }
      k++;
      boolean eneg = false;
      if (k < e && (row[k] == '-' || row[k] == '+')) {
        eneg = row[k] == '-';
        k++;
      }
      if (k == e || e - k > 3) {
        return Double.NaN;
      }
      int exp = 0;
      for (; k < e; k++) {
        int d = row[k] - '0';
        if (d < 0 || d > 9) {
          return Double.NaN;
        }
        exp = exp * 10 + d;
      }
      scale += eneg ? exp : -exp;
    }
    double v;
    if (mant == 0) {
      v = 0.0;
    } else if (scale >= 0 && scale <= 22) {
      v = (double) mant / POW10[scale];
    } else if (scale < 0 && -scale <= 22) {
      v = (double) mant * POW10[-scale];
    } else {
      return Double.NaN;
    }
    return neg ? -v : v;
  }

  /**
   * Field {@code i} as a double in {@code [min, max]}.
   *
   * @throws DataFormatException (bad number or out of range)
   */
  public double getDouble(int i, double min, double max) throws DataFormatException {
    double v = getDouble(i);
    if (v < min || v > max) {
      throw error(i + 1, recordLine, Rule.OUT_OF_RANGE, "must be in [" + min + ", " + max + "]; got " + get(i));
    }
    return v;
  }

  /** An error at column {@code column} (1-based) of the current record. */
  public DataFormatException error(int column, Rule rule, String detail) {
    return error(column, recordLine, rule, detail);
  }

  private DataFormatException error(int column, long atLine, Rule rule, String detail) {
    return new DataFormatException(name, atLine, column, columnName(column - 1), rule, detail);
  }

  /** Text clipped to 60 characters for messages. */
  public static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
