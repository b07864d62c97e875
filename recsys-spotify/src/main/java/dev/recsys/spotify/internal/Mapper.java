package dev.recsys.spotify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.Artist;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.spotify.PlaylistInfo;
import dev.recsys.spotify.SpotifyException;
import dev.recsys.spotify.SpotifyException.Reason;
import dev.recsys.spotify.SpotifyUser;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maps Web API JSON objects (in their documented shapes, old and 2026 field names both accepted) to recsys
 * records. Missing optional fields stay empty; a missing required field is a {@code MALFORMED_RESPONSE} naming
 * the endpoint and field.
 */
public final class Mapper {
  private Mapper() {}

  /** A track object ({@code /v1/tracks/{id}} or a playlist entry's {@code item}). */
  public static Track track(JsonNode t, String endpoint) throws SpotifyException {
    String id = required(t, "id", endpoint, "track");
    Track.Builder b = Track.builder(id);
    Json.text(t, "name").ifPresent(b::title);
    List<ArtistRef> artists = new ArrayList<>();
    for (JsonNode a : t.path("artists")) {
      Optional<String> name = Json.text(a, "name");
      if (name.isPresent()) {
        artists.add(new ArtistRef(Json.text(a, "id"), name.get()));
      }
    }
    b.artists(artists);
    JsonNode album = t.get("album");
    if (album != null && album.isObject()) {
      b.album(new AlbumRef(Json.text(album, "id"), Json.text(album, "name")));
      Json.text(album, "release_date").flatMap(Mapper::releaseDate).ifPresent(b::releaseDate);
    }
    JsonNode d = t.get("duration_ms");
    if (d != null && d.canConvertToLong() && d.asLong() >= 0 && d.asLong() <= 24L * 3600 * 1000) {
      b.durationMs(d.asLong());
    }
    popularity(t).ifPresent(b::popularity);
    JsonNode e = t.get("explicit");
    if (e != null && e.isBoolean()) {
      b.explicit(e.asBoolean());
    }
    return b.build();
  }

  private static Optional<ReleaseDate> releaseDate(String s) {
    try {
      return Optional.of(ReleaseDate.parse(s));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty(); // "0000" and other placeholders Spotify uses for unknown dates
    }
  }

  private static OptionalInt popularity(JsonNode n) {
    JsonNode p = n.get("popularity"); // removed for development-mode apps in 2026
    if (p != null && p.canConvertToInt() && p.asInt() >= 0 && p.asInt() <= 100) {
      return OptionalInt.of(p.asInt());
    }
    return OptionalInt.empty();
  }

  /** An artist object, genres lower-cased. */
  public static Artist artist(JsonNode a, String endpoint) throws SpotifyException {
    String id = required(a, "id", endpoint, "artist");
    String name = Json.text(a, "name").orElse(id);
    List<String> genres = new ArrayList<>();
    for (JsonNode g : a.path("genres")) {
      if (g.isTextual() && !g.asText().isBlank()) {
        String genre = g.asText().strip().toLowerCase(Locale.ROOT);
        if (!genres.contains(genre)) {
          genres.add(genre);
        }
      }
    }
    return new Artist(id, name, genres, popularity(a));
  }

  /** A user object. */
  public static SpotifyUser user(JsonNode u, String endpoint) throws SpotifyException {
    return new SpotifyUser(required(u, "id", endpoint, "user"), Json.text(u, "display_name"));
  }

  /** A playlist object (full or simplified). */
  public static PlaylistInfo playlist(JsonNode p, String endpoint) throws SpotifyException {
    String id = required(p, "id", endpoint, "playlist");
    JsonNode owner = p.path("owner");
    JsonNode pub = p.get("public");
    OptionalInt total = OptionalInt.empty();
    for (String field : new String[] {"items", "tracks"}) { // 2026 name first, then the deprecated one
      JsonNode summary = p.get(field);
      if (summary != null && summary.isObject() && summary.path("total").canConvertToInt()) {
        total = OptionalInt.of(summary.path("total").asInt());
        break;
      }
    }
    return new PlaylistInfo(id, Json.text(p, "name").orElse(""), Json.text(owner, "id"), Json.text(owner, "display_name"),
        p.path("collaborative").asBoolean(false), pub == null || !pub.isBoolean() ? Optional.empty() : Optional.of(pub.asBoolean()),
        total);
  }

  /** The time an entry was added, if present and readable. */
  public static Optional<Instant> addedAt(JsonNode entry) {
    return Json.text(entry, "added_at").flatMap(s -> {
      try {
        return Optional.of(Instant.parse(s));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * An audio-features object; values outside their documented range, and {@code key = -1} (no key detected), are
   * treated as missing.
   */
  public static AudioFeatures audioFeatures(JsonNode af) {
    AudioFeatures.Builder b = AudioFeatures.builder();
    for (AudioFeature f : AudioFeature.values()) {
      JsonNode v = af.get(f.column());
      if (v != null && v.isNumber()) {
        double x = v.asDouble();
        boolean ok = Double.isFinite(x) && x >= f.min() && x <= f.max() && (!f.isCategorical() || x == Math.rint(x));
        b.set(f, ok ? x : Double.NaN);
      }
    }
    return b.build();
  }

  private static String required(JsonNode n, String field, String endpoint, String what) throws SpotifyException {
    if (n == null || !n.isObject()) {
      throw new SpotifyException(Reason.MALFORMED_RESPONSE, 200, endpoint,
          "malformed response from " + endpoint + ": expected " + ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ")
          + what + " object", null);
    }
    return Json.text(n, field).orElseThrow(() -> new SpotifyException(Reason.MALFORMED_RESPONSE, 200, endpoint,
        "malformed response from " + endpoint + ": " + what + " object without '" + field + "'", null));
  }
}
