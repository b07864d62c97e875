package dev.recsys.core.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link SyntheticWorld} in the file formats the readers read. Every file is written to a temporary
 * sibling and moved into place, so a reader never sees a half-written file under the final name. The files are
 * written concurrently (up to the configuration's thread count); their content does not depend on it.
 *
 * <ul>
 *   <li>{@value #TRACKS} - the Kaggle "Spotify Tracks Dataset" schema ({@link #TRACK_COLUMNS}): artists joined
 *       by {@code ';'}, {@code explicit} as {@code True}/{@code False}, numbers in plain decimal notation, a missing
 *       audio feature as an empty field, the track's genre in {@code track_genre}; then three columns the reader
 *       takes when present ({@link dev.recsys.core.data.SpotifyCsvSchema#KAGGLE_TRACKS}): {@code artist_ids}
 *       (joined by {@code ';'} like the names), {@code album_id} and {@code release_date}.</li>
 *   <li>{@value #EVENTS} - generic interactions {@code user_id,track_id,timestamp,ms_played,skipped}: timestamp in
 *       epoch seconds, skipped as {@code true}/{@code false}; rows grouped by listener, in time order.</li>
 *   <li>{@code mpd.slice.0-N.json} - the playlists as a Million Playlist Dataset slice ({@code info} and
 *       {@code playlists}, each with {@code pid}, {@code name}, {@code num_tracks}, ... and {@code tracks} with
 *       {@code pos}, {@code track_uri} = {@code spotify:track:ID}, {@code artist_uri}, {@code album_uri},
 *       {@code track_name}, {@code artist_name}, {@code album_name}, {@code duration_ms}).</li>
 *   <li>{@value #LISTENERS} - the hidden truth: {@code listener_id,behaviour,dominant_genre,home_family} then one
 *       taste weight column per genre ({@code taste_GENRE}).</li>
 *   <li>{@value #LISTENER_ATTRIBUTES} - the listeners' demographics as a {@code listeners:FILE} side file
 *       ({@link #ATTRIBUTE_COLUMNS}): {@code listener_id,age:numeric,age_band,country,gender}.</li>
 *   <li>{@value #MANIFEST} - the configuration and the file list with row counts.</li>
 * </ul>
 * CSV files are UTF-8 without byte order mark, lines end with {@code \n}, and a field is quoted (RFC 4180, with
 * {@code ""} for a quote) when it holds a comma, a quote, a CR or an LF.
 */
public final class WorldExporter {
  /** Track file name. */
  public static final String TRACKS = "tracks.csv";
  /** Listening event file name. */
  public static final String EVENTS = "events.csv";
  /** Hidden truth file name. */
  public static final String LISTENERS = "listeners.csv";
  /** Listener demographics file name. */
  public static final String LISTENER_ATTRIBUTES = "listener-attributes.csv";
  /** Header of the listener demographics file (kinds declared as {@code listeners:FILE} reads them). */
  public static final List<String> ATTRIBUTE_COLUMNS = List.of("listener_id", SyntheticWorld.ATTR_AGE + ":numeric",
      SyntheticWorld.ATTR_AGE_BAND + ":categorical", SyntheticWorld.ATTR_COUNTRY + ":categorical",
      SyntheticWorld.ATTR_GENDER + ":categorical");
  /** Manifest file name. */
  public static final String MANIFEST = "manifest.json";
  /** Header of the track file. */
  public static final List<String> TRACK_COLUMNS = List.of("track_id", "artists", "album_name", "track_name",
      "popularity", "duration_ms", "explicit", "danceability", "energy", "key", "loudness", "mode", "speechiness",
      "acousticness", "instrumentalness", "liveness", "valence", "tempo", "time_signature", "track_genre", "artist_ids", "album_id", "release_date");
  /** Header of the event file. */
  public static final List<String> EVENT_COLUMNS = List.of("user_id", "track_id", "timestamp", "ms_played", "skipped");

  private WorldExporter() {}

  /**
   * What an export wrote.
   *
   * @param directory the output directory
   * @param rows data rows (playlists for the JSON file) per file name, in writing order
   */
  public record ExportReport(Path directory, Map<String, Long> rows) {
    /** Copies the map. */
    public ExportReport {
      Objects.requireNonNull(directory, "directory");
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }
  }

  /**
   * The MPD-style playlist file name for {@code count} playlists ({@code mpd.slice.0-(count-1).json}).
   *
   * @param count the number of playlists
   * @return the MPD-style playlist file name for {@code count} playlists ({@code mpd.slice.0-(count-1).json})
   */
  public static String playlistFileName(int count) {
    return "mpd.slice.0-" + Math.max(0, count - 1) + ".json";
  }

  /**
   * Writes every file into {@code dir} (created if absent).
   *
   * @param world the synthetic world
   * @param dir the directory
   * @return the {@code ExportReport}
   * @throws IOException if the file cannot be written
   */
  public static ExportReport export(SyntheticWorld world, Path dir) throws IOException {
    Objects.requireNonNull(world, "world");
    Files.createDirectories(dir);
    String pl = playlistFileName(world.playlists().size());
    Map<String, Content> files = new LinkedHashMap<>();
    files.put(TRACKS, out -> writeTracks(world.catalog(), out));
    files.put(EVENTS, out -> writeEvents(world, out));
    files.put(pl, out -> writePlaylists(world, out));
    files.put(LISTENERS, out -> writeListeners(world, out));
    files.put(LISTENER_ATTRIBUTES, out -> writeListenerAttributes(world, out));
    // the files are independent: write them concurrently
    int threads = Math.min(files.size(), world.config().effectiveThreads());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "recsys-export");
      t.setDaemon(true);
      return t;
    });
    Map<String, java.util.concurrent.Future<Long>> futures = new LinkedHashMap<>();
    try {
      files.forEach((name, content) -> futures.put(name, pool.submit(() -> writeAtomically(dir.resolve(name), content))));
    } finally {
      pool.shutdown();
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    IOException failure = null;
    for (Map.Entry<String, java.util.concurrent.Future<Long>> e : futures.entrySet()) {
      try {
        rows.put(e.getKey(), e.getValue().get());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing " + dir.resolve(e.getKey()));
      } catch (java.util.concurrent.ExecutionException ex) {
        Throwable cause = ex.getCause();
        IOException io = cause instanceof IOException ioe ? ioe
            : new IOException("cannot write " + dir.resolve(e.getKey()) + ": " + cause, cause);
        if (failure == null) {
          failure = io;
        } else {
          failure.addSuppressed(io);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    writeAtomically(dir.resolve(MANIFEST), out -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("generator", "recsys synthetic world");
      m.put("config", world.config());
      m.put("files", rows);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, m);
      return 1;
    });
    return new ExportReport(dir, rows);
  }

  /**
   * Writes the catalogue in the Kaggle schema; returns the number of data rows.
   *
   * @param catalog the catalogue
   * @param os the output stream
   * @throws IOException if the file cannot be written
   * @return the number of data rows written
   */
  public static long writeTracks(Catalog catalog, OutputStream os) throws IOException {
    Writer w = writer(os);
    header(w, TRACK_COLUMNS);
    StringBuilder b = new StringBuilder(512);
    StringBuilder artists = new StringBuilder(64);
    for (Track t : catalog.tracks()) {
      b.setLength(0);
      field(b, t.id()).append(',');
      artists.setLength(0);
      for (ArtistRef a : t.artists()) {
        if (!artists.isEmpty()) {
          artists.append(';');
        }
        artists.append(a.name());
      }
      field(b, artists.toString()).append(',');
      field(b, t.album().flatMap(a -> a.name()).orElse("")).append(',');
      field(b, t.title().orElse("")).append(',');
      if (t.popularity().isPresent()) {
        b.append(t.popularity().getAsInt());
      }
      b.append(',');
      if (t.durationMs().isPresent()) {
        b.append(t.durationMs().getAsLong());
      }
      b.append(',');
      t.explicit().ifPresent(e -> b.append(e ? "True" : "False"));
      AudioFeatures f = t.audio();
      AudioFeature[] order = {AudioFeature.DANCEABILITY, AudioFeature.ENERGY, AudioFeature.KEY, AudioFeature.LOUDNESS,
          AudioFeature.MODE, AudioFeature.SPEECHINESS, AudioFeature.ACOUSTICNESS, AudioFeature.INSTRUMENTALNESS,
          AudioFeature.LIVENESS, AudioFeature.VALENCE, AudioFeature.TEMPO, AudioFeature.TIME_SIGNATURE};
      for (AudioFeature af : order) {
        b.append(',');
        double v = f.value(af);
        if (!Double.isNaN(v)) {
          if (af.isCategorical()) {
            b.append((int) v);
          } else {
            number(b, v);
          }
        }
      }
      b.append(',');
      field(b, t.genres().isEmpty() ? "" : t.genres().get(0));
      b.append(',');
      // one id per artist, aligned with the names; empty when no artist has an id
      if (t.artists().stream().anyMatch(a -> a.id().isPresent())) {
        artists.setLength(0);
        for (int i = 0; i < t.artists().size(); i++) {
          if (i > 0) {
            artists.append(';');
          }
          artists.append(t.artists().get(i).id().orElse(""));
        }
        field(b, artists.toString());
      }
      b.append(',');
      field(b, t.album().flatMap(a -> a.id()).orElse(""));
      b.append(',');
      t.releaseDate().ifPresent(d -> b.append(d));
      b.append('\n');
      w.append(b);
    }
    w.flush();
    return catalog.size();
  }

  private static long writeEvents(SyntheticWorld world, OutputStream os) throws IOException {
    Writer w = writer(os);
    header(w, EVENT_COLUMNS);
    StringBuilder b = new StringBuilder(128);
    int n = world.eventCount();
    List<String> ids = world.catalog().ids().ids();
    String[] users = new String[world.listeners().size()];
    for (int l = 0; l < users.length; l++) {
      users[l] = world.listeners().get(l).id();
    }
    for (int r = 0; r < n; r++) {
      b.setLength(0);
      b.append(users[world.eventListener(r)]).append(',').append(ids.get(world.eventTrack(r))).append(',')
          .append(world.eventTimestamp(r)).append(',').append(world.eventMsPlayed(r)).append(',')
          .append(world.eventSkipped(r) ? "true" : "false").append('\n');
      w.append(b);
    }
    w.flush();
    return n;
  }

  private static long writePlaylists(SyntheticWorld world, OutputStream os) throws IOException {
    Catalog c = world.catalog();
    try (JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeObjectFieldStart("info");
      g.writeStringField("generated_on", "synthetic");
      g.writeStringField("slice", "0-" + Math.max(0, world.playlists().size() - 1));
      g.writeStringField("version", "v1");
      g.writeEndObject();
      g.writeArrayFieldStart("playlists");
      long modified = world.config().startEpochSecond() + 86_400L * world.config().days();
      for (Playlist p : world.playlists()) {
        g.writeStartObject();
        g.writeStringField("name", p.name().orElse(""));
        g.writeStringField("collaborative", "false");
        g.writeNumberField("pid", Integer.parseInt(p.id()));
        g.writeNumberField("modified_at", modified);
        g.writeNumberField("num_tracks", p.size());
        long duration = 0;
        java.util.Set<String> albums = new java.util.HashSet<>();
        java.util.Set<String> artists = new java.util.HashSet<>();
        for (String id : p.trackIds()) {
          Track t = c.require(id);
          duration += t.durationMs().orElse(0);
          t.album().flatMap(a -> a.id()).ifPresent(albums::add);
          t.primaryArtist().ifPresent(a -> artists.add(a.key()));
        }
        g.writeNumberField("num_albums", albums.size());
        g.writeNumberField("num_followers", 1);
        g.writeNumberField("num_edits", 1);
        g.writeNumberField("duration_ms", duration);
        g.writeNumberField("num_artists", artists.size());
        g.writeArrayFieldStart("tracks");
        int pos = 0;
        for (String id : p.trackIds()) {
          Track t = c.require(id);
          g.writeStartObject();
          g.writeNumberField("pos", pos++);
          g.writeStringField("artist_name", t.primaryArtist().map(ArtistRef::name).orElse(""));
          g.writeStringField("track_uri", "spotify:track:" + t.id());
          g.writeStringField("artist_uri", "spotify:artist:" + t.primaryArtist().map(ArtistRef::key).orElse(""));
          g.writeStringField("track_name", t.title().orElse(""));
          g.writeStringField("album_uri", "spotify:album:" + t.album().flatMap(a -> a.id()).orElse(""));
          g.writeNumberField("duration_ms", t.durationMs().orElse(0));
          g.writeStringField("album_name", t.album().flatMap(a -> a.name()).orElse(""));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return world.playlists().size();
  }

  private static long writeListeners(SyntheticWorld world, OutputStream os) throws IOException {
    Writer w = writer(os);
    List<String> cols = new java.util.ArrayList<>(List.of("listener_id", "behaviour", "dominant_genre", "home_family"));
    for (GenreProfile g : world.genres()) {
      cols.add("taste_" + g.name());
    }
    header(w, cols);
    StringBuilder b = new StringBuilder(1024);
    int n = world.listeners().size();
    for (int l = 0; l < n; l++) {
      var listener = world.listeners().get(l);
      b.setLength(0);
      field(b, listener.id()).append(',').append(world.behaviour(l).label()).append(',')
          .append(world.genreName(world.dominantGenre(l))).append(',')
          .append(listener.attributes().get(SyntheticWorld.ATTR_HOME_FAMILY));
      for (float x : world.taste(l)) {
        b.append(',');
        number(b, x);
      }
      b.append('\n');
      w.append(b);
    }
    w.flush();
    return n;
  }

  private static long writeListenerAttributes(SyntheticWorld world, OutputStream os) throws IOException {
    Writer w = writer(os);
    header(w, ATTRIBUTE_COLUMNS);
    StringBuilder b = new StringBuilder(64);
    for (var listener : world.listeners()) {
      b.setLength(0);
      field(b, listener.id());
      for (String c : ATTRIBUTE_COLUMNS.subList(1, ATTRIBUTE_COLUMNS.size())) {
        b.append(',');
        field(b, listener.attributes().getOrDefault(c.substring(0, c.indexOf(':')), ""));
      }
      w.append(b.append('\n'));
    }
    w.flush();
    return world.listeners().size();
  }

  // ---- helpers

  @FunctionalInterface
  private interface Content {
    long write(OutputStream out) throws IOException;
  }

  private static long writeAtomically(Path file, Content content) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
    try {
      long rows;
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        rows = content.write(out);
      }
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      return rows;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Writer writer(OutputStream os) {
    return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
  }

  private static void header(Writer w, List<String> cols) throws IOException {
    w.write(String.join(",", cols));
    w.write('\n');
  }

  /** Appends a CSV field, quoted (RFC 4180) when it holds a comma, quote, CR or LF. */
  static StringBuilder field(StringBuilder b, String s) {
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      return b.append(s);
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        b.append('"');
      }
      b.append(ch);
    }
    return b.append('"');
  }

  /** Appends a finite number in plain decimal notation (never {@code 1.0E-4}), the shortest exact form. */
  static StringBuilder number(StringBuilder b, double v) {
    double a = Math.abs(v);
    if (a == 0 || (a >= 1e-3 && a < 1e7)) {
      String s = Double.toString(v);
      if (s.endsWith(".0")) {
        s = s.substring(0, s.length() - 2);
      }
      return b.append(s);
    }
    return b.append(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
  }

  private static StringBuilder number(StringBuilder b, float v) {
    return number(b, Double.parseDouble(Float.toString(v)));
  }
}
