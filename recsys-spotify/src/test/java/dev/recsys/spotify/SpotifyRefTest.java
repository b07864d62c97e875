package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.SpotifyRef.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpotifyRefTest {
  static final String PL = "37i9dQZF1DXcBWIGoYBM5M";

  @ParameterizedTest
  @ValueSource(strings = {
      "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M",
      "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M?si=a1b2c3d4e5f6",
      "https://open.spotify.com/intl-de/playlist/37i9dQZF1DXcBWIGoYBM5M?si=abc&pi=x",
      "https://open.spotify.com/intl-pt-br/playlist/37i9dQZF1DXcBWIGoYBM5M",
      "open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M",
      "http://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M",
      "  spotify:playlist:37i9dQZF1DXcBWIGoYBM5M  ",
      "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M/"})
  void playlistForms(String text) {
    assertEquals(new SpotifyRef(Kind.PLAYLIST, PL), SpotifyRef.parse(text));
  }

  @Test
  void bareIdNeedsKind() {
    assertEquals(new SpotifyRef(Kind.TRACK, PL), SpotifyRef.parse(PL, Kind.TRACK));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpotifyRef.parse(PL));
    assertTrue(e.getMessage().contains("a bare id needs the kind"), e.getMessage());
  }

  @Test
  void usersArtistsTracks() {
    assertEquals(new SpotifyRef(Kind.USER, "alice.smith-1"),
        SpotifyRef.parse("https://open.spotify.com/user/alice.smith-1?si=zz"));
    assertEquals(new SpotifyRef(Kind.USER, "alice"), SpotifyRef.parse("spotify:user:alice"));
    assertEquals(new SpotifyRef(Kind.USER, "alice.smith"), SpotifyRef.parse("alice.smith", Kind.USER));
    assertEquals(Kind.ARTIST, SpotifyRef.parse("https://open.spotify.com/intl-fr/artist/0gxyHStUsqpMadRV0Di1Qt").kind());
    assertEquals(Kind.TRACK, SpotifyRef.parse("spotify:track:4uLU6hMCjMI75M1A2tKUQC").kind());
    assertEquals("spotify:track:4uLU6hMCjMI75M1A2tKUQC", SpotifyRef.parse("spotify:track:4uLU6hMCjMI75M1A2tKUQC").uri());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "https://example.com/playlist/37i9dQZF1DXcBWIGoYBM5M", "https://open.spotify.com/album/37i9dQZF1DXcBWIGoYBM5M",
      "https://open.spotify.com/playlist/37i9dQZF1DX", "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M:extra",
      "spotify:show:37i9dQZF1DXcBWIGoYBM5M", "https://open.spotify.com/playlist", "spotify:track:has-dash-not-base62xx",
      "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M/more", "hello world"})
  void rejectsWithClearError(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpotifyRef.parse(text));
    assertTrue(e.getMessage().startsWith("cannot read '" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("expected a link like https://open.spotify.com/playlist/"), e.getMessage());
  }

  @Test
  void wrongKindForExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpotifyRef.parse("spotify:track:4uLU6hMCjMI75M1A2tKUQC", Kind.PLAYLIST));
    assertTrue(e.getMessage().contains("it points at a track, not a playlist"), e.getMessage());
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'z').withCharRange('A', 'Z').ofLength(22);
  }

  @Property(tries = 200)
  void everyFormOfAnIdParsesToTheSameRef(@ForAll("ids") String id, @ForAll Kind kind) {
    if (kind == Kind.USER) {
      kind = Kind.PLAYLIST;
    }
    SpotifyRef ref = new SpotifyRef(kind, id);
    assertEquals(ref, SpotifyRef.parse(ref.uri()));
    assertEquals(ref, SpotifyRef.parse(ref.url().toString()));
    assertEquals(ref, SpotifyRef.parse(ref.url() + "?si=" + id.substring(0, 8)));
    assertEquals(ref, SpotifyRef.parse(id, kind));
  }
}
