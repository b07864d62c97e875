package dev.recsys.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.internal.DelimitedReader;
import dev.recsys.core.data.internal.Problems;
import dev.recsys.core.io.AtomicFiles;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * A {@link Catalog} as JSON lines: the {@code catalog.jsonl} of a model directory. The first line is a header
 * {@code {"format":"recsys-catalog","version":1,"tracks":N}}; each further line is one track in index order:
 *
 * <pre>{@code {"id":"t1","title":"Song","artists":[{"id":"a1","name":"A"}],"album":{"id":"al","name":"Al"},
 *  "releaseDate":"2019-06","durationMs":194754,"popularity":66,"explicit":false,"genres":["pop"],
 *  "audio":{"danceability":0.748,"key":6}}}</pre>
 *
 * A missing value is an absent member (an absent audio feature is missing, never 0), so a catalogue reads back
 * exactly as written ({@code read(write(c))} has equal tracks in the same order). Doubles are written in their
 * shortest exact decimal form. The last line (since version 2) is a checksum
 * {@code {"end":"recsys-catalog","tracks":N,"crc32c":"hex"}} over every byte before it; a reader refuses a
 * missing or wrong checksum with a {@link ModelFormatException}, so a damaged catalogue never loads different
 * content. Files are written atomically and durably ({@link AtomicFiles}). A reader refuses a newer format
 * version, and names file, line and column of a malformed line. Thread-safe (stateless).
 */
public final class CatalogJsonl {
  /** The format version this class writes and the newest it reads. */
  public static final int FORMAT_VERSION = 2;
  private static final String END = "{\"end\":\"" + "recsys-catalog" + "\",\"tracks\":";
  /** The value of the header's {@code format} member. */
  public static final String FORMAT = "recsys-catalog";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CatalogJsonl() {}

  /**
   * Writes the catalogue to {@code file} atomically.
   *
   * @param catalog the catalogue
   * @param file the file
   * @throws IOException if the file cannot be written
   */
  public static void write(Catalog catalog, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(catalog, out));
  }

  /**
   * Writes the catalogue to a stream (UTF-8), leaving it open.
   *
   * @param catalog the catalogue
   * @param out the stream to write to
   * @throws IOException if the file cannot be written
   */
  public static void write(Catalog catalog, OutputStream out) throws IOException {
    CRC32C crc = new CRC32C();
    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(new CheckedOutputStream(out, crc),
        StandardCharsets.UTF_8), 1 << 16);
    w.write("{\"format\":\"" + FORMAT + "\",\"version\":" + FORMAT_VERSION + ",\"tracks\":" + catalog.size() + "}\n");
    for (Track t : catalog.tracks()) {
      w.write(toJson(t));
      w.write('\n');
    }
    w.flush();
    out.write((END + catalog.size() + ",\"crc32c\":\"" + Long.toHexString(crc.getValue()) + "\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * The length of the checked content of a catalogue file: everything before the checksum line, verified.
   * Version 1 files (without checksum) are read whole.
   *
   * @throws ModelFormatException if the checksum line is missing (truncated file) or does not match
   */
  private static int checkedContent(String name, byte[] all) throws IOException {
    int firstEnd = 0;
    while (firstEnd < all.length && all[firstEnd] != '\n') {
      firstEnd++;
    }
    long version;
    try {
      version = header(name, 1, new String(all, 0, firstEnd, StandardCharsets.UTF_8));
    } catch (DataFormatException e) {
      return all.length;
    }
    if (version < 2) {
      return all.length;
    }
    int e = all.length;
    while (e > 0 && (all[e - 1] == '\n' || all[e - 1] == '\r')) {
      e--;
    }
    int s = e;
    while (s > 0 && all[s - 1] != '\n') {
      s--;
    }
    String last = new String(all, s, e - s, StandardCharsets.UTF_8);
    int at = last.indexOf(",\"crc32c\":\"");
    if (s == 0 || !last.startsWith(END) || at < 0 || !last.endsWith("\"}")) {
      throw new ModelFormatException(name + ": no checksum line at the end of the catalogue: the file is truncated"
          + " or damaged; rebuild it with 'recsys embed'");
    }
    CRC32C crc = new CRC32C();
    crc.update(all, 0, s);
    String stored = last.substring(at + 11, last.length() - 2);
    if (!stored.equals(Long.toHexString(crc.getValue()))) {
      throw new ModelFormatException(name + ": checksum mismatch (stored " + DelimitedReader.clip(stored) + ", computed "
          + Long.toHexString(crc.getValue()) + "): the catalogue is corrupted; rebuild it with 'recsys embed'");
    }
    return s;
  }

  /**
   * One track as a single-line JSON object.
   *
   * @param t the track
   * @return one track as a single-line JSON object
   */
  public static String toJson(Track t) {
    StringWriter sw = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(sw)) {
      g.writeStartObject();
      g.writeStringField("id", t.id());
      if (t.title().isPresent()) {
        g.writeStringField("title", t.title().get());
      }
      if (!t.artists().isEmpty()) {
        g.writeArrayFieldStart("artists");
        for (ArtistRef a : t.artists()) {
          g.writeStartObject();
          if (a.id().isPresent()) {
            g.writeStringField("id", a.id().get());
          }
          g.writeStringField("name", a.name());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (t.album().isPresent()) {
        AlbumRef al = t.album().get();
        g.writeObjectFieldStart("album");
        if (al.id().isPresent()) {
          g.writeStringField("id", al.id().get());
        }
        if (al.name().isPresent()) {
          g.writeStringField("name", al.name().get());
        }
        g.writeEndObject();
      }
      if (t.releaseDate().isPresent()) {
        g.writeStringField("releaseDate", t.releaseDate().get().toString());
      }
      if (t.durationMs().isPresent()) {
        g.writeNumberField("durationMs", t.durationMs().getAsLong());
      }
      if (t.popularity().isPresent()) {
        g.writeNumberField("popularity", t.popularity().getAsInt());
      }
      if (t.explicit().isPresent()) {
        g.writeBooleanField("explicit", t.explicit().get());
      }
      if (!t.genres().isEmpty()) {
        g.writeArrayFieldStart("genres");
        for (String s : t.genres()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      if (!t.audio().isEmpty()) {
        g.writeObjectFieldStart("audio");
        for (AudioFeature f : AudioFeature.values()) {
          if (t.audio().isPresent(f)) {
            double v = t.audio().value(f);
            if (f.isCategorical()) {
              g.writeNumberField(f.column(), (long) v);
            } else {
              g.writeNumberField(f.column(), v);
            }
          }
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return sw.toString();
  }

  /**
   * Reads a catalogue written by {@link #write}.
   *
   * @throws DataFormatException naming file, line and column of the first malformed line, or a newer version
   * @param file the file
   * @return the {@code Catalog}
   */
  public static Catalog read(Path file) throws IOException {
    List<Track> tracks = new ArrayList<>();
    source(file, ReadOptions.STRICT).read(new MusicDataHandler() {
      @Override
      public void track(Track track) {
        tracks.add(track);
      }
    });
    try {
      return Catalog.of(tracks);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file.getFileName().toString(), 0, 0, "id", Rule.BAD_VALUE, e.getMessage());
    }
  }

  /**
   * Reads a catalogue written by {@link #write(Catalog, OutputStream)} from a stream (strictly), leaving it open.
   *
   * @param in the stream
   * @param source names the stream in messages
   * @return the catalogue
   * @throws DataFormatException naming {@code source}, line and column of the first malformed line, or a newer
   *     version
   * @throws IOException if the stream cannot be read
   */
  public static Catalog read(InputStream in, String source) throws IOException {
    List<Track> tracks = new ArrayList<>();
    byte[] all = in.readAllBytes();
    Problems problems = new Problems(ReadOptions.STRICT);
    problems.source(source);
    readLines(source, new java.io.ByteArrayInputStream(all, 0, checkedContent(source, all)), problems, new MusicDataHandler() {
      @Override
      public void track(Track track) {
        tracks.add(track);
      }
    });
    return Catalog.of(tracks);
  }

  /**
   * The file as a {@link DataSource} of tracks (strict or lenient per line).
   *
   * @param file the file
   * @param options the read options
   * @return the file as a {@link DataSource} of tracks (strict or lenient per line)
   */
  public static DataSource source(Path file, ReadOptions options) {
    return new DataSource() {
      @Override
      public String description() {
        return "catalog " + file;
      }

      @Override
      public ReadReport read(MusicDataHandler handler) throws IOException {
        Problems problems = new Problems(options);
        problems.source(file.toString());
        AtomicFiles.removeOrphans(file);
        String name = file.getFileName().toString();
        byte[] all = Files.readAllBytes(file);
        int content = checkedContent(name, all);
        readLines(name, new java.io.ByteArrayInputStream(all, 0, content), problems, handler);
        return problems.report();
      }
    };
  }

  private static void readLines(String name, InputStream in, Problems problems, MusicDataHandler handler) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    long lineNo = 0;
    String line;
    boolean header = false;
    while (true) {
      try {
        line = r.readLine();
      } catch (CharacterCodingException e) {
        throw new DataFormatException(name, lineNo + 1, 0, null, Rule.WRONG_ENCODING, "not valid UTF-8: " + e.getMessage());
      }
      if (line == null) {
        break;
      }
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (!header) {
        header(name, lineNo, line);
        header = true;
        continue;
      }
      problems.row();
      try {
        handler.track(parseTrack(name, lineNo, line));
        problems.record("tracks");
      } catch (DataFormatException e) {
        problems.reject(e);
      }
    }
    if (!header) {
      throw new DataFormatException(name, 0, 0, null, Rule.EMPTY_FILE, "empty file: no catalog header line");
    }
  }

  private static long header(String name, long lineNo, String line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      String format = null;
      long version = -1;
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(name, lineNo, p, null, "expected the header object {\"format\":\"" + FORMAT + "\",...}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if (f.equals("format") && t == JsonToken.VALUE_STRING) {
          format = p.getText();
        } else if (f.equals("version") && t == JsonToken.VALUE_NUMBER_INT) {
          version = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
      if (!FORMAT.equals(format)) {
        throw new DataFormatException(name, lineNo, 1, "format", Rule.BAD_JSON,
            "not a recsys catalog: the first line must be {\"format\":\"" + FORMAT + "\",\"version\":" + FORMAT_VERSION + ",...}");
      }
      if (version < 1 || version > FORMAT_VERSION) {
        throw new DataFormatException(name, lineNo, 1, "version", Rule.BAD_VALUE, "catalog format version " + version
            + " is not supported: this library reads versions 1 to " + FORMAT_VERSION + " (written by a newer recsys?)");
      }
      return version;
    } catch (StreamReadException e) {
      throw malformed(name, lineNo, e);
    }
  }

  private static DataFormatException malformed(String name, long lineNo, StreamReadException e) {
    JsonLocation l = e.getLocation();
    return new DataFormatException(name, lineNo, l == null ? 0 : l.getColumnNr(), null, Rule.BAD_JSON,
        "malformed JSON: " + e.getOriginalMessage());
  }

  private static DataFormatException error(String name, long lineNo, JsonParser p, String member, String detail) {
    return new DataFormatException(name, lineNo, p.currentTokenLocation().getColumnNr(), member, Rule.BAD_JSON, detail);
  }

  /** Parses one track line. */
  static Track parseTrack(String name, long lineNo, String line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(name, lineNo, p, null, "expected a track object");
      }
      String id = null;
      String title = null;
      List<ArtistRef> artists = List.of();
      AlbumRef album = null;
      ReleaseDate date = null;
      Long duration = null;
      Integer popularity = null;
      Boolean explicit = null;
      List<String> genres = List.of();
      AudioFeatures audio = AudioFeatures.MISSING;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        int nameColumn = p.currentTokenLocation().getColumnNr();
        JsonToken t = p.nextToken();
        switch (f) {
          case "id" -> id = string(name, lineNo, p, t, f);
          case "title" -> title = string(name, lineNo, p, t, f);
          case "artists" -> {
            expect(name, lineNo, p, t, JsonToken.START_ARRAY, f);
            List<ArtistRef> list = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String aid = null;
              String an = null;
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String af = p.currentName();
                JsonToken at = p.nextToken();
                switch (af) {
                  case "id" -> aid = string(name, lineNo, p, at, "artists.id");
                  case "name" -> an = string(name, lineNo, p, at, "artists.name");
                  default -> throw error(name, lineNo, p, "artists." + af, "unknown member");
                }
              }
              if (an == null || an.isBlank()) {
                throw error(name, lineNo, p, "artists.name", "an artist needs a non-blank name");
              }
              list.add(new ArtistRef(Optional.ofNullable(aid), an));
            }
            artists = list;
          }
          case "album" -> {
            expect(name, lineNo, p, t, JsonToken.START_OBJECT, f);
            String aid = null;
            String an = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String af = p.currentName();
              JsonToken at = p.nextToken();
              switch (af) {
                case "id" -> aid = string(name, lineNo, p, at, "album.id");
                case "name" -> an = string(name, lineNo, p, at, "album.name");
                default -> throw error(name, lineNo, p, "album." + af, "unknown member");
              }
            }
            album = new AlbumRef(Optional.ofNullable(aid), Optional.ofNullable(an));
          }
          case "releaseDate" -> {
            String s = string(name, lineNo, p, t, f);
            try {
              date = ReleaseDate.parse(s);
            } catch (IllegalArgumentException e) {
              throw new DataFormatException(name, lineNo, p.currentTokenLocation().getColumnNr(), f, Rule.BAD_VALUE, e.getMessage());
            }
          }
          case "durationMs" -> {
            expect(name, lineNo, p, t, JsonToken.VALUE_NUMBER_INT, f);
            duration = p.getLongValue();
          }
          case "popularity" -> {
            expect(name, lineNo, p, t, JsonToken.VALUE_NUMBER_INT, f);
            popularity = p.getIntValue();
          }
          case "explicit" -> {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
              throw error(name, lineNo, p, f, "must be true or false");
            }
            explicit = t == JsonToken.VALUE_TRUE;
          }
          case "genres" -> {
            expect(name, lineNo, p, t, JsonToken.START_ARRAY, f);
            List<String> list = new ArrayList<>();
            JsonToken gt;
            while ((gt = p.nextToken()) != JsonToken.END_ARRAY) {
              list.add(string(name, lineNo, p, gt, f));
            }
            genres = list;
          }
          case "audio" -> {
            expect(name, lineNo, p, t, JsonToken.START_OBJECT, f);
            AudioFeatures.Builder b = AudioFeatures.builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String af = p.currentName();
              JsonToken at = p.nextToken();
              AudioFeature feature;
              try {
                feature = AudioFeature.fromColumn(af);
              } catch (IllegalArgumentException e) {
                throw error(name, lineNo, p, "audio." + af, e.getMessage());
              }
              if (at != JsonToken.VALUE_NUMBER_INT && at != JsonToken.VALUE_NUMBER_FLOAT) {
                throw error(name, lineNo, p, "audio." + af, "must be a number");
              }
              b.set(feature, p.getDoubleValue());
            }
            try {
              audio = b.build();
            } catch (IllegalArgumentException e) {
              throw new DataFormatException(name, lineNo, p.currentTokenLocation().getColumnNr(), f, Rule.OUT_OF_RANGE, e.getMessage());
            }
          }
          default -> throw new DataFormatException(name, lineNo, nameColumn, f, Rule.BAD_JSON, "unknown member of a track");
        }
      }
      if (id == null || id.isBlank()) {
        throw new DataFormatException(name, lineNo, 1, "id", Rule.MISSING_VALUE, "a track needs a non-blank id");
      }
      try {
        return new Track(id, Optional.ofNullable(title), artists, Optional.ofNullable(album), Optional.ofNullable(date),
            duration == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(duration),
            popularity == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(popularity),
            Optional.ofNullable(explicit), genres, audio);
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(name, lineNo, 1, null, Rule.OUT_OF_RANGE, e.getMessage());
      }
    } catch (StreamReadException e) {
      throw malformed(name, lineNo, e);
    }
  }

  private static void expect(String name, long lineNo, JsonParser p, JsonToken t, JsonToken want, String f) throws DataFormatException {
    if (t != want) {
      String what = switch (want) {
        case START_ARRAY -> "an array";
        case START_OBJECT -> "an object";
        case VALUE_NUMBER_INT -> "an integer";
        default -> want.toString();
      };
      throw error(name, lineNo, p, f, "must be " + what + "; got " + t);
    }
  }

  private static String string(String name, long lineNo, JsonParser p, JsonToken t, String f) throws DataFormatException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(name, lineNo, p, f, "must be a string; got " + t);
    }
    try {
      return p.getText();
    } catch (IOException e) {
      throw error(name, lineNo, p, f, e.getMessage());
    }
  }
}
