package dev.recsys.core.data.profile;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The profile and validation report of a data set: per-column statistics of the audio features and metadata,
 * the genre distribution, playlist sizes, interaction statistics (plays per user and item, concentration,
 * skip rate, skip rate by listener behaviour) and a list of checks. The same report serves real and synthetic
 * data. A plain immutable record that Jackson serialises as it is.
 *
 * @param tracks number of tracks
 * @param artists number of distinct artists (by id, else name)
 * @param albums number of distinct albums (by id, else name)
 * @param audio statistics per audio feature, in {@link AudioFeature} order
 * @param metadata statistics of {@code duration_ms}, {@code popularity} and {@code release_year}
 * @param genres the genre distribution
 * @param playlists playlist statistics
 * @param interactions interaction statistics
 * @param checks validation checks, each passed or with a warning
 */
public record DataProfile(
    int tracks,
    int artists,
    int albums,
    List<ColumnStats> audio,
    List<ColumnStats> metadata,
    GenreStats genres,
    PlaylistStats playlists,
    InteractionStats interactions,
    List<Check> checks) {

  /** The listener attribute read for skip rates by behaviour type. */
  public static final String BEHAVIOUR_ATTRIBUTE = "behaviour";

  /** Number of genres listed in {@link GenreStats#top}. */
  public static final int TOP_GENRES = 50;

  /** Copies the lists. */
  public DataProfile {
    audio = List.copyOf(audio);
    metadata = List.copyOf(metadata);
    Objects.requireNonNull(genres, "genres");
    Objects.requireNonNull(playlists, "playlists");
    Objects.requireNonNull(interactions, "interactions");
    checks = List.copyOf(checks);
  }

  /**
   * One genre's share of the catalogue.
   *
   * @param name the genre label
   * @param tracks tracks carrying the label
   * @param share {@code tracks} divided by all tracks
   */
  public record GenreCount(String name, long tracks, double share) {}

  /**
   * The genre distribution.
   *
   * @param distinct number of distinct genre labels
   * @param tracksWithoutGenre tracks with no genre label
   * @param tracksWithSeveralGenres tracks with more than one label
   * @param top the {@value #TOP_GENRES} largest genres, largest first (ties by name)
   */
  public record GenreStats(int distinct, long tracksWithoutGenre, long tracksWithSeveralGenres, List<GenreCount> top) {
    /** Copies the list. */
    public GenreStats {
      top = List.copyOf(top);
    }
  }

  /**
   * Playlist statistics.
   *
   * @param count number of playlists
   * @param empty playlists without tracks
   * @param size statistics of playlist lengths
   * @param unknownTrackRefs track references (with repeats) not found in the catalogue
   * @param distinctTracks distinct catalogue tracks on at least one playlist
   */
  public record PlaylistStats(int count, int empty, ColumnStats size, long unknownTrackRefs, int distinctTracks) {}

  /**
   * Skip statistics of one group of listeners.
   *
   * @param group the attribute value (behaviour type)
   * @param listeners listeners in the group with at least one interaction
   * @param plays interactions of the group
   * @param skipRate share of skipped interactions
   */
  public record GroupSkipRate(String group, int listeners, long plays, double skipRate) {}

  /**
   * Interaction statistics.
   *
   * @param rows number of interactions
   * @param users distinct users with an interaction
   * @param items distinct items with an interaction
   * @param itemsNotInCatalog distinct items absent from the catalogue
   * @param withTimestamp rows with a timestamp
   * @param skipRate share of skipped rows, {@code null} without rows
   * @param perUser statistics of interactions per user
   * @param perItem statistics of interactions per item (items with at least one)
   * @param top1PercentItemShare share of rows on the 1% most played items, {@code null} without rows
   * @param top10PercentItemShare share of rows on the 10% most played items, {@code null} without rows
   * @param itemGini Gini coefficient of rows per item over the catalogue's tracks (unplayed tracks count as 0),
   *     {@code null} without rows
   * @param skipRateByBehaviour skip rate per value of the listeners' {@value #BEHAVIOUR_ATTRIBUTE} attribute
   *     (empty when no listener has it), by group name
   */
  public record InteractionStats(long rows, int users, int items, int itemsNotInCatalog, long withTimestamp,
      Double skipRate, ColumnStats perUser, ColumnStats perItem, Double top1PercentItemShare,
      Double top10PercentItemShare, Double itemGini, List<GroupSkipRate> skipRateByBehaviour) {
    /** Copies the list. */
    public InteractionStats {
      skipRateByBehaviour = List.copyOf(skipRateByBehaviour);
    }
  }

  /** Outcome of a check. */
  public enum Status {
    /** Nothing to report. */
    PASS,
    /** Worth a look; the data is usable. */
    WARN
  }

  /**
   * One validation check.
   *
   * @param name what was checked
   * @param status the outcome
   * @param detail the numbers behind it
   */
  public record Check(String name, Status status, String detail) {}

  /**
   * Profiles a data set. Any part may be empty ({@code List.of()}, an empty {@link Interactions}).
   *
   * @param catalog the tracks
   * @param playlists the playlists
   * @param interactions the interactions (listening events, ratings, playlist memberships, ...)
   * @param listeners listener profiles, used for the skip rate by their {@value #BEHAVIOUR_ATTRIBUTE} attribute
   * @return the {@code DataProfile}
   */
  public static DataProfile of(Catalog catalog, Collection<Playlist> playlists, Interactions interactions,
      Collection<Listener> listeners) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(playlists, "playlists");
    Objects.requireNonNull(interactions, "interactions");
    Objects.requireNonNull(listeners, "listeners");
    int n = catalog.size();
    List<Check> checks = new ArrayList<>();

    // audio columns
    AudioFeature[] fs = AudioFeature.values();
    List<ColumnStats> audio = new ArrayList<>(fs.length);
    double[] col = new double[n];
    long zeroTempo = 0;
    for (AudioFeature f : fs) {
      for (int i = 0; i < n; i++) {
        col[i] = catalog.get(i).audio().value(f);
        if (f == AudioFeature.TEMPO && col[i] == 0) {
          zeroTempo++;
        }
      }
      audio.add(ColumnStats.of(f.column(), col, n));
    }
    // metadata columns
    double[] dur = new double[n];
    double[] pop = new double[n];
    double[] year = new double[n];
    Set<String> artistKeys = new HashSet<>();
    Set<String> albumKeys = new HashSet<>();
    Map<String, Long> genreCounts = new HashMap<>();
    long noGenre = 0;
    long severalGenres = 0;
    for (int i = 0; i < n; i++) {
      Track t = catalog.get(i);
      dur[i] = t.durationMs().isPresent() ? t.durationMs().getAsLong() : Double.NaN;
      pop[i] = t.popularity().isPresent() ? t.popularity().getAsInt() : Double.NaN;
      year[i] = t.releaseDate().isPresent() ? t.releaseDate().get().year() : Double.NaN;
      t.artists().forEach(a -> artistKeys.add(a.key()));
      t.album().ifPresent(a -> albumKeys.add(a.id().orElse(a.name().orElse(""))));
      if (t.genres().isEmpty()) {
        noGenre++;
      } else if (t.genres().size() > 1) {
        severalGenres++;
      }
      for (String g : t.genres()) {
        genreCounts.merge(g, 1L, Long::sum);
      }
    }
    List<ColumnStats> metadata = List.of(ColumnStats.of("duration_ms", dur, n), ColumnStats.of("popularity", pop, n),
        ColumnStats.of("release_year", year, n));
    List<GenreCount> top = genreCounts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_GENRES)
        .map(e -> new GenreCount(e.getKey(), e.getValue(), n == 0 ? 0 : (double) e.getValue() / n))
        .toList();
    GenreStats genreStats = new GenreStats(genreCounts.size(), noGenre, severalGenres, top);

    // playlists
    int[] sizes = new int[playlists.size()];
    int empty = 0;
    long unknown = 0;
    boolean[] onPlaylist = new boolean[n];
    int k = 0;
    for (Playlist p : playlists) {
      sizes[k++] = p.size();
      if (p.size() == 0) {
        empty++;
      }
      for (String id : p.trackIds()) {
        int ti = catalog.indexOf(id);
        if (ti < 0) {
          unknown++;
        } else {
          onPlaylist[ti] = true;
        }
      }
    }
    int distinctOnPlaylists = 0;
    for (boolean b : onPlaylist) {
      if (b) {
        distinctOnPlaylists++;
      }
    }
    PlaylistStats playlistStats = new PlaylistStats(playlists.size(), empty, ColumnStats.ofInts("playlist_size", sizes),
        unknown, distinctOnPlaylists);

    InteractionStats interactionStats = interactionStats(catalog, interactions, listeners);

    // checks
    for (ColumnStats c : audio) {
      long total = c.count() + c.missing();
      double share = total == 0 ? 0 : (double) c.missing() / total;
      if (share > 0.05) {
        checks.add(new Check("missing " + c.name(), Status.WARN, String.format("%.1f%% of tracks miss %s (%d of %d)",
            100 * share, c.name(), c.missing(), total)));
      }
    }
    checks.add(zeroTempo == 0
        ? new Check("tempo detected", Status.PASS, "no track has tempo 0")
        : new Check("tempo detected", Status.WARN, zeroTempo + " tracks have tempo 0 (no beat found)"));
    if (!top.isEmpty()) {
      GenreCount biggest = top.get(0);
      checks.add(new Check("genre balance", biggest.share() > 0.5 ? Status.WARN : Status.PASS,
          String.format("largest genre '%s' holds %.1f%% of tracks; %d genres", biggest.name(), 100 * biggest.share(),
              genreCounts.size())));
    }
    if (n > 0) {
      checks.add(new Check("genre labels", noGenre > 0 ? Status.WARN : Status.PASS, noGenre + " tracks have no genre"));
    }
    if (!playlists.isEmpty()) {
      checks.add(new Check("playlist references", unknown > 0 ? Status.WARN : Status.PASS,
          unknown + " playlist entries name tracks missing from the catalogue; " + empty + " empty playlists"));
    }
    if (interactions.size() > 0) {
      checks.add(new Check("interaction items", interactionStats.itemsNotInCatalog() > 0 ? Status.WARN : Status.PASS,
          interactionStats.itemsNotInCatalog() + " interacted items are missing from the catalogue"));
      List<GroupSkipRate> groups = interactionStats.skipRateByBehaviour();
      if (groups.size() >= 2) {
        double lo = groups.stream().mapToDouble(GroupSkipRate::skipRate).min().orElse(0);
        double hi = groups.stream().mapToDouble(GroupSkipRate::skipRate).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        groups.stream().sorted((a, b) -> Double.compare(a.skipRate(), b.skipRate()))
            .forEach(g -> sb.append(sb.isEmpty() ? "" : " < ").append(g.group())
                .append(String.format(" %.3f", g.skipRate())));
        checks.add(new Check("skip rate differs by behaviour", hi - lo < 0.01 ? Status.WARN : Status.PASS,
            sb.toString()));
      }
      if (interactionStats.skipRate() != null && interactionStats.skipRate() > 0.9) {
        checks.add(new Check("skip rate", Status.WARN, String.format("%.1f%% of interactions are skips",
            100 * interactionStats.skipRate())));
      }
    }
    return new DataProfile(n, artistKeys.size(), albumKeys.size(), audio, metadata, genreStats, playlistStats,
        interactionStats, checks);
  }

  /**
   * Profiles a data set whose interactions are listening events: each event becomes an interaction of weight 1,
   * timestamped in epoch seconds, skipped when its outcome is {@link ListeningEvent.Outcome#SKIPPED}.
   *
   * @see #of(Catalog, Collection, Interactions, Collection)
   * @param catalog the catalogue
   * @param playlists the playlists
   * @param events the listening events
   * @param listeners the listeners
   * @return the {@code DataProfile}
   */
  public static DataProfile ofEvents(Catalog catalog, Collection<Playlist> playlists, Iterable<ListeningEvent> events,
      Collection<Listener> listeners) {
    Objects.requireNonNull(events, "events");
    Interactions.Builder b = Interactions.builder();
    for (ListeningEvent e : events) {
      b.add(e.listenerId(), e.trackId(), 1, e.timestamp().getEpochSecond(), e.outcome() == ListeningEvent.Outcome.SKIPPED);
    }
    return of(catalog, playlists, b.build(), listeners);
  }

  private static InteractionStats interactionStats(Catalog catalog, Interactions x, Collection<Listener> listeners) {
    int rows = x.size();
    int nu = x.users().size();
    int ni = x.items().size();
    int[] perUser = new int[nu];
    int[] perItem = new int[ni];
    long skips = 0;
    long withTime = 0;
    for (int r = 0; r < rows; r++) {
      perUser[x.user(r)]++;
      perItem[x.item(r)]++;
      if (x.skipped(r)) {
        skips++;
      }
      if (x.timestamp(r) != dev.recsys.core.model.Interaction.NO_TIME) {
        withTime++;
      }
    }
    int users = 0;
    for (int c : perUser) {
      if (c > 0) {
        users++;
      }
    }
    int[] playedItems = Arrays.stream(perItem).filter(c -> c > 0).toArray();
    int notInCatalog = 0;
    for (int i = 0; i < ni; i++) {
      if (perItem[i] > 0 && catalog.indexOf(x.items().id(i)) < 0) {
        notInCatalog++;
      }
    }
    Double top1 = null;
    Double top10 = null;
    Double gini = null;
    if (rows > 0) {
      // counts over the catalogue's tracks (0 for unplayed) plus played items outside it
      int universe = Math.max(catalog.size(), 0) + notInCatalog;
      long[] counts = new long[Math.max(universe, playedItems.length)];
      int j = 0;
      for (int i = 0; i < ni; i++) {
        if (perItem[i] > 0) {
          counts[j++] = perItem[i];
        }
      }
      Arrays.sort(counts); // ascending; zeros first
      top1 = topShare(counts, 0.01, rows);
      top10 = topShare(counts, 0.10, rows);
      gini = gini(counts, rows);
    }
    // skip rate by behaviour
    Map<String, String> behaviourOf = new HashMap<>();
    for (Listener l : listeners) {
      String b = l.attributes().get(BEHAVIOUR_ATTRIBUTE);
      if (b != null) {
        behaviourOf.put(l.id(), b);
      }
    }
    List<GroupSkipRate> groups = new ArrayList<>();
    if (!behaviourOf.isEmpty()) {
      String[] groupOfUser = new String[nu];
      for (int u = 0; u < nu; u++) {
        groupOfUser[u] = behaviourOf.get(x.users().id(u));
      }
      Map<String, long[]> acc = new TreeMap<>(); // plays, skips, listeners
      for (int r = 0; r < rows; r++) {
        String g = groupOfUser[x.user(r)];
        if (g != null) {
          long[] a = acc.computeIfAbsent(g, z -> new long[3]);
          a[0]++;
          if (x.skipped(r)) {
            a[1]++;
          }
        }
      }
      for (int u = 0; u < nu; u++) {
        if (groupOfUser[u] != null && perUser[u] > 0) {
          acc.get(groupOfUser[u])[2]++;
        }
      }
      acc.forEach((g, a) -> groups.add(new GroupSkipRate(g, (int) a[2], a[0], a[0] == 0 ? 0 : (double) a[1] / a[0])));
    }
    return new InteractionStats(rows, users, playedItems.length, notInCatalog, withTime,
        rows == 0 ? null : (double) skips / rows, ColumnStats.ofInts("interactions_per_user",
            Arrays.stream(perUser).filter(c -> c > 0).toArray()),
        ColumnStats.ofInts("interactions_per_item", playedItems), top1, top10, gini, groups);
  }

  private static double topShare(long[] ascending, double fraction, long total) {
    int k = Math.max(1, (int) Math.ceil(fraction * ascending.length));
    long s = 0;
    for (int i = ascending.length - k; i < ascending.length; i++) {
      s += ascending[i];
    }
    return (double) s / total;
  }

  private static double gini(long[] ascending, long total) {
    int n = ascending.length;
    if (n == 0 || total == 0) {
      return 0;
    }
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      weighted += (double) (i + 1) * ascending[i];
    }
    return (2 * weighted) / (n * (double) total) - (n + 1.0) / n;
  }

  /**
   * A human-readable multi-line summary (the CLI's text output); {@code --json} output serialises the record.
   *
   * @return a human-readable multi-line summary (the CLI's text output)
   */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("tracks %,d  artists %,d  albums %,d  genres %,d%n", tracks, artists, albums, genres.distinct()));
    b.append(String.format("%-20s %9s %8s %10s %10s %10s %10s %10s%n", "column", "count", "missing", "min", "p50", "max",
        "mean", "sd"));
    for (List<ColumnStats> group : List.of(audio, metadata)) {
      for (ColumnStats c : group) {
        b.append(String.format("%-20s %,9d %,8d %10s %10s %10s %10s %10s%n", c.name(), c.count(), c.missing(), num(c.min()),
            num(c.p50()), num(c.max()), num(c.mean()), num(c.sd())));
      }
    }
    b.append("top genres:");
    genres.top().stream().limit(10).forEach(g -> b.append(String.format(" %s %.1f%%", g.name(), 100 * g.share())));
    b.append(System.lineSeparator());
    if (playlists.count() > 0) {
      b.append(String.format("playlists %,d  median size %s  empty %d  unknown track refs %,d%n", playlists.count(),
          num(playlists.size().p50()), playlists.empty(), playlists.unknownTrackRefs()));
    }
    if (interactions.rows() > 0) {
      b.append(String.format("interactions %,d  users %,d  items %,d  skip rate %s  top 10%% items hold %s of rows%n",
          interactions.rows(), interactions.users(), interactions.items(), num(interactions.skipRate()),
          num(interactions.top10PercentItemShare())));
      for (GroupSkipRate g : interactions.skipRateByBehaviour()) {
        b.append(String.format("  behaviour %-14s listeners %,6d  plays %,9d  skip rate %.3f%n", g.group(), g.listeners(),
            g.plays(), g.skipRate()));
      }
    }
    for (Check c : checks) {
      b.append(String.format("[%s] %s: %s%n", c.status(), c.name(), c.detail()));
    }
    return b.toString();
  }

  private static String num(Double v) {
    if (v == null) {
      return "-";
    }
    double a = Math.abs(v);
    return a != 0 && (a >= 1e6 || a < 1e-3) ? String.format("%.3g", v) : String.format("%.4g", v);
  }
}
