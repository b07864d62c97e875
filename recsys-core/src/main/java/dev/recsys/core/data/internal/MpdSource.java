package dev.recsys.core.data.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Spotify Million Playlist Dataset slices ({@code mpd.slice.0-999.json}), read with Jackson's streaming parser:
 * one playlist at a time, never a whole file. Each playlist ({@code pid}, {@code name}, {@code tracks} with
 * {@code pos}, {@code track_uri}, {@code artist_uri}, {@code album_uri}, {@code track_name}, {@code artist_name},
 * {@code album_name}, {@code duration_ms}) is emitted as a {@link Playlist} with id {@code pid} and tracks in
 * {@code pos} order; each track, the first time its id is seen, as a {@link Track} whose id, artist id and album id
 * are the URIs without their {@code spotify:track:}-style prefix (so they match the ids of Spotify CSV files).
 *
 * <p>A playlist with a missing or malformed member is rejected as a whole (strict: an exception naming file,
 * line, column and JSON path such as {@code playlists[3].tracks[7].track_uri}; lenient: skipped and counted). A
 * playlist is rejected too when a member's value nests deeper than {@value #MAX_DEPTH} levels. JSON that is not
 * well formed, or nests deeper than {@value #MAX_PARSER_DEPTH} levels, ends the read in both modes.
 */
public final class MpdSource implements DataSource {
  /** Nesting levels allowed in one member's value inside a playlist (MPD values nest 0 or 1 levels). */
  static final int MAX_DEPTH = 100;
  /** Nesting levels the parser follows at all; past it the structure is unreadable and the read ends. */
  static final int MAX_PARSER_DEPTH = 100_000;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_PARSER_DEPTH).build()).build();
  private static final Pattern SLICE = Pattern.compile("mpd\\.slice\\.(\\d+)-\\d+\\.json");

  private final Path path;
  private final ReadOptions options;

  /** A source over one slice file or a directory of {@code mpd.slice.*.json} files (read in slice order). */
  public MpdSource(Path path, ReadOptions options) {
    this.path = path;
    this.options = options;
  }

  @Override
  public String description() {
    return "mpd " + path;
  }

  /** The slice files of the path, in slice order. */
  List<Path> files() throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> out;
    try (Stream<Path> s = Files.list(path)) {
      out = new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("mpd.slice.")
          && p.getFileName().toString().endsWith(".json")).toList());
    }
    if (out.isEmpty()) {
      throw new NoSuchFileException(path.toString(), null, "no mpd.slice.*.json files in the directory");
    }
    out.sort(Comparator.comparingLong(MpdSource::sliceStart).thenComparing(Path::toString));
    return out;
  }

  private static long sliceStart(Path p) {
    Matcher m = SLICE.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Problems problems = new Problems(options);
    Set<String> seen = new HashSet<>();
    for (Path f : files()) {
      problems.source(f.toString());
      readFile(f, problems, seen, handler);
    }
    return problems.report();
  }

  private void readFile(Path file, Problems problems, Set<String> seen, MusicDataHandler handler) throws IOException {
    String name = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          if (p.currentToken() == null) {
            throw new DataFormatException(name, 0, 0, null, Rule.EMPTY_FILE, "empty file: expected an MPD slice object");
          }
          throw error(name, p, null, "expected an MPD slice object {\"info\": ..., \"playlists\": [...]}");
        }
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("playlists")) {
            if (t != JsonToken.START_ARRAY) {
              throw error(name, p, "playlists", "must be an array");
            }
            found = true;
            int index = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
              problems.row();
              PlaylistRead pr = new PlaylistRead();
              int depth = p.getParsingContext().getNestingDepth();
              String at = "playlists[" + index++ + "]";
              JsonLocation start = p.currentTokenLocation();
              Playlist playlist;
              try {
                readPlaylist(name, p, pr, at);
                try {
                  playlist = new Playlist(pr.pid, Optional.ofNullable(pr.name), Optional.empty(), pr.trackIds(), List.of());
                } catch (IllegalArgumentException e) {
                  throw new DataFormatException(name, start.getLineNr(), start.getColumnNr(), at, Rule.BAD_VALUE,
                      "not a valid playlist: " + e.getMessage());
                }
              } catch (DataFormatException e) {
                problems.reject(e);
                skipRestOfObject(p, depth);
                continue;
              }
              for (Track tr : pr.tracks) {
                if (seen.add(tr.id())) {
                  handler.track(tr);
                  problems.record("tracks");
                }
              }
              handler.playlist(playlist);
              problems.record("playlists");
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
              throw error(name, p, "playlists", "must hold playlist objects");
            }
          } else {
            p.skipChildren();
          }
        }
        if (!found) {
          throw new DataFormatException(name, 0, 0, null, Rule.BAD_JSON, "no \"playlists\" array: not an MPD slice");
        }
      } catch (JsonProcessingException e) {
        JsonLocation l = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        throw new DataFormatException(name, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), path(p),
            Rule.BAD_JSON, "malformed JSON: " + e.getOriginalMessage());
      }
    }
  }

  /**
   * After a rejected playlist, moves the parser past the end of the playlist object, whose own context has nesting
   * depth {@code depth}.
   */
  private static void skipRestOfObject(JsonParser p, int depth) throws IOException {
    while (p.getParsingContext().getNestingDepth() >= depth) {
      if (p.nextToken() == null) {
        return;
      }
    }
  }

  private static final class PlaylistRead {
    String pid;
    String name;
    final List<Track> tracks = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();

    List<String> trackIds() {
      Integer[] order = new Integer[tracks.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparingInt(positions::get));
      List<String> ids = new ArrayList<>(order.length);
      for (int i : order) {
        ids.add(tracks.get(i).id());
      }
      return ids;
    }
  }

  private static void readPlaylist(String file, JsonParser p, PlaylistRead pr, String at) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "pid" -> {
          if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
            throw error(file, p, at + ".pid", "must be an integer");
          }
          pr.pid = p.getText();
        }
        case "name" -> {
          if (t == JsonToken.VALUE_STRING) {
            pr.name = p.getText();
          } else if (t != JsonToken.VALUE_NULL) {
            throw error(file, p, at + ".name", "must be a string");
          }
        }
        case "tracks" -> {
          if (t != JsonToken.START_ARRAY) {
            throw error(file, p, at + ".tracks", "must be an array");
          }
          int index = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            readTrack(file, p, pr, at + ".tracks[" + index++ + "]");
          }
          if (p.currentToken() != JsonToken.END_ARRAY) {
            throw error(file, p, at + ".tracks[" + index + "]", "must hold track objects");
          }
        }
        default -> skipValue(file, p, at + "." + field);
      }
    }
    if (pr.pid == null || pr.pid.isBlank()) {
      throw new DataFormatException(file, start.getLineNr(), start.getColumnNr(), at + ".pid", Rule.BAD_JSON,
          "playlist without a pid");
    }
  }

  /**
   * Skips the value the parser is on, refusing one that nests deeper than {@link #MAX_DEPTH} levels.
   *
   * @throws DataFormatException naming the member's JSON path
   */
  private static void skipValue(String file, JsonParser p, String at) throws IOException {
    if (!p.currentToken().isStructStart()) {
      return;
    }
    JsonLocation l = p.currentTokenLocation();
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return;
      }
      if (t.isStructStart()) {
        if (++depth > MAX_DEPTH) {
          throw new DataFormatException(file, l.getLineNr(), l.getColumnNr(), at, Rule.BAD_JSON,
              "value nests deeper than " + MAX_DEPTH + " levels");
        }
      } else if (t.isStructEnd()) {
        depth--;
      }
    }
  }

  private static void readTrack(String file, JsonParser p, PlaylistRead pr, String at) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    String trackUri = null;
    String artistUri = null;
    String albumUri = null;
    String trackName = null;
    String artistName = null;
    String albumName = null;
    long duration = -1;
    int pos = pr.tracks.size();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "pos" -> {
          if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            String text = DelimitedReader.clip(p.getText());
            skipValue(file, p, at + ".pos");
            throw error(file, p, at + ".pos", "must be an integer in the int range; got " + text);
          }
          pos = p.getIntValue();
        }
        case "duration_ms" -> {
          if (t == JsonToken.VALUE_NULL) {
            break;
          }
          if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            String text = DelimitedReader.clip(p.getText());
            skipValue(file, p, at + ".duration_ms");
            throw error(file, p, at + ".duration_ms", "not an integer: '" + text + "'");
          }
          duration = p.getLongValue();
          if (duration < 0 || duration > 24L * 3600 * 1000) {
            throw error(file, p, at + ".duration_ms", "must be in [0, 86400000]; got " + duration);
          }
        }
        case "track_uri" -> trackUri = id(file, p, string(file, p, t, at + "." + field), at + "." + field);
        case "artist_uri" -> artistUri = id(file, p, string(file, p, t, at + "." + field), at + "." + field);
        case "album_uri" -> albumUri = id(file, p, string(file, p, t, at + "." + field), at + "." + field);
        case "track_name" -> trackName = string(file, p, t, at + "." + field);
        case "artist_name" -> artistName = string(file, p, t, at + "." + field);
        case "album_name" -> albumName = string(file, p, t, at + "." + field);
        default -> skipValue(file, p, at + "." + field);
      }
    }
    if (trackUri == null) {
      throw new DataFormatException(file, start.getLineNr(), start.getColumnNr(), at + ".track_uri", Rule.BAD_JSON,
          "track without a track_uri");
    }
    Track track;
    try {
      Track.Builder b = Track.builder(trackUri).title(trackName);
      if (artistName != null && !artistName.isBlank()) {
        b.artists(List.of(new ArtistRef(Optional.ofNullable(artistUri), artistName)));
      }
      if (albumUri != null || albumName != null) {
        b.album(new AlbumRef(Optional.ofNullable(albumUri), Optional.ofNullable(albumName)));
      }
      if (duration >= 0) {
        b.durationMs(duration);
      }
      track = b.build();
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, start.getLineNr(), start.getColumnNr(), at, Rule.BAD_VALUE,
          "not a valid track: " + e.getMessage());
    }
    pr.tracks.add(track);
    pr.positions.add(pos);
  }

  private static String string(String file, JsonParser p, JsonToken t, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      skipValue(file, p, field);
      throw error(file, p, field, "must be a string");
    }
    return p.getText();
  }

  /**
   * A URI member as an id without its {@code spotify:kind:} prefix.
   *
   * @throws DataFormatException when nothing is left
   */
  private static String id(String file, JsonParser p, String uri, String at) throws DataFormatException {
    if (uri == null) {
      return null;
    }
    String id = stripUri(uri).strip();
    if (id.isEmpty()) {
      throw error(file, p, at, "blank id: '" + DelimitedReader.clip(uri) + "'");
    }
    return id;
  }

  /** The JSON path of the parser's position, e.g. {@code playlists[2].tracks[0].pos}. */
  private static String path(JsonParser p) {
    return DelimitedReader.clip(p.getParsingContext().pathAsPointer().toString());
  }

  /** {@code spotify:track:ID} to {@code ID}; other text unchanged. */
  static String stripUri(String uri) {
    int i = uri.lastIndexOf(':');
    return i >= 0 && uri.startsWith("spotify:") ? uri.substring(i + 1) : uri;
  }

  private static DataFormatException error(String file, JsonParser p, String member, String detail) {
    JsonLocation l = p.currentTokenLocation();
    return new DataFormatException(file, l.getLineNr(), l.getColumnNr(), member, Rule.BAD_JSON, detail);
  }
}
