package dev.recsys.cli;

import dev.recsys.core.data.ColumnRoles;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.MusicDatasetCollector;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.data.profile.DataProfile;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.core.synth.WorldDirectory;
import dev.recsys.report.ProfileReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys ingest}: reads a track catalogue, playlists and interactions with the data readers and prints
 * what was read: rows, unique tracks, artists, playlists, genres, interactions and skipped rows with reasons.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Read music data and print counts (rows, unique tracks, artists, playlists, genres, interactions, "
        + "skipped rows with reasons) and the data profile (column statistics, genre distribution, checks).",
        "--world DIR reads a synthetic world written by recsys generate.",
        "Files may carry a kind prefix (spotify-csv:, mpd:, movielens:, interactions:, edges:, catalog:); without one,"
        + " --tracks is a Spotify CSV (or a catalog .jsonl), --playlists a Million Playlist Dataset slice or directory,"
        + " --interactions a user-item CSV/TSV."})
final class IngestCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", paramLabel = "FILE", description = "Track catalogue: Spotify CSV (TidyTuesday, Kaggle tracks, tracks_features) or catalog.jsonl.")
  String tracks;

  @Option(names = "--playlists", paramLabel = "FILE", description = "Playlists: an mpd.slice.*.json file or a directory of them.")
  String playlists;

  @Option(names = "--interactions", paramLabel = "FILE", description = "User-item interactions: CSV/TSV with user/item[/weight/timestamp/skip] columns, or a MovieLens directory with movielens:DIR.")
  String interactions;

  @Option(names = "--world", paramLabel = "DIR", description = "A synthetic world written by recsys generate: reads the "
      + "tracks, playlists and events its manifest.json lists, and its listeners' behaviour types for the profile.")
  Path world;

  @Option(names = "--columns", paramLabel = "ROLES", description = "Column roles of --interactions, e.g. user=uid,item=track,weight=plays (default: detected from the header).")
  String columns;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  /** Strict or lenient. */
  static final class Mode {
    @Option(names = "--strict", description = "Fail on the first malformed row, naming file, line, column and rule (default).")
    boolean strict;

    @Option(names = "--lenient", description = "Skip malformed rows, count them by rule and show the first problems.")
    boolean lenient;
  }

  @Option(names = "--max-problems", paramLabel = "N", defaultValue = "10", description = "Problems to show in lenient mode (default: ${DEFAULT-VALUE}).")
  int maxProblems;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write the data profile as a page with charts "
      + "(DIR/profile.html: distributions, missing values, genre shares, checks).")
  Path report;

  /** What one source gave. */
  record SourceResult(String spec, long rowsRead, long rowsSkipped, Map<String, Long> records, Map<String, Long> skipReasons,
      List<String> firstProblems, ReadReport.Lines lines) {}

  /** Counts over everything read. */
  record Counts(long rows, long tracks, long artists, long playlists, long genres, long interactions, long users, long items,
      long skipped) {}

  /** The printed result: what each source gave, the counts, the skipped rows by rule and the data profile. */
  record Result(String mode, List<SourceResult> sources, Counts counts, DataProfile profile, Map<String, Long> skipReasons,
      List<String> problems) {}

  @Override
  public Integer call() throws IOException {
    List<String> specs = new ArrayList<>();
    List<Listener> worldListeners = List.of();
    if (world != null) {
      if (tracks != null || playlists != null || interactions != null || columns != null) {
        throw new ParameterException(spec.commandLine(), "--world reads the files its manifest lists; "
            + "give either --world or --tracks/--playlists/--interactions");
      }
      WorldDirectory w = WorldDirectory.open(world);
      specs.addAll(w.specs());
      worldListeners = w.readListeners();
    }
    if (tracks != null) {
      specs.add(withKind(tracks, tracks.toLowerCase(Locale.ROOT).endsWith(".jsonl") ? "catalog" : "spotify-csv"));
    }
    if (playlists != null) {
      specs.add(withKind(playlists, "mpd"));
    }
    ColumnRoles roles = null;
    int rolesAt = -1;
    if (interactions != null) {
      String s = withKind(interactions, "interactions");
      if (columns != null) {
        if (!s.startsWith("interactions:")) {
          throw new ParameterException(spec.commandLine(), "--columns applies to generic interactions, not " + s);
        }
        roles = ColumnRoles.parse(columns);
        rolesAt = specs.size();
      }
      specs.add(s);
    } else if (columns != null) {
      throw new ParameterException(spec.commandLine(), "--columns needs --interactions");
    }
    if (specs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give --world or at least one of --tracks, --playlists, --interactions");
    }
    ReadOptions options = (mode.lenient ? ReadOptions.LENIENT : ReadOptions.STRICT).withMaxProblems(Math.max(0, Math.min(1000, maxProblems)));
    MusicDatasetCollector collector = new MusicDatasetCollector(false);
    List<SourceResult> sources = new ArrayList<>();
    List<ReadReport> reports = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String s = specs.get(i);
      // with --columns the path is taken as given ('#' included) and the roles apart from it
      DataSource src = i == rolesAt
          ? Datasets.openInteractions(requireFile(Path.of(s.substring("interactions:".length()))), roles, options)
          : Datasets.open(s, options);
      ReadReport r = src.read(collector);
      reports.add(r);
      sources.add(new SourceResult(s, r.rowsRead(), r.rowsSkipped(), r.records(), r.skipReasons(), r.firstProblems(),
          r.lines()));
    }
    MusicDataset ds = collector.dataset(MusicDatasetCollector.merge(reports, options.maxProblems()));
    List<Listener> listeners = new ArrayList<>(ds.listeners());
    listeners.addAll(worldListeners);
    DataProfile profile = DataProfile.of(ds.catalog(), ds.playlists(), ds.interactions(), listeners);
    Result result = new Result(options.mode().name().toLowerCase(Locale.ROOT), sources, counts(ds), profile,
        ds.report().skipReasons(), ds.report().firstProblems());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, result);
    } else {
      printText(out, result);
    }
    out.flush();
    if (report != null) {
      Path page = ProfileReport.write(profile, String.join(", ", specs), report);
      PrintWriter err = spec.commandLine().getErr();
      err.println("recsys ingest: data profile written to " + page);
      err.flush();
    }
    return 0;
  }

  private static Path requireFile(Path p) throws java.nio.file.NoSuchFileException {
    if (!java.nio.file.Files.isRegularFile(p)) {
      throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file (--interactions)");
    }
    return p;
  }

  /** Adds {@code kind:} unless the text already starts with a known kind. */
  static String withKind(String text, String kind) {
    int colon = text.indexOf(':');
    if (colon > 0 && Datasets.KINDS.contains(text.substring(0, colon).toLowerCase(Locale.ROOT))) {
      return text;
    }
    return kind + ":" + text;
  }

  static Counts counts(MusicDataset ds) {
    Set<String> artists = new HashSet<>();
    Set<String> genres = new HashSet<>();
    for (Track t : ds.catalog().tracks()) {
      for (ArtistRef a : t.artists()) {
        artists.add(a.key());
      }
      genres.addAll(t.genres());
    }
    ds.artists().forEach(a -> artists.add(a.id()));
    ds.playlists().forEach(p -> genres.addAll(p.genres()));
    return new Counts(ds.report().rowsRead(), ds.catalog().size(), artists.size(), ds.playlists().size(), genres.size(),
        ds.interactions().size(), ds.interactions().users().size(), ds.interactions().items().size(), ds.report().rowsSkipped());
  }

  private static void printText(PrintWriter out, Result r) {
    for (SourceResult s : r.sources()) {
      out.printf(Locale.ROOT, "%s: %,d rows read, %,d skipped%n", s.spec(), s.rowsRead(), s.rowsSkipped());
      ReadReport.Lines l = s.lines();
      if (l.total() > 0) {
        out.printf(Locale.ROOT, "  %,d lines = %,d header + %,d blank + %,d rows + %,d continuation lines of multi-line"
            + " records%n", l.total(), l.header(), l.blank(), s.rowsRead(), l.continuation());
      }
    }
    Counts c = r.counts();
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("rows", String.format(Locale.ROOT, "%,d", c.rows()));
    rows.put("tracks", String.format(Locale.ROOT, "%,d", c.tracks()));
    rows.put("artists", String.format(Locale.ROOT, "%,d", c.artists()));
    rows.put("playlists", String.format(Locale.ROOT, "%,d", c.playlists()));
    rows.put("genres", String.format(Locale.ROOT, "%,d", c.genres()));
    rows.put("interactions", String.format(Locale.ROOT, "%,d (%,d users, %,d items)", c.interactions(), c.users(), c.items()));
    rows.put("skipped", String.format(Locale.ROOT, "%,d", c.skipped()));
    rows.forEach((k, v) -> out.printf(Locale.ROOT, "  %-13s %s%n", k, v));
    if (!r.skipReasons().isEmpty()) {
      out.println("skipped rows by rule:");
      r.skipReasons().forEach((k, v) -> out.printf(Locale.ROOT, "  %-20s %,d%n", k, v));
      out.println("first problems:");
      r.problems().forEach(p -> out.println("  " + p));
    }
    out.println();
    out.print(r.profile().toText());
    out.flush();
  }
}
