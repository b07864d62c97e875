package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A side file of listener attributes by column (CSV, TSV, semicolon- or pipe-separated, detected from the header
 * line): the first column is the listener id, every other column one attribute. A column's kind is declared in
 * the header after a colon, {@code age:numeric} or {@code country:categorical} ({@code num} and {@code cat} too);
 * an undeclared column is categorical. The attribute is named without the declaration.
 *
 * <p>Rules, each breaking row skipped and counted in lenient mode: the id is present ({@code missing-value}) and
 * appears once in the file ({@code bad-value}); a numeric field is a finite decimal number ({@code bad-number}). An
 * empty field is a missing attribute (the listener's map leaves it out). Each row becomes one {@link Listener}.
 */
public final class ListenersSource implements DataSource {
  /** The attribute kinds a header may declare. */
  public enum Kind {
    /** Labels such as country or gender: looked up as ids. */
    CATEGORICAL,
    /** Numbers such as age: fed as values. */
    NUMERIC
  }

  private final Path file;
  private final ReadOptions options;

  /**
   * A source over {@code file}.
   *
   * @param file the attribute file
   * @param options the read options
   */
  public ListenersSource(Path file, ReadOptions options) {
    this.file = file;
    this.options = options;
  }

  @Override
  public String description() {
    return "listener attributes " + file;
  }

  /**
   * The attribute columns a header declares, by name in column order ({@code name:kind}, kind {@code numeric}/{@code
   * num} or {@code categorical}/{@code cat}; plain names are categorical); the first column (the id) is left out.
   *
   * @param header the header fields
   * @param fileName the file name for messages
   * @return the declared kinds by attribute name, in column order
   * @throws DataFormatException (unknown header) on an unknown kind, an empty or a repeated attribute name
   */
  public static LinkedHashMap<String, Kind> kinds(String[] header, String fileName) throws DataFormatException {
    LinkedHashMap<String, Kind> out = new LinkedHashMap<>();
    for (int i = 1; i < header.length; i++) {
      String h = header[i].strip();
      int colon = h.lastIndexOf(':');
      String name = colon < 0 ? h : h.substring(0, colon).strip();
      Kind kind = Kind.CATEGORICAL;
      if (colon >= 0) {
        kind = switch (h.substring(colon + 1).strip().toLowerCase(Locale.ROOT)) {
          case "numeric", "num" -> Kind.NUMERIC;
          case "categorical", "cat" -> Kind.CATEGORICAL;
          default -> throw new DataFormatException(fileName, 1, i + 1, h, Rule.UNKNOWN_HEADER, "unknown attribute kind '"
              + DelimitedReader.clip(h.substring(colon + 1)) + "'; declare a column as NAME:numeric or NAME:categorical");
        };
      }
      if (name.isEmpty()) {
        throw new DataFormatException(fileName, 1, i + 1, h, Rule.UNKNOWN_HEADER, "attribute column without a name");
      }
      if (out.put(name, kind) != null) {
        throw new DataFormatException(fileName, 1, i + 1, h, Rule.UNKNOWN_HEADER, "attribute '" + name
            + "' is declared twice");
      }
    }
    return out;
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Problems problems = new Problems(options);
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file)) {
      String[] header = Rows.header(r, "a listener id column, then one column per attribute");
      LinkedHashMap<String, Kind> kinds = kinds(header, r.name());
      String[] names = kinds.keySet().toArray(new String[0]);
      Kind[] kind = kinds.values().toArray(new Kind[0]);
      String[] plain = new String[header.length];
      plain[0] = header[0].strip();
      System.arraycopy(names, 0, plain, 1, names.length);
      r.header(plain);
      Map<String, Long> firstLine = new HashMap<>();
      Rows.forEach(r, problems, header.length, row -> {
        String id = Rows.id(row, 0);
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int a = 0; a < names.length; a++) {
          int col = a + 1;
          if (row.get(col).isBlank()) {
            continue;
          }
          if (kind[a] == Kind.NUMERIC) {
            row.getDouble(col);
          }
          attrs.put(names[a], row.get(col).strip());
        }
        Long before = firstLine.putIfAbsent(id, row.line());
        if (before != null) {
          throw row.error(1, Rule.BAD_VALUE, "listener '" + DelimitedReader.clip(id) + "' appears twice (first on line "
              + before + ")");
        }
        handler.listener(new Listener(id, Optional.empty(), attrs));
        problems.record("listeners");
      });
    }
    return problems.report();
  }
}
