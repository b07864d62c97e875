package dev.recsys.core.data.internal;

import dev.recsys.core.data.ColumnRoles;
import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Generic user-item interactions from delimited text (delimiter detected), with column roles given or detected
 * from the header. Emits one {@link Interaction} per row: weight 1 without a weight column,
 * {@link Interaction#NO_TIME} without a timestamp column, not skipped without a skip column.
 */
public final class InteractionsSource implements DataSource {
  private final Path file;
  private final Optional<ColumnRoles> roles;
  private final ReadOptions options;

  /**
   * A source over {@code file}.
   *
   * @param roles the column roles, or empty to detect them from the header
   */
  public InteractionsSource(Path file, Optional<ColumnRoles> roles, ReadOptions options) {
    this.file = file;
    this.roles = roles;
    this.options = options;
  }

  @Override
  public String description() {
    return "interactions " + file + roles.map(r -> " (" + r.toSpec() + ")").orElse("");
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Problems problems = new Problems(options);
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file)) {
      read(r, problems, handler);
    }
    return problems.report();
  }

  private void read(DelimitedReader r, Problems problems, MusicDataHandler handler) throws IOException {
    ColumnRoles cr;
    String[] header;
    int expected;
    if (roles.isPresent() && !roles.get().header()) {
      cr = roles.get();
      header = null;
      expected = -1;
    } else {
      header = Rows.header(r, "a header naming user and item columns");
      expected = header.length;
      List<String> names = Arrays.asList(header);
      cr = roles.or(() -> ColumnRoles.detect(names)).orElseThrow(() -> new DataFormatException(r.name(), 1, 0, null,
          Rule.UNKNOWN_HEADER, "cannot tell the user and item columns from the header " + names
          + "; recognised user columns: " + ColumnRoles.USER_NAMES + ", item columns: " + ColumnRoles.ITEM_NAMES
          + " (ignoring case, '_' and '-'); or give the roles explicitly, e.g. user=" + (names.isEmpty() ? "A" : names.get(0))
          + ",item=" + (names.size() < 2 ? "B" : names.get(1))));
    }
    int u = column(r, header, cr.user(), "user");
    int it = column(r, header, cr.item(), "item");
    int w = cr.weight().isPresent() ? column(r, header, cr.weight().get(), "weight") : -1;
    int t = cr.timestamp().isPresent() ? column(r, header, cr.timestamp().get(), "timestamp") : -1;
    int s = cr.skip().isPresent() ? column(r, header, cr.skip().get(), "skip") : -1;
    int needed = Math.max(Math.max(u, it), Math.max(w, Math.max(t, s))) + 1;
    Rows.forEach(r, problems, expected, row -> {
      if (row.size() < needed) {
        throw row.error(0, Rule.WRONG_COLUMN_COUNT, "expected at least " + needed + " fields, found " + row.size());
      }
      String user = Rows.id(row, u);
      String item = Rows.id(row, it);
      double weight = w < 0 ? 1.0 : row.getDouble(w);
      long time = t < 0 ? Interaction.NO_TIME : Rows.timestamp(row, t);
      boolean skip = s >= 0 && Rows.bool(row, s);
      handler.interaction(new Interaction(user, item, weight, time, skip));
      problems.record("interactions");
    });
  }

  private static int column(DelimitedReader r, String[] header, String name, String role) throws DataFormatException {
    if (header == null) {
      return Integer.parseInt(name) - 1;
    }
    int i = Rows.indexOf(header, name);
    if (i < 0) {
      for (int k = 0; k < header.length; k++) {
        if (header[k].equalsIgnoreCase(name)) {
          return k;
        }
      }
      throw new DataFormatException(r.name(), 1, 0, null, Rule.UNKNOWN_HEADER,
          "no column '" + name + "' (the " + role + " column) in the header " + Arrays.toString(header));
    }
    return i;
  }
}
