package dev.recsys.core.data;

import dev.recsys.core.data.internal.EdgeListSource;
import dev.recsys.core.data.internal.InteractionsSource;
import dev.recsys.core.data.internal.ListenersSource;
import dev.recsys.core.data.internal.MovieLensSource;
import dev.recsys.core.data.internal.MpdSource;
import dev.recsys.core.data.internal.SpotifyCsvSource;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens the supported data formats from short specifications and collects them in memory.
 *
 * <p>A specification is {@code KIND:PATH}:
 * <ul>
 *   <li>{@code spotify-songs:FILE} (or {@code spotify-csv:FILE}) a Spotify track catalogue CSV, its layout
 *       ({@link SpotifyCsvSchema}) detected from the header: tracks, and for TidyTuesday also playlists;</li>
 *   <li>{@code mpd:DIR_OR_FILE} Spotify Million Playlist Dataset slices ({@code mpd.slice.*.json}): playlists and
 *       their tracks;</li>
 *   <li>{@code movielens:DIR} MovieLens ml-latest(-small) ({@code ratings.csv}, {@code movies.csv}) or ml-100k
 *       ({@code u.data}, {@code u.item}, {@code u.user}); ratings become interactions, movies catalogue entries,
 *       ml-100k users listener profiles with their age, gender, occupation and zip code;</li>
 *   <li>{@code interactions:FILE} generic user-item rows from CSV/TSV, roles detected from the header, or given
 *       after a {@code #}: {@code interactions:plays.tsv#user=uid,item=track,weight=plays} (see
 *       {@link ColumnRoles#parse}). A path that exists as written is taken whole, {@code #} included; roles
 *       follow the last {@code #} otherwise. {@link #interactions(Path, ColumnRoles, ReadOptions)} takes the
 *       path and the roles apart and never splits;</li>
 *   <li>{@code edges:FILE} a user-user edge list (social ties), as interactions between listener ids;</li>
 *   <li>{@code catalog:FILE} a {@link CatalogJsonl} file ({@code catalog.jsonl}), its tracks;</li>
 *   <li>{@code listeners:FILE} a side file of listener attributes by column: the listener id first, then one
 *       column per attribute, its kind declared in the header ({@code age:numeric}, {@code country:categorical});
 *       listener profiles whose {@link dev.recsys.core.model.Listener#attributes()} hold the values.</li>
 * </ul>
 * Without a known {@code KIND:} prefix the kind is inferred: a directory holding {@code ratings.csv} or
 * {@code u.data} is MovieLens, one holding {@code mpd.slice.*.json} files or a {@code .json} file is the
 * Million Playlist Dataset; a {@code .jsonl} file is a catalogue; a delimited file whose header matches a {@link SpotifyCsvSchema} is a Spotify
 * catalogue; any other file is generic interactions.
 *
 * <p>Thread-safe (stateless); each returned source reads one file or directory.
 */
public final class Datasets {
  /** The specification kinds, in the order they are documented. */
  public static final List<String> KINDS = List.of("spotify-songs", "spotify-csv", "mpd", "movielens", "interactions", "edges", "catalog",
      "listeners");

  private Datasets() {}

  /**
   * Opens a source; nothing is read until {@link DataSource#read}.
   *
   * @throws IllegalArgumentException on a malformed specification or column roles, or an unknown kind (a word
   *     before {@code :} that is no kind and no existing file), naming the known kinds
   * @throws NoSuchFileException if the path does not exist
   * @param spec the data set specification, {@code KIND:PATH}
   * @param options the read options
   * @return the {@code DataSource}
   */
  public static DataSource open(String spec, ReadOptions options) throws IOException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    String kind = null;
    String rest = spec;
    int colon = spec.indexOf(':');
    if (colon > 0 && KINDS.contains(spec.substring(0, colon).toLowerCase(Locale.ROOT))) {
      kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
      rest = spec.substring(colon + 1);
    } else if (colon > 1 && spec.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_-]*") && !Files.exists(Path.of(spec))) {
      // a word before ':' that is no kind (a drive letter has one character): a typo, not a file name
      String typo = spec.substring(0, colon);
      throw new IllegalArgumentException("unknown data kind '" + typo + "' in data specification '" + spec
          + "'; known kinds: " + String.join(", ", KINDS) + closest(typo.toLowerCase(Locale.ROOT)));
    }
    Optional<ColumnRoles> roles = Optional.empty();
    int hash = rest.lastIndexOf('#');
    // a path that exists as written keeps its '#': roles follow only the last '#' of a path that does not
    if (hash >= 0 && (kind == null || kind.equals("interactions")) && !Files.exists(Path.of(rest))) {
      roles = Optional.of(ColumnRoles.parse(rest.substring(hash + 1)));
      rest = rest.substring(0, hash);
      kind = "interactions";
    }
    if (rest.isBlank()) {
      throw new IllegalArgumentException("data specification '" + spec + "' names no path; expected KIND:PATH with KIND one of " + KINDS);
    }
    Path path = Path.of(rest);
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory (from data specification '" + spec + "')");
    }
    if (kind == null) {
      kind = infer(path);
    }
    return switch (kind) {
      case "spotify-songs", "spotify-csv" -> {
        requireFile(path, spec);
        yield new SpotifyCsvSource(path, options);
      }
      case "mpd" -> new MpdSource(path, options);
      case "movielens" -> new MovieLensSource(path, options);
      case "interactions" -> {
        requireFile(path, spec);
        yield new InteractionsSource(path, roles, options);
      }
      case "catalog" -> {
        requireFile(path, spec);
        yield CatalogJsonl.source(path, options);
      }
      case "edges" -> {
        requireFile(path, spec);
        yield new EdgeListSource(path, options);
      }
      case "listeners" -> {
        requireFile(path, spec);
        yield new ListenersSource(path, options);
      }
      default -> throw new IllegalArgumentException("unknown data kind '" + kind + "'; known: " + KINDS);
    };
  }

  /**
   * "; did you mean 'K'?" for the kind nearest to {@code word} in edit distance (to the kind or to its part before
   * a dash; at most 3 edits), else "".
   */
  private static String closest(String word) {
    String best = null;
    int bestDistance = 4;
    for (String k : KINDS) {
      int dash = k.indexOf('-');
      int d = Math.min(editDistance(word, k), dash < 0 ? Integer.MAX_VALUE : editDistance(word, k.substring(0, dash)));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static void requireFile(Path path, String spec) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("data specification '" + spec + "' needs a file; " + path + " is a directory");
    }
  }

  private static String infer(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve("ratings.csv")) || Files.isRegularFile(path.resolve("u.data"))) {
        return "movielens";
      }
      try (var files = Files.list(path)) {
        if (files.anyMatch(p -> p.getFileName().toString().matches("mpd\\.slice\\..*\\.json"))) {
          return "mpd";
        }
      }
      throw new IllegalArgumentException("cannot tell the format of directory " + path
          + "; prefix the path with one of " + KINDS + " and ':'");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return "mpd";
    }
    if (name.endsWith(".jsonl")) {
      return "catalog";
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
      try (dev.recsys.core.data.internal.DelimitedReader r = dev.recsys.core.data.internal.DelimitedReader.open(path)) {
        if (r.next() && SpotifyCsvSchema.detect(List.of(r.fields())) != null) {
          return "spotify-csv";
        }
      }
    }
    return "interactions";
  }

  /**
   * Opens generic interactions with explicit column roles; nothing is read until {@link DataSource#read}.
   *
   * @param file the delimited file, taken whole
   * @param roles which column holds the user, the item and, optionally, weight, timestamp and skip flag
   * @param options strict or lenient reading, the problems kept and progress reporting
   * @return a source that reads the file on {@link DataSource#read}
   */
  public static DataSource openInteractions(Path file, ColumnRoles roles, ReadOptions options) {
    return new InteractionsSource(file, Optional.of(roles), options);
  }

  /**
   * Reads generic interactions with explicit column roles (the path is taken whole, {@code #} included).
   *
   * @param file the delimited file, taken whole
   * @param roles which column holds the user, the item and, optionally, weight, timestamp and skip flag
   * @param options strict or lenient reading, the problems kept and progress reporting
   * @return the interactions read; skipped rows are counted in the read report
   * @throws DataFormatException in strict mode, on the first malformed row
   */
  public static Interactions interactions(Path file, ColumnRoles roles, ReadOptions options) throws IOException {
    return readInteractions(openInteractions(file, roles, options)).interactions();
  }

  /**
   * Reads every source named by {@code specs} into memory.
   *
   * @throws DataFormatException in strict mode, on the first malformed row
   * @param specs the specs
   * @param options the read options
   * @return the {@code MusicDataset}
   */
  public static MusicDataset load(List<String> specs, ReadOptions options) throws IOException {
    MusicDatasetCollector c = new MusicDatasetCollector(false);
    List<ReadReport> reports = new ArrayList<>();
    for (String s : specs) {
      reports.add(open(s, options).read(c));
    }
    return c.dataset(MusicDatasetCollector.merge(reports, options.maxProblems()));
  }

  /**
   * Reads one source into memory.
   *
   * @param spec the data set specification, {@code KIND:PATH}
   * @param options the read options
   * @return the {@code MusicDataset}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static MusicDataset load(String spec, ReadOptions options) throws IOException {
    return load(List.of(spec), options);
  }

  /**
   * Reads one source into memory.
   *
   * @param source the data source
   * @return the {@code MusicDataset}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static MusicDataset load(DataSource source) throws IOException {
    MusicDatasetCollector c = new MusicDatasetCollector(false);
    ReadReport r = source.read(c);
    return c.dataset(r);
  }

  /**
   * Reads the interactions of one source: its interaction rows and listening events, or, for sources with
   * playlists only (Spotify CSV, Million Playlist Dataset), one playlist-to-track row per playlist entry
   * with weight 1. In lenient mode the rows skipped are in {@link #readInteractions}' report.
   *
   * @param spec the data set specification, {@code KIND:PATH}
   * @param options the read options
   * @return the {@code Interactions}
   * @throws IOException if an I/O error occurs
   */
  public static Interactions interactions(String spec, ReadOptions options) throws IOException {
    return readInteractions(spec, options).interactions();
  }

  /**
   * Like {@link #interactions(String, ReadOptions)}, together with the report of what was read and skipped.
   *
   * @throws DataFormatException in strict mode, on the first malformed row
   * @param spec the data set specification, {@code KIND:PATH}
   * @param options the read options
   * @return the like {@link #interactions(String, ReadOptions)}, together with the report of what was read and
   *     skipped
   */
  public static InteractionsRead readInteractions(String spec, ReadOptions options) throws IOException {
    return readInteractions(open(spec, options));
  }

  /**
   * Reads the interactions of an opened source (see {@link #interactions(String, ReadOptions)}) and its report.
   *
   * @param source the data source
   * @return the {@code InteractionsRead}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static InteractionsRead readInteractions(DataSource source) throws IOException {
    Objects.requireNonNull(source, "source");
    MusicDatasetCollector c = new MusicDatasetCollector(true);
    ReadReport report = source.read(c);
    return new InteractionsRead(c.interactions(), report);
  }

  /**
   * Interactions and the report of reading them.
   *
   * @param interactions the interactions read
   * @param report rows read and skipped, skip counts by rule and the first problems
   */
  public record InteractionsRead(Interactions interactions, ReadReport report) {
    /** Validates the fields. */
    public InteractionsRead {
      Objects.requireNonNull(interactions, "interactions");
      Objects.requireNonNull(report, "report");
    }
  }
}
