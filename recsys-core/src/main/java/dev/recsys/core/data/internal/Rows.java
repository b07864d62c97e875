package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The row loop shared by the delimited-text readers, and field parsers they share. */
public final class Rows {
  private Rows() {}

  /** Handles one well-formed record; throws {@link DataFormatException} to reject it. */
  @FunctionalInterface
  public interface RowHandler {
    /** Handles the reader's current record. */
    void row(DelimitedReader r) throws IOException;
  }

  /**
   * Reads the header record.
   *
   * @throws DataFormatException (empty file) when there is none
   */
  public static String[] header(DelimitedReader r, String what) throws IOException {
    if (!r.next()) {
      throw new DataFormatException(r.name(), 0, 0, null, Rule.EMPTY_FILE, "empty file: no header line (expected " + what + ")");
    }
    String[] h = r.fields();
    r.countHeader();
    r.header(h);
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < h.length; i++) {
      String name = h[i].strip();
      Integer before = name.isEmpty() ? null : seen.putIfAbsent(name, i);
      if (before != null) {
        throw new DataFormatException(r.name(), r.line(), i + 1, name, Rule.UNKNOWN_HEADER,
            "column '" + name + "' appears twice in the header (columns " + (before + 1) + " and " + (i + 1)
            + "); each column name must be unique");
      }
    }
    return h;
  }

  /**
   * Feeds every remaining record to {@code handler}: counts it, checks its field count, and lets {@code problems}
   * decide about malformed ones (rethrow in strict mode, count in lenient mode).
   *
   * @param expectedFields the field count every record must have, or -1 for no check
   */
  public static void forEach(DelimitedReader r, Problems problems, int expectedFields, RowHandler handler) throws IOException {
    r.expectFields(expectedFields);
    while (true) {
      boolean more;
      try {
        more = r.next();
      } catch (DataFormatException e) {
        problems.row();
        if (r.fatal()) {
          throw e;
        }
        problems.reject(e);
        continue;
      }
      if (!more) {
        problems.lines(r);
        return;
      }
      problems.row();
      if (expectedFields >= 0 && r.size() != expectedFields) {
        problems.reject(r.error(0, Rule.WRONG_COLUMN_COUNT,
            "expected " + expectedFields + " fields as in the header, found " + r.size()
            + (r.size() > expectedFields ? " (an unquoted delimiter in a field?)" : "")));
        continue;
      }
      try {
        handler.row(r);
      } catch (DataFormatException e) {
        problems.reject(e);
      }
    }
  }

  /** The 0-based index of {@code name} in the header (exact match), or -1. */
  public static int indexOf(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Field {@code i} as a timestamp in epoch seconds: an integer (seconds; values of 10^11 and more are taken as
   * milliseconds), an ISO-8601 instant, a local date-time ({@code 2019-02-03 18:42[:05]}, read as UTC) or a date.
   */
  public static long timestamp(DelimitedReader r, int i) throws DataFormatException {
    String s = r.get(i).strip();
    if (s.isEmpty()) {
      throw r.error(i + 1, Rule.MISSING_VALUE, "missing timestamp");
    }
    char c0 = s.charAt(0);
    if ((c0 >= '0' && c0 <= '9' || c0 == '-') && s.indexOf(':') < 0 && s.indexOf('-', 1) < 0) {
      long v = r.getLong(i);
      return Math.abs(v) >= 100_000_000_000L ? Math.floorDiv(v, 1000) : v;
    }
    try {
      return Instant.parse(s).getEpochSecond();
    } catch (DateTimeParseException e) {
      // try the local forms
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw r.error(i + 1, Rule.BAD_VALUE, "not a timestamp (epoch seconds or milliseconds, ISO-8601 date-time or date): '"
          + DelimitedReader.clip(s) + "'");
    }
  }

  /** Field {@code i} as a boolean: {@code 1/0}, {@code true/false}, {@code t/f}, {@code yes/no}, {@code y/n}. */
  public static boolean bool(DelimitedReader r, int i) throws DataFormatException {
    String s = r.get(i).strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "1", "true", "t", "yes", "y" -> true;
      case "0", "false", "f", "no", "n" -> false;
      default -> throw r.error(i + 1, s.isEmpty() ? Rule.MISSING_VALUE : Rule.BAD_VALUE,
          "not a boolean (true/false, 1/0, yes/no): '" + DelimitedReader.clip(r.get(i)) + "'");
    };
  }

  /** Field {@code i} as a non-blank id. */
  public static String id(DelimitedReader r, int i) throws DataFormatException {
    String s = r.get(i).strip();
    if (s.isEmpty()) {
      throw r.error(i + 1, Rule.MISSING_VALUE, "missing id (empty field)");
    }
    return s;
  }
}
