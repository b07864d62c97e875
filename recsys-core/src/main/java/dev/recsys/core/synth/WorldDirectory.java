package dev.recsys.core.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.internal.DelimitedReader;
import dev.recsys.core.model.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory written by {@link WorldExporter}, its files found through its {@value WorldExporter#MANIFEST}.
 * {@link #specs()} gives the data specifications ({@link dev.recsys.core.data.Datasets#open}) that read the world
 * back; {@link #readListeners()} reads the hidden truth ({@value WorldExporter#LISTENERS}) as listener profiles
 * carrying their behaviour type, so that a data profile can show skip rates by behaviour.
 *
 * <p>Immutable and thread-safe.
 *
 * @param directory the world directory
 * @param tracks the track file ({@value WorldExporter#TRACKS})
 * @param playlists the Million Playlist Dataset slice ({@code mpd.slice.0-N.json})
 * @param events the listening events ({@value WorldExporter#EVENTS})
 * @param listeners the hidden truth ({@value WorldExporter#LISTENERS}), if the manifest lists it
 */
public record WorldDirectory(Path directory, Path tracks, Path playlists, Path events, Optional<Path> listeners) {
  private static final Pattern SLICE = Pattern.compile("mpd\\.slice\\.[^/\\\\]*\\.json");

  /** Validates the fields. */
  public WorldDirectory {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(tracks, "tracks");
    Objects.requireNonNull(playlists, "playlists");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(listeners, "listeners");
  }

  /**
   * Reads the manifest of {@code dir} and checks that the files it lists exist.
   *
   * @throws NoSuchFileException if the directory, its manifest or a listed file is missing
   * @throws DataFormatException if the manifest is not well-formed JSON or lacks a track, playlist or event file
   * @param dir the directory
   * @return the {@code WorldDirectory}
   */
  public static WorldDirectory open(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Path manifest = dir.resolve(WorldExporter.MANIFEST);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no such directory (expected a synthetic world written by recsys generate)");
    }
    if (!Files.isRegularFile(manifest)) {
      throw new NoSuchFileException(manifest.toString(), null,
          "not a synthetic world directory: no " + WorldExporter.MANIFEST + " (written by recsys generate)");
    }
    JsonNode root;
    try {
      root = dev.recsys.core.util.JsonCodec.json().readTree(manifest.toFile());
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new DataFormatException(manifest.toString(), line, 0, null, Rule.BAD_JSON, e.getOriginalMessage());
    }
    JsonNode files = root == null ? null : root.get("files");
    if (files == null || !files.isObject()) {
      throw new DataFormatException(manifest.toString(), 0, 0, null, Rule.BAD_JSON, "no 'files' object");
    }
    Path tracks = null;
    Path playlists = null;
    Path events = null;
    Path listeners = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      Path file = dir.resolve(name);
      if (!file.normalize().startsWith(dir.normalize()) || file.getFileName() == null
          || !file.getFileName().toString().equals(name)) {
        throw new DataFormatException(manifest.toString(), 0, 0, "files", Rule.BAD_VALUE,
            "file name '" + DelimitedReader.clip(name) + "' is not a plain name inside the directory");
      }
      if (name.equals(WorldExporter.TRACKS)) {
        tracks = file;
      } else if (name.equals(WorldExporter.EVENTS)) {
        events = file;
      } else if (name.equals(WorldExporter.LISTENERS)) {
        listeners = file;
      } else if (SLICE.matcher(name).matches()) {
        if (playlists != null) {
          throw new DataFormatException(manifest.toString(), 0, 0, "files", Rule.BAD_VALUE,
              "lists two playlist slices: " + playlists.getFileName() + " and " + name);
        }
        playlists = file;
      }
    }
    List<String> missing = new ArrayList<>();
    if (tracks == null) {
      missing.add(WorldExporter.TRACKS);
    }
    if (playlists == null) {
      missing.add("mpd.slice.*.json");
    }
    if (events == null) {
      missing.add(WorldExporter.EVENTS);
    }
    if (!missing.isEmpty()) {
      throw new DataFormatException(manifest.toString(), 0, 0, "files", Rule.MISSING_VALUE, "lists no " + String.join(", ", missing));
    }
    for (Path p : listeners == null ? List.of(tracks, playlists, events) : List.of(tracks, playlists, events, listeners)) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null, "listed in " + manifest + " but missing");
      }
    }
    return new WorldDirectory(dir, tracks, playlists, events, Optional.ofNullable(listeners));
  }

  /**
   * The data specifications reading the world back, in this order: the tracks ({@code spotify-csv:}), the
   * playlists ({@code mpd:}) and the events ({@code interactions:}).
   *
   * @return the data specifications reading the world back, in this order
   */
  public List<String> specs() {
    return List.of("spotify-csv:" + tracks, "mpd:" + playlists, "interactions:" + events);
  }

  /**
   * The listener demographics ({@value WorldExporter#LISTENER_ATTRIBUTES}), a {@code listeners:FILE} side file, if the
   * world has one (worlds written before demographics existed do not).
   *
   * @return the demographics file, if present
   */
  public Optional<Path> listenerAttributes() {
    Path p = directory.resolve(WorldExporter.LISTENER_ATTRIBUTES);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Reads the hidden truth as listener profiles in file order: the id, and the attributes
   * {@value SyntheticWorld#ATTR_BEHAVIOUR}, {@value SyntheticWorld#ATTR_DOMINANT_GENRE} and
   * {@value SyntheticWorld#ATTR_HOME_FAMILY}. The taste columns are not read. Empty when the manifest lists no
   * listener file.
   *
   * @throws DataFormatException naming file, line and column on a malformed file
   * @return the listener profiles, in file order
   */
  public List<Listener> readListeners() throws IOException {
    if (listeners.isEmpty()) {
      return List.of();
    }
    List<Listener> out = new ArrayList<>();
    try (DelimitedReader r = DelimitedReader.open(listeners.get(), java.nio.charset.StandardCharsets.UTF_8, ',', true)) {
      if (!r.next()) {
        throw new DataFormatException(listeners.get().toString(), 0, 0, null, Rule.EMPTY_FILE, "no header");
      }
      String[] header = r.fields();
      List<String> expected = List.of("listener_id", "behaviour", "dominant_genre", "home_family");
      if (header.length < expected.size() || !List.of(header).subList(0, expected.size()).equals(expected)) {
        throw new DataFormatException(listeners.get().toString(), r.line(), 0, null, Rule.UNKNOWN_HEADER,
            "expected the header to start with " + String.join(",", expected));
      }
      r.header(header);
      while (r.next()) {
        if (r.size() != header.length) {
          throw r.error(0, Rule.WRONG_COLUMN_COUNT, "expected " + header.length + " fields as in the header, found " + r.size());
        }
        for (int i = 0; i < expected.size(); i++) {
          if (r.isEmpty(i)) {
            throw r.error(i + 1, Rule.MISSING_VALUE, "empty");
          }
        }
        out.add(new Listener(r.get(0), Optional.empty(), Map.of(SyntheticWorld.ATTR_BEHAVIOUR, r.get(1),
            SyntheticWorld.ATTR_DOMINANT_GENRE, r.get(2), SyntheticWorld.ATTR_HOME_FAMILY, r.get(3))));
      }
    }
    return out;
  }
}
