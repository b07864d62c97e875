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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Map<String, TrackAcc> tracks = new LinkedHashMap<>();
    Map<String, PlaylistAcc> playlists = new LinkedHashMap<>();
    try (DelimitedReader r = DelimitedReader.open(file)) {
      String[] header = Rows.header(r, "a Spotify track CSV header: " + SpotifyCsvSchema.describeAll());
      SpotifyCsvSchema schema = schemaOf(r.name(), header);
      Columns c = new Columns(schema, header);
      Rows.forEach(r, problems, header.length, row -> {
        RowValues v = parse(schema, c, row);
        TrackAcc acc = tracks.get(v.id);
        if (acc == null) {
          tracks.put(v.id, new TrackAcc(v.track));
        } else {
          acc.addGenres(v.genres);
        }
        if (v.playlistId != null) {
          PlaylistAcc p = c.lastPlaylist != null && c.lastPlaylistId == v.playlistId
              ? c.lastPlaylist : playlists.computeIfAbsent(v.playlistId, k -> new PlaylistAcc(v.playlistName));
          c.lastPlaylistId = v.playlistId;
          c.lastPlaylist = p;
          p.genres.addAll(v.genres);
          p.trackIds.add(v.id);
        }
      });
    }
    for (TrackAcc acc : tracks.values()) {
      handler.track(acc.track());
    }
    problems.records("tracks", tracks.size());
    for (Map.Entry<String, PlaylistAcc> e : playlists.entrySet()) {
      PlaylistAcc p = e.getValue();
      handler.playlist(new Playlist(e.getKey(), Optional.ofNullable(p.name), Optional.empty(), p.trackIds, List.copyOf(p.genres)));
    }
    problems.records("playlists", playlists.size());
    return problems.report();
  }

  /** The first row's track, and genre labels of later rows it lacks (created only when there are some). */
  private static final class TrackAcc {
    final Track first;
    Set<String> genres;

    TrackAcc(Track first) {
      this.first = first;
    }

    void addGenres(List<String> more) {
      for (String g : more) {
        if (genres == null) {
          if (first.genres().contains(g)) {
            continue;
          }
          genres = new LinkedHashSet<>(first.genres());
        }
        genres.add(g);
      }
    }

    Track track() {
      return genres == null ? first : first.toBuilder().genres(List.copyOf(genres)).build();
    }
  }

  private static final class PlaylistAcc {
    final String name;
    final Set<String> genres = new LinkedHashSet<>();
    final List<String> trackIds = new ArrayList<>();

    PlaylistAcc(String name) {
      this.name = name;
    }
  }

  /** What one row says. */
  private record RowValues(String id, Track track, List<String> genres, String playlistId, String playlistName) {}

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
    /** Strings of the previous row, reused while a column repeats (rows come grouped by playlist). */
    final String[] last;
    String lastPlaylistId;
    PlaylistAcc lastPlaylist;

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
      last = new String[h.length];
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

  private static String requiredId(DelimitedReader r, int i, String what) throws DataFormatException {
    String s = missing(r, i) ? "" : r.get(i).strip();
    if (s.isEmpty()) {
      throw r.error(i + 1, Rule.MISSING_VALUE, "missing " + what);
    }
    return s;
  }

  private static String text(DelimitedReader r, int i) {
    return missing(r, i) ? null : r.get(i);
  }

  /** Like {@link #text} but reusing the previous row's string of the column when equal. */
  private static String repeated(Columns c, DelimitedReader r, int i) {
    if (missing(r, i)) {
      return null;
    }
    String s = r.get(i, c.last[i]);
    c.last[i] = s;
    return s;
  }

  private static RowValues parse(SpotifyCsvSchema schema, Columns c, DelimitedReader r) throws DataFormatException {
    String id = requiredId(r, c.id, "track id");
    Track.Builder b = Track.builder(id);
    b.title(text(r, c.title));
    b.artists(artists(schema, c, r));
    String albumId = text(r, c.albumId);
    String albumName = text(r, c.albumName);
    if (albumId != null || albumName != null) {
      b.album(new AlbumRef(Optional.ofNullable(albumId), Optional.ofNullable(albumName)));
    }
    b.releaseDate(releaseDate(c, r));
    if (!missing(r, c.duration)) {
      long ms = r.getLong(c.duration);
      if (ms < 0 || ms > 24L * 3600 * 1000) {
        throw r.error(c.duration + 1, Rule.OUT_OF_RANGE, "must be in [0, 86400000]; got " + ms);
      }
      b.durationMs(ms);
    }
    if (!missing(r, c.popularity)) {
      b.popularity(r.getInt(c.popularity, 0, 100));
    }
    if (!missing(r, c.explicit)) {
      b.explicit(Rows.bool(r, c.explicit));
    }
    b.audio(audio(c, r));
    List<String> genres = new ArrayList<>(c.genres.length);
    for (int g : c.genres) {
      if (!missing(r, g)) {
        String label = repeated(c, r, g).strip();
        if (!label.isEmpty() && !genres.contains(label)) {
          genres.add(label);
        }
      }
    }
    b.genres(genres);
    String playlistId = null;
    String playlistName = null;
    if (c.playlistId >= 0) {
      playlistId = repeated(c, r, c.playlistId);
      if (playlistId == null || playlistId.isBlank()) {
        throw r.error(c.playlistId + 1, Rule.MISSING_VALUE, "missing playlist id");
      }
      playlistId = playlistId.strip();
      playlistName = repeated(c, r, c.playlistName);
    }
    return new RowValues(id, b.build(), genres, playlistId, playlistName);
  }

  private static List<ArtistRef> artists(SpotifyCsvSchema schema, Columns c, DelimitedReader r) throws DataFormatException {
    if (missing(r, c.artists)) {
      return List.of();
    }
    String s = r.get(c.artists);
    switch (schema) {
      case TIDYTUESDAY -> {
        return s.isBlank() ? List.of() : List.of(ArtistRef.named(s.strip()));
      }
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

  private static ReleaseDate releaseDate(Columns c, DelimitedReader r) throws DataFormatException {
    if (!missing(r, c.release)) {
      try {
        return r.getReleaseDate(c.release);
      } catch (DataFormatException e) {
        if (c.year < 0) {
          throw e;
        }
      }
    }
    if (!missing(r, c.year)) {
      int y = r.getInt(c.year, 0, 2999);
      if (y >= 1000) {
        return ReleaseDate.ofYear(y);
      }
    }
    return null;
  }

  private static AudioFeatures audio(Columns c, DelimitedReader r) throws DataFormatException {
    double[] v = new double[c.audio.length];
    for (AudioFeature f : FEATURES) {
      int i = c.audio[f.ordinal()];
      if (missing(r, i)) {
        v[f.ordinal()] = Double.NaN;
        continue;
      }
      double x = r.getDouble(i);
      if (f == AudioFeature.KEY && x == -1) {
        v[f.ordinal()] = Double.NaN;
        continue;
      }
      if (x < f.min() || x > f.max()) {
        throw r.error(i + 1, Rule.OUT_OF_RANGE, "must be in [" + fmt(f.min()) + ", " + fmt(f.max()) + "]; got " + r.get(i));
      }
      if (f.isCategorical() && x != Math.rint(x)) {
        throw r.error(i + 1, Rule.BAD_NUMBER, "must be a whole number; got " + r.get(i));
      }
      v[f.ordinal()] = x;
    }
    return AudioFeatures.of(v);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
