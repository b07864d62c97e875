package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.ColumnRoles;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A user-user edge list (social ties: friends, follows) from delimited text. The first two columns, or the
 * columns named like {@code user}/{@code from}/{@code source} and {@code friend}/{@code to}/{@code target}, are
 * the two listener ids; an optional {@code weight} column gives the strength (default 1). Each edge is emitted as
 * an {@link Interaction} whose user and item are both listener ids. A header is expected when the first line
 * is not two ids of data; files without a header are read by position.
 */
public final class EdgeListSource implements DataSource {
  private static final List<String> FROM = List.of("from", "source", "src", "user", "userid", "follower", "followerid", "a");
  private static final List<String> TO = List.of("to", "target", "dst", "friend", "friendid", "followee", "followeeid", "b", "userid2", "user2");

  private final Path file;
  private final ReadOptions options;

  /** A source over {@code file}. */
  public EdgeListSource(Path file, ReadOptions options) {
    this.file = file;
    this.options = options;
  }

  @Override
  public String description() {
    return "edge list " + file;
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Problems problems = new Problems(options);
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file)) {
      String[] header = Rows.header(r, "a header naming the two user columns");
      int from = find(header, FROM, -1);
      int to = find(header, TO, from);
      if (from < 0 || to < 0) {
        throw new DataFormatException(r.name(), 1, 0, null, Rule.UNKNOWN_HEADER, "cannot tell the two user columns of the edge list from "
            + Arrays.toString(header) + "; name them one of " + FROM + " and one of " + TO);
      }
      int w = find(header, ColumnRoles.WEIGHT_NAMES, -1);
      Rows.forEach(r, problems, header.length, row -> {
        String a = Rows.id(row, from);
        String b = Rows.id(row, to);
        double weight = w < 0 ? 1.0 : row.getDouble(w);
        handler.interaction(new Interaction(a, b, weight, Interaction.NO_TIME, false));
        problems.record("ties");
      });
    }
    return problems.report();
  }

  private static int find(String[] header, List<String> names, int exclude) {
    for (String n : names) {
      for (int i = 0; i < header.length; i++) {
        if (i != exclude && ColumnRoles.normalise(header[i]).equals(n)) {
          return i;
        }
      }
    }
    return -1;
  }
}
