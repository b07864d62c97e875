package dev.recsys.spotify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to a Spotify profile, playlist, track or artist, parsed from what a user pastes: a link
 * ({@code https://open.spotify.com/intl-de/playlist/37i9dQZF1DXcBWIGoYBM5M?si=abc}), a URI
 * ({@code spotify:playlist:37i9dQZF1DXcBWIGoYBM5M}, {@code spotify:user:alice}) or a bare id.
 *
 * <p>Track, playlist and artist ids are 22 base-62 characters. User ids are free-form (letters, digits,
 * {@code . _ -}, up to 64 characters). A bare string is only accepted when the expected kind is given.
 *
 * @param kind what the reference points at
 * @param id the Spotify id
 */
public record SpotifyRef(Kind kind, String id) {
  private static final Pattern BASE62_ID = Pattern.compile("[0-9A-Za-z]{22}");
  private static final Pattern USER_ID = Pattern.compile("[0-9A-Za-z._-]{1,64}");
  private static final Pattern INTL = Pattern.compile("intl-[a-z]{2}(-[a-z]{2})?", Pattern.CASE_INSENSITIVE);

  /** What a reference points at. */
  public enum Kind {
    /** A user profile ({@code /user/ID}). */
    USER("user"),
    /** A playlist. */
    PLAYLIST("playlist"),
    /** A track. */
    TRACK("track"),
    /** An artist. */
    ARTIST("artist");

    private final String segment;

    Kind(String segment) {
      this.segment = segment;
    }

    /**
     * The path segment and URI word ({@code playlist}).
     *
     * @return the path segment and URI word ({@code playlist})
     */
    public String segment() {
      return segment;
    }

    static Optional<Kind> ofSegment(String s) {
      for (Kind k : values()) {
        if (k.segment.equalsIgnoreCase(s)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** Validates the id against the kind's id rule. */
  public SpotifyRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (!validId(kind, id)) {
      throw new IllegalArgumentException(kind.segment + " id " + rule(kind) + "; got '" + id + "'");
    }
  }

  private static boolean validId(Kind kind, String id) {
    return kind == Kind.USER ? USER_ID.matcher(id).matches() : BASE62_ID.matcher(id).matches();
  }

  private static String rule(Kind kind) {
    return kind == Kind.USER ? "must be 1 to 64 letters, digits, '.', '_' or '-'" : "must be 22 base-62 characters [0-9A-Za-z]";
  }

  /**
   * The Spotify URI, e.g. {@code spotify:playlist:ID}.
   *
   * @return the Spotify URI, e.g. {@code spotify:playlist:ID}
   */
  public String uri() {
    return "spotify:" + kind.segment + ":" + id;
  }

  /**
   * The open.spotify.com link.
   *
   * @return the open.spotify.com link
   */
  public URI url() {
    return URI.create("https://open.spotify.com/" + kind.segment + "/" + id);
  }

  @Override
  public String toString() {
    return uri();
  }

  /**
   * Parses a link, a Spotify URI or (only for track, playlist and artist) a bare 22-character id, which is
   * rejected as ambiguous here.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   * @param text the text
   * @return the {@code SpotifyRef}
   */
  public static SpotifyRef parse(String text) {
    return parse(text, null);
  }

  /**
   * Parses a link, a Spotify URI or a bare id; a bare id is read as {@code expected} and needs it.
   *
   * @param expected the kind a bare id stands for, or {@code null} when a bare id is not allowed; a link or URI of
   *     another kind is rejected when this is given
   * @throws IllegalArgumentException naming the input and the accepted forms
   * @param text the text
   * @return the {@code SpotifyRef}
   */
  public static SpotifyRef parse(String text, Kind expected) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    if (s.isEmpty()) {
      throw bad(text, expected, "it is empty");
    }
    SpotifyRef ref;
    if (s.regionMatches(true, 0, "spotify:", 0, 8)) {
      ref = fromUri(text, s, expected);
    } else if (s.contains("/") || s.contains(".")
        && (s.toLowerCase(Locale.ROOT).startsWith("open.spotify.com") || s.toLowerCase(Locale.ROOT).startsWith("http"))) {
      ref = fromUrl(text, s, expected);
    } else {
      if (expected == null) {
        throw bad(text, null, "a bare id needs the kind (track, playlist, artist or user) to be known");
      }
      if (!validId(expected, s)) {
        throw bad(text, expected, "a bare " + expected.segment + " id " + rule(expected));
      }
      ref = new SpotifyRef(expected, s);
    }
    if (expected != null && ref.kind != expected) {
      throw bad(text, expected, "it points at a " + ref.kind.segment + ", not a " + expected.segment);
    }
    return ref;
  }

  private static SpotifyRef fromUri(String original, String s, Kind expected) {
    String[] parts = s.split(":", -1);
    if (parts.length != 3) {
      throw bad(original, expected, "a Spotify URI has the form spotify:KIND:ID");
    }
    Kind kind = Kind.ofSegment(parts[1])
        .orElseThrow(() -> bad(original, expected, "'" + parts[1] + "' is not one of user, playlist, track, artist"));
    if (!validId(kind, parts[2])) {
      throw bad(original, expected, "the " + kind.segment + " id " + rule(kind));
    }
    return new SpotifyRef(kind, parts[2]);
  }

  private static SpotifyRef fromUrl(String original, String s, Kind expected) {
    String withScheme = s.regionMatches(true, 0, "http", 0, 4) ? s : "https://" + s;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw bad(original, expected, "it is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!host.equals("open.spotify.com") && !host.equals("play.spotify.com")) {
      throw bad(original, expected, "the host must be open.spotify.com; host='" + host + "'");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String[] segs = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
    int i = 0;
    if (i < segs.length && INTL.matcher(segs[i]).matches()) {
      i++; // locale prefix such as intl-de or intl-pt-br
    }
    if (i < segs.length && segs[i].equalsIgnoreCase("embed")) {
      i++;
    }
    if (segs.length - i != 2) {
      throw bad(original, expected, "the link path must be /KIND/ID (optionally after /intl-xx); path='" + path + "'");
    }
    String kindWord = segs[i];
    Kind kind = Kind.ofSegment(kindWord)
        .orElseThrow(() -> bad(original, expected, "'" + kindWord + "' is not one of user, playlist, track, artist"));
    String id = segs[i + 1];
    if (!validId(kind, id)) {
      throw bad(original, expected, "the " + kind.segment + " id " + rule(kind));
    }
    return new SpotifyRef(kind, id);
  }

  private static IllegalArgumentException bad(String text, Kind expected, String why) {
    String what = expected == null ? "a Spotify profile, playlist, track or artist" : "a Spotify " + expected.segment;
    return new IllegalArgumentException("cannot read '" + text + "' as " + what + ": " + why
        + "; expected a link like https://open.spotify.com/playlist/<22-char id>, a URI like spotify:playlist:<id>"
        + (expected == null ? "" : " or a bare id"));
  }
}
