package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.data.SpotifyCsvSchema;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Spotify track catalogue in CSV, its layout ({@link SpotifyCsvSchema}) detected from the header.
 *
 * <p>Rows are validated one by one (numbers, ranges, dates, list literals). A track that appears on several rows
 * (TidyTuesday: once per playlist; Kaggle: once per genre) is emitted once, after the last row, with the
 * attributes of its first row and every genre label of all its rows, in order of appearance. TidyTuesday
 * playlists are emitted with their name, the playlist genre and subgenre as genres, and their tracks in file
 * order. The text {@code NA} and the empty field mean "missing"; a key of -1 means "no key detected" (missing).
 * Memory: one entry per distinct track and playlist (the catalogue itself), not per row.
 */
public final class SpotifyCsvSource implements DataSource {
  private static final String NA = "NA";
  private static final AudioFeature[] FEATURES = AudioFeature.values();
  /** Per feature (by ordinal), its range and whether it takes whole numbers only, read without the enum. */
  private static final double[] MIN = new double[FEATURES.length];
  private static final double[] MAX = new double[FEATURES.length];
  private static final boolean[] WHOLE = new boolean[FEATURES.length];
  private static final int KEY = AudioFeature.KEY.ordinal();

  static {
    for (AudioFeature f : FEATURES) {
      MIN[f.ordinal()] = f.min();
      MAX[f.ordinal()] = f.max();
      WHOLE[f.ordinal()] = f.isCategorical();
    }
  }

  private final Path file;
  private final ReadOptions options;

  /** A source over {@code file}. */
  public SpotifyCsvSource(Path file, ReadOptions options) {
    this.file = file;
    this.options = options;
  }

  @Override
  public String description() {
    return "spotify-csv " + file;
  }

  /** The layout of a CSV file's header, or an {@code unknown header} error listing the supported ones. */
  public static SpotifyCsvSchema schemaOf(String fileName, String[] header) throws DataFormatException {
    List<String> names = Arrays.asList(header);
    SpotifyCsvSchema s = SpotifyCsvSchema.detect(names);
    if (s == null) {
      throw new DataFormatException(fileName, 1, 0, null, Rule.UNKNOWN_HEADER, "the header " + names
          + " matches no supported Spotify CSV schema; supported: " + SpotifyCsvSchema.describeAll());
    }
    return s;
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Problems problems = new Problems(options);
    problems.source(file.toString());
    Catalogue cat;
    try (DelimitedReader r = DelimitedReader.open(file)) {
      String[] header = Rows.header(r, "a Spotify track CSV header: " + SpotifyCsvSchema.describeAll());
      SpotifyCsvSchema schema = schemaOf(r.name(), header);
      // about one track per 256 bytes of file (TidyTuesday: 243 bytes a row), at most 2^20 before the tables grow
      int expected = (int) Math.min(1 << 20, Files.size(file) / 256);
      cat = new Catalogue(schema, new Columns(schema, header), expected);
      Rows.forEach(r, problems, header.length, cat::row);
    }
    int tracks = cat.tracks.size();
    for (int t = 0; t < tracks; t++) {
      handler.track(cat.track(t));
    }
    problems.records("tracks", tracks);
    int playlists = cat.playlists.size();
    for (int p = 0; p < playlists; p++) {
      PlaylistAcc acc = cat.playlists.get(p);
      handler.playlist(new Playlist(cat.playlistIds.get(p), Optional.ofNullable(acc.name), Optional.empty(), acc.trackIds,
          List.copyOf(acc.genres)));
    }
    problems.records("playlists", playlists);
    return problems.report();
  }

  /**
   * What the rows read so far say: the distinct tracks (each the track of its first valid row) and playlists, and
   * the values that repeat from row to row, each built once and shared (artists, release dates, genre
   * lists). A row is validated completely on primitive values before anything of it is kept; the objects of a
   * track are built only for its first row, later rows of the same track only add genre labels.
   */
  private static final class Catalogue {
    private static final OptionalInt[] POPULARITY = new OptionalInt[101];
    private static final Optional<Boolean> EXPLICIT = Optional.of(true);
    private static final Optional<Boolean> CLEAN = Optional.of(false);

    static {
      for (int p = 0; p < POPULARITY.length; p++) {
        POPULARITY[p] = OptionalInt.of(p);
      }
    }

    final SpotifyCsvSchema schema;
    final Columns c;
    final Symbols trackIds;
    final List<Track> tracks;
    /**
     * Per track, its genre labels: its first row's list, or an {@link ArrayList} of the distinct labels of all its
     * rows once a later row added some.
     */
    final List<List<String>> genresOf;
    final Symbols playlistIds = new Symbols(64, true);
    final List<PlaylistAcc> playlists = new ArrayList<>();
    final Symbols artistNames;
    final List<List<ArtistRef>> artistLists;
    /** Release dates by {@link DelimitedReader#releaseDateKey} (the digits and the form of the text). */
    final IntOrdinals dateKeys = new IntOrdinals(1024);
    final List<Optional<ReleaseDate>> dates = new ArrayList<>();
    final Map<Integer, Optional<ReleaseDate>> years = new HashMap<>();
    /** One table per genre column, so each column's repeated value is matched by its table's last value. */
    final Symbols[] genreLabels;
    final String[] rowGenres;
    /** Per genre column, the ordinal of the row's label in its table; -1 when missing or blank. */
    final int[] rowLabels;
    final int[] lastLabels;
    String[] lastGenres = new String[0];
    List<String> lastGenreList = List.of();
    final double[] audio = new double[FEATURES.length];

    /**
     * A catalogue whose tables start with room for {@code expected} tracks (sized from the file, so the tables of a
     * large file do not grow step by step).
     */
    Catalogue(SpotifyCsvSchema schema, Columns c, int expected) {
      this.schema = schema;
      this.c = c;
      // Spotify ids have 22 characters
      trackIds = new Symbols(expected, 22, false);
      tracks = new ArrayList<>(expected);
      genresOf = new ArrayList<>(expected);
      artistNames = new Symbols(expected / 2, false);
      artistLists = new ArrayList<>(expected / 2);
      this.rowGenres = new String[c.genres.length];
      this.rowLabels = new int[c.genres.length];
      this.lastLabels = new int[c.genres.length];
      Arrays.fill(lastLabels, -1);
      this.genreLabels = new Symbols[c.genres.length];
      for (int k = 0; k < genreLabels.length; k++) {
        genreLabels[k] = new Symbols(64, true);
      }
    }

    /** Validates one row, then keeps its track (first row of the track) or genres, and its playlist entry. */
    void row(DelimitedReader r) throws DataFormatException {
      if (missing(r, c.id) || r.isBlank(c.id)) {
        throw r.error(c.id + 1, Rule.MISSING_VALUE, "missing track id");
      }
      int t = r.symbol(c.id, trackIds, true, false);
      boolean first = t < 0;
      List<ArtistRef> artists = first || schema != SpotifyCsvSchema.TIDYTUESDAY ? artists(r) : null;
      Optional<ReleaseDate> released = releaseDate(r);
      long duration = -1;
      if (!missing(r, c.duration)) {
        duration = r.getLong(c.duration);
        if (duration < 0 || duration > 24L * 3600 * 1000) {
          throw r.error(c.duration + 1, Rule.OUT_OF_RANGE, "must be in [0, 86400000]; got " + duration);
        }
      }
      int popularity = missing(r, c.popularity) ? -1 : r.getInt(c.popularity, 0, 100);
      Optional<Boolean> explicit = missing(r, c.explicit) ? Optional.empty() : Rows.bool(r, c.explicit) ? EXPLICIT : CLEAN;
      audio(r);
      List<String> genres = genres(r);
      int p = -1;
      if (c.playlistId >= 0) {
        if (missing(r, c.playlistId) || r.isBlank(c.playlistId)) {
          throw r.error(c.playlistId + 1, Rule.MISSING_VALUE, "missing playlist id");
        }
        p = r.symbol(c.playlistId, playlistIds, true, true);
        if (p == playlists.size()) {
          playlists.add(new PlaylistAcc(text(r, c.playlistName)));
        }
      }
      // the row is valid: keep it
      if (first) {
        // nothing was added to the track ids since the lookup above, and the row buffer is unchanged
        t = trackIds.addMissed();
        tracks.add(new Track(trackIds.get(t), Optional.ofNullable(text(r, c.title)), artists, album(r), released,
            duration < 0 ? OptionalLong.empty() : OptionalLong.of(duration),
            popularity < 0 ? OptionalInt.empty() : POPULARITY[popularity], explicit, genres, AudioFeatures.of(audio)));
        genresOf.add(genres);
      } else {
        addGenres(t, genres);
      }
      if (p >= 0) {
        PlaylistAcc acc = playlists.get(p);
        if (acc.lastGenres != genres) {
          acc.genres.addAll(genres);
          acc.lastGenres = genres;
        }
        acc.trackIds.add(trackIds.get(t));
      }
    }

    /** Track {@code t} with the genre labels of all its rows. */
    Track track(int t) {
      Track first = tracks.get(t);
      List<String> genres = genresOf.get(t);
      return !(genres instanceof ArrayList) ? first : new Track(first.id(), first.title(), first.artists(), first.album(),
          first.releaseDate(), first.durationMs(), first.popularity(), first.explicit(), List.copyOf(genres), first.audio());
    }

    /** Adds the labels of a later row of track {@code t} that its rows so far lack. */
    private void addGenres(int t, List<String> labels) {
      List<String> genres = genresOf.get(t);
      if (genres == labels) {
        return;
      }
      boolean merged = genres instanceof ArrayList;
      for (String g : labels) {
        if (!genres.contains(g)) {
          if (!merged) {
            List<String> more = new ArrayList<>(genres.size() + labels.size());
            more.addAll(genres);
            genresOf.set(t, genres = more);
            merged = true;
          }
          genres.add(g);
        }
      }
    }

    private List<ArtistRef> artists(DelimitedReader r) throws DataFormatException {
      if (schema != SpotifyCsvSchema.TIDYTUESDAY) {
        return SpotifyCsvSource.artists(schema, c, r);
      }
      if (missing(r, c.artists) || r.isBlank(c.artists)) {
        return List.of();
      }
      int a = r.symbol(c.artists, artistNames, true, true);
      if (a == artistLists.size()) {
        artistLists.add(List.of(ArtistRef.named(artistNames.get(a))));
      }
      return artistLists.get(a);
    }

    private Optional<AlbumRef> album(DelimitedReader r) {
      String id = text(r, c.albumId);
      String name = text(r, c.albumName);
      return id == null && name == null ? Optional.empty()
          : Optional.of(new AlbumRef(Optional.ofNullable(id), Optional.ofNullable(name)));
    }

    private Optional<ReleaseDate> releaseDate(DelimitedReader r) throws DataFormatException {
      if (!missing(r, c.release)) {
        int key = r.releaseDateKey(c.release);
        int d = key < 0 ? -1 : dateKeys.find(key);
        if (d >= 0) {
          return dates.get(d);
        }
        try {
          Optional<ReleaseDate> date = Optional.of(r.getReleaseDate(c.release));
          // a field getReleaseDate accepts has a key
          dateKeys.add(key);
          dates.add(date);
          return date;
        } catch (DataFormatException e) {
          if (c.year < 0) {
            throw e;
          }
        }
      }
      if (!missing(r, c.year)) {
        int y = r.getInt(c.year, 0, 2999);
        if (y >= 1000) {
          return years.computeIfAbsent(y, k -> Optional.of(ReleaseDate.ofYear(k)));
        }
      }
      return Optional.empty();
    }

    /** Validates the audio columns into {@link #audio}, NaN for missing. */
    private void audio(DelimitedReader r) throws DataFormatException {
      double[] v = audio;
      int[] columns = c.audio;
      for (int f = 0; f < v.length; f++) {
        int i = columns[f];
        if (missing(r, i)) {
          v[f] = Double.NaN;
          continue;
        }
        double x = r.getDouble(i);
        if (f == KEY && x == -1) {
          v[f] = Double.NaN;
          continue;
        }
        if (x < MIN[f] || x > MAX[f]) {
          throw r.error(i + 1, Rule.OUT_OF_RANGE, "must be in [" + fmt(MIN[f]) + ", " + fmt(MAX[f]) + "]; got " + r.get(i));
        }
        if (WHOLE[f] && x != Math.rint(x)) {
          throw r.error(i + 1, Rule.BAD_NUMBER, "must be a whole number; got " + r.get(i));
        }
        v[f] = x;
      }
    }

    /** The row's distinct non-blank genre labels in column order; the previous row's list when they are the same. */
    private List<String> genres(DelimitedReader r) {
      boolean same = true;
      for (int k = 0; k < rowLabels.length; k++) {
        int g = c.genres[k];
        int o = missing(r, g) || r.isBlank(g) ? -1 : r.symbol(g, genreLabels[k], true, true);
        rowLabels[k] = o;
        same &= o == lastLabels[k];
      }
      if (same) {
        // every column has the previous row's label (each column has its own table)
        return lastGenreList;
      }
      System.arraycopy(rowLabels, 0, lastLabels, 0, rowLabels.length);
      int n = 0;
      for (int k = 0; k < rowGenres.length; k++) {
        if (rowLabels[k] >= 0) {
          String label = genreLabels[k].get(rowLabels[k]);
          boolean seen = false;
          for (int j = 0; j < n; j++) {
            seen |= rowGenres[j].equals(label);
          }
          if (!seen) {
            rowGenres[n++] = label;
          }
        }
      }
      if (!Arrays.equals(rowGenres, 0, n, lastGenres, 0, lastGenres.length)) {
        lastGenres = Arrays.copyOf(rowGenres, n);
        lastGenreList = List.of(lastGenres);
      }
      return lastGenreList;
    }
  }

  private static final class PlaylistAcc {
    final String name;
    final Set<String> genres = new LinkedHashSet<>();
    final List<String> trackIds = new ArrayList<>();
    /** The genre list last added to {@link #genres} (rows of a playlist usually share one). */
    List<String> lastGenres;

    PlaylistAcc(String name) {
      this.name = name;
    }
  }

  /** Column indices of one schema within a header; -1 when absent. */
  private static final class Columns {
    final int id;
    final int title;
    final int artists;
    final int artistIds;
    final int albumId;
    final int albumName;
    final int release;
    final int year;
    final int popularity;
    final int duration;
    final int explicit;
    final int[] audio = new int[AudioFeature.values().length];
    final int[] genres;
    final int playlistId;
    final int playlistName;

    Columns(SpotifyCsvSchema s, String[] h) {
      switch (s) {
        case TIDYTUESDAY -> {
          id = col(h, "track_id");
          title = col(h, "track_name");
          artists = col(h, "track_artist");
          artistIds = -1;
          albumId = col(h, "track_album_id");
          albumName = col(h, "track_album_name");
          release = col(h, "track_album_release_date");
          year = -1;
          popularity = col(h, "track_popularity");
          explicit = -1;
          genres = new int[] {col(h, "playlist_genre"), col(h, "playlist_subgenre")};
          playlistId = col(h, "playlist_id");
          playlistName = col(h, "playlist_name");
        }
        case KAGGLE_TRACKS -> {
          id = col(h, "track_id");
          title = col(h, "track_name");
          artists = col(h, "artists");
          // optional extensions (written by the synthetic world's exporter); -1 when absent
          artistIds = col(h, "artist_ids");
          albumId = col(h, "album_id");
          albumName = col(h, "album_name");
          release = col(h, "release_date");
          year = -1;
          popularity = col(h, "popularity");
          explicit = col(h, "explicit");
          genres = new int[] {col(h, "track_genre")};
          playlistId = -1;
          playlistName = -1;
        }
        default -> {
          id = col(h, "id");
          title = col(h, "name");
          artists = col(h, "artists");
          artistIds = col(h, "artist_ids");
          albumId = col(h, "album_id");
          albumName = col(h, "album");
          release = col(h, "release_date");
          year = col(h, "year");
          popularity = col(h, "popularity");
          explicit = col(h, "explicit");
          genres = new int[0];
          playlistId = -1;
          playlistName = -1;
        }
      }
      duration = col(h, "duration_ms");
      for (AudioFeature f : AudioFeature.values()) {
        audio[f.ordinal()] = col(h, f.column());
      }
    }

    private static int col(String[] h, String name) {
      return Rows.indexOf(h, name);
    }
  }

  private static boolean missing(DelimitedReader r, int i) {
    return i < 0 || r.isMissing(i, NA);
  }

  private static String text(DelimitedReader r, int i) {
    return missing(r, i) ? null : r.get(i);
  }

  /** The artists of the Kaggle layouts (names, optional ids); TidyTuesday's single artist is {@link Catalogue}'s. */
  private static List<ArtistRef> artists(SpotifyCsvSchema schema, Columns c, DelimitedReader r) throws DataFormatException {
    if (missing(r, c.artists)) {
      return List.of();
    }
    String s = r.get(c.artists);
    switch (schema) {
      case KAGGLE_TRACKS -> {
        String[] names = s.split(";", -1);
        String[] ids = missing(r, c.artistIds) ? null : r.get(c.artistIds).split(";", -1);
        if (ids != null && ids.length != names.length) {
          throw r.error(c.artistIds + 1, Rule.BAD_VALUE, ids.length + " artist ids for " + names.length
              + " artists (both separated by ';')");
        }
        List<ArtistRef> out = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
          if (!names[i].isBlank()) {
            Optional<String> aid = ids == null || ids[i].isBlank() ? Optional.empty() : Optional.of(ids[i].strip());
            out.add(new ArtistRef(aid, names[i].strip()));
          }
        }
        return out;
      }
      default -> {
        List<String> names = literal(r, c.artists, s);
        List<String> ids = missing(r, c.artistIds) ? List.of() : literal(r, c.artistIds, r.get(c.artistIds));
        if (!ids.isEmpty() && ids.size() != names.size()) {
          throw r.error(c.artistIds + 1, Rule.BAD_VALUE, ids.size() + " artist ids for " + names.size() + " artists");
        }
        List<ArtistRef> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
          if (names.get(i).isBlank()) {
            continue;
          }
          Optional<String> aid = ids.isEmpty() || ids.get(i).isBlank() ? Optional.empty() : Optional.of(ids.get(i));
          out.add(new ArtistRef(aid, names.get(i).strip()));
        }
        return out;
      }
    }
  }

  private static List<String> literal(DelimitedReader r, int col, String s) throws DataFormatException {
    try {
      return ListLiteral.parse(s);
    } catch (IllegalArgumentException e) {
      throw r.error(col + 1, Rule.BAD_VALUE, e.getMessage() + ": '" + DelimitedReader.clip(s) + "'");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
