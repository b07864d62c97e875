package dev.recsys.core.eval;

import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small reader of interaction tables from CSV files with a header row, for evaluations: generic files
 * (columns named by the caller), MovieLens {@code ratings.csv} and the playlist memberships of the TidyTuesday
 * Spotify songs file. Fields may be quoted (RFC 4180, including quoted line breaks).
 *
 * <p>A row whose user or item is empty, or whose weight or timestamp does not parse, is skipped and counted
 * ({@link Result#skipped()}), and the first few problems are kept with file, line, column and the rule
 * ({@link Result#problems()}); a missing column fails at once. Nothing is dropped silently.
 *
 * <p>The general dataset readers of the library may offer more formats; this reader exists so that the
 * evaluation toolkit can read the common interaction files on its own.
 */
public final class InteractionCsv {
  private static final int MAX_PROBLEMS = 20;

  private InteractionCsv() {}

  /**
   * The interactions read and what was skipped.
   *
   * @param interactions the table
   * @param rows data rows read
   * @param skipped rows skipped
   * @param problems the first problems, each with {@code file:line:column}
   */
  public record Result(Interactions interactions, int rows, int skipped, List<String> problems) {
    /** Copies the list. */
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads a CSV file with a header.
   *
   * @param userColumn header name of the user (or playlist) id
   * @param itemColumn header name of the item id
   * @param weightColumn header name of the weight, or {@code null} for weight 1
   * @param timeColumn header name of the timestamp in epoch seconds, or {@code null} for none
   * @throws IOException on I/O errors, or naming the file and the missing column
   */
  public static Result read(Path file, String userColumn, String itemColumn, String weightColumn, String timeColumn)
      throws IOException {
    Objects.requireNonNull(userColumn, "userColumn");
    Objects.requireNonNull(itemColumn, "itemColumn");
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int[] line = {0};
      List<String> header = record(in, line);
      if (header == null) {
        throw new IOException(file + ": empty file, expected a header row");
      }
      int u = column(file, header, userColumn);
      int i = column(file, header, itemColumn);
      int w = weightColumn == null ? -1 : column(file, header, weightColumn);
      int t = timeColumn == null ? -1 : column(file, header, timeColumn);
      Interactions.Builder b = Interactions.builder();
      List<String> problems = new ArrayList<>();
      int rows = 0;
      int skipped = 0;
      List<String> f;
      while (true) {
        int startLine = line[0] + 1;
        f = record(in, line);
        if (f == null) {
          break;
        }
        if (f.size() == 1 && f.get(0).isEmpty()) {
          continue; // blank line
        }
        rows++;
        String problem = null;
        String user = get(f, u);
        String item = get(f, i);
        double weight = 1;
        long time = Interaction.NO_TIME;
        if (user == null || user.isBlank()) {
          problem = where(file, startLine, u) + ": " + userColumn + " must not be empty";
        } else if (item == null || item.isBlank()) {
          problem = where(file, startLine, i) + ": " + itemColumn + " must not be empty";
        } else {
          try {
            if (w >= 0) {
              weight = Double.parseDouble(Objects.requireNonNull(get(f, w)).trim());
              if (!Double.isFinite(weight)) {
                throw new NumberFormatException();
              }
            }
          } catch (RuntimeException e) {
            problem = where(file, startLine, w) + ": " + weightColumn + " must be a finite number; found '"
                + get(f, w) + "'";
          }
          try {
            if (problem == null && t >= 0) {
              time = Long.parseLong(Objects.requireNonNull(get(f, t)).trim());
            }
          } catch (RuntimeException e) {
            problem = where(file, startLine, t) + ": " + timeColumn + " must be an integer (epoch seconds); found '"
                + get(f, t) + "'";
          }
        }
        if (problem != null) {
          skipped++;
          if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
          }
          continue;
        }
        b.add(user, item, weight, time, false);
      }
      return new Result(b.build(), rows, skipped, problems);
    }
  }

  /** MovieLens {@code ratings.csv} of a MovieLens directory (userId, movieId, rating, timestamp). */
  public static Result movieLens(Path dir) throws IOException {
    Path ratings = Files.isDirectory(dir) ? dir.resolve("ratings.csv") : dir;
    if (!Files.isRegularFile(ratings)) {
      throw new IOException(ratings + ": no MovieLens ratings.csv here");
    }
    return read(ratings, "userId", "movieId", "rating", "timestamp");
  }

  /**
   * The playlist memberships of the TidyTuesday {@code spotify_songs.csv}: user = {@code playlist_id}, item =
   * {@code track_id}, weight 1, no timestamp (a playlist's order is the file order).
   */
  public static Result spotifySongs(Path file) throws IOException {
    return read(file, "playlist_id", "track_id", null, null);
  }

  /**
   * A generic interaction file with columns {@code user}, {@code item} and, when present in the header,
   * {@code weight} and {@code timestamp}.
   */
  public static Result generic(Path file) throws IOException {
    List<String> header;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      header = record(in, new int[1]);
    }
    if (header == null) {
      throw new IOException(file + ": empty file, expected a header row user,item[,weight][,timestamp]");
    }
    return read(file, "user", "item", header.contains("weight") ? "weight" : null,
        header.contains("timestamp") ? "timestamp" : null);
  }

  private static int column(Path file, List<String> header, String name) throws IOException {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new IOException(file + ":1: missing column '" + name + "'; header has " + header);
    }
    return c;
  }

  private static String where(Path file, int line, int column) {
    return file + ":" + line + ":" + (column + 1);
  }

  private static String get(List<String> f, int c) {
    return c < f.size() ? f.get(c) : null;
  }

  /** One CSV record (may span lines inside quotes), or null at the end. */
  private static List<String> record(BufferedReader in, int[] line) throws IOException {
    String l = in.readLine();
    if (l == null) {
      return null;
    }
    line[0]++;
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (true) {
      if (i == l.length()) {
        if (quoted) {
          String next = in.readLine();
          if (next == null) {
            throw new IOException("unterminated quoted field starting before line " + line[0]);
          }
          line[0]++;
          cur.append('\n');
          l = next;
          i = 0;
          continue;
        }
        out.add(cur.toString());
        return out;
      }
      char c = l.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < l.length() && l.charAt(i) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
  }
}
