package dev.recsys.spotify;

import static dev.recsys.spotify.testing.Fixtures.A1;
import static dev.recsys.spotify.testing.Fixtures.A2;
import static dev.recsys.spotify.testing.Fixtures.BOBS;
import static dev.recsys.spotify.testing.Fixtures.MIX;
import static dev.recsys.spotify.testing.Fixtures.T1;
import static dev.recsys.spotify.testing.Fixtures.T2;
import static dev.recsys.spotify.testing.Fixtures.T3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.spotify.SpotifyLibrary.AudioOrigin;
import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.FakeTime;
import dev.recsys.spotify.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpotifyLibraryTest {
  FakeSpotifyServer server;
  FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    server = new FakeSpotifyServer();
    Fixtures.standardLibrary(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  SpotifyClient userClient() {
    return SpotifyClient.builder(SpotifyClientTest.config(server)
        .refreshToken(Secret.of(server.issueRefreshToken("alice"))).build()).clock(time).sleeper(time).build();
  }

  static final class Collect implements MusicDataHandler {
    final List<Listener> listeners = new ArrayList<>();
    final List<Track> tracks = new ArrayList<>();
    final List<Playlist> playlists = new ArrayList<>();
    final List<Interaction> interactions = new ArrayList<>();
    final List<String> artists = new ArrayList<>();

    @Override
    public void listener(Listener l) {
      listeners.add(l);
    }

    @Override
    public void track(Track t) {
      tracks.add(t);
    }

    @Override
    public void playlist(Playlist p) {
      playlists.add(p);
    }

    @Override
    public void interaction(Interaction i) {
      interactions.add(i);
    }

    @Override
    public void artist(dev.recsys.core.model.Artist a) {
      artists.add(a.id());
    }
  }

  @Test
  void ownProfileSkipsUnreadablePlaylistsAndBuildsFromGenresWhenNoAudio() throws Exception {
    try (SpotifyClient c = userClient()) {
      SpotifyLibrary lib = SpotifyLibrary.fetch(c, SpotifyRef.parse("https://open.spotify.com/user/alice?si=x"),
          AudioFeatureSource.none());
      assertEquals("alice", lib.listener().id());
      assertEquals(2, lib.report().playlistsRead());
      assertEquals(List.of(BOBS), List.copyOf(lib.report().playlistsSkipped().keySet()));
      assertEquals(List.of(T1, T2, T3), lib.tracks().stream().map(Track::id).toList());
      assertEquals(List.of(T1, T2, T2, T3), lib.listeningHistory(), "T2 is kept in both playlists");
      assertEquals(List.of("pop", "dance pop"), lib.tracks().get(0).genres());
      assertEquals(List.of("pop", "dance pop", "rock"), lib.tracks().get(1).genres(), "union of the artists' genres");
      assertEquals(AudioOrigin.NONE, lib.report().audioOrigin());
      assertTrue(lib.report().genresAndMetadataOnly());
      assertEquals(1, server.count("/v1/artists/" + A1), "one call per distinct artist");
      assertEquals(1, server.count("/v1/artists/" + A2));

      ListenerProfile p = ListenerProfile.of(lib, 10);
      assertTrue(p.genresAndMetadataOnly());
      assertEquals(3, p.trackCount());
      // T1: pop, dance pop (1/2 each); T2: pop, dance pop, rock (1/3 each); T3: rock (1)
      assertEquals("rock", p.topGenres().get(0).genre());
      assertEquals((1.0 / 3 + 1) / 3, p.topGenres().get(0).weight(), 1e-12);
      assertEquals(1.0, p.topGenres().stream().mapToDouble(ListenerProfile.GenreWeight::weight).sum(), 1e-12);
      assertEquals(List.of("Ada", "Bo"), p.topArtists().stream().map(ListenerProfile.ArtistCount::name).toList());
      assertEquals(2, p.topArtists().get(0).tracks());
      assertTrue(p.notes().stream().anyMatch(n -> n.contains("genres and metadata alone")), p.notes().toString());

      Collect h = new Collect();
      ReadReport r = SpotifyDataSource.of(lib).read(h);
      assertEquals(1, h.listeners.size());
      assertEquals(3, h.tracks.size());
      assertEquals(2, h.playlists.size());
      assertEquals(List.of(T1, T2), h.playlists.get(0).trackIds());
      assertEquals(3, h.interactions.size());
      assertEquals(2.0, h.interactions.get(1).weight(), "T2 is in both playlists");
      assertEquals(java.time.Instant.parse("2023-05-01T10:00:00Z").getEpochSecond(), h.interactions.get(1).timestamp(),
          "first time added");
      assertEquals(6, r.rowsRead());
      assertEquals(2, r.rowsSkipped());
      assertEquals(Map.of("local file (no Spotify id)", 1L, "episode, not a track", 1L), r.skipReasons());
      assertEquals(3, r.count("tracks"));
      assertTrue(r.firstProblems().get(0).startsWith("playlist " + BOBS), r.firstProblems().toString());
      Collect again = new Collect();
      SpotifyDataSource.of(lib).read(again);
      assertEquals(h.tracks, again.tracks, "reads are repeatable");
    }
  }

  @Test
  void audioFeaturesFallBackToALocalCatalogue() throws Exception {
    Catalog local = Catalog.of(List.of(
        Track.builder(T1).audio(AudioFeatures.builder().set(AudioFeature.ENERGY, 0.25).build()).build(),
        Track.builder(T3).audio(AudioFeatures.builder().set(AudioFeature.ENERGY, 0.75).build()).build(),
        Track.builder(Fixtures.id("notInLibrary")).build()));
    try (SpotifyClient c = userClient()) {
      SpotifyLibrary lib = SpotifyLibrary.fetch(c, SpotifyRef.parse("spotify:playlist:" + Fixtures.OLD),
          AudioFeatureSource.of(local, "tidytuesday catalogue"));
      assertEquals(AudioOrigin.LOCAL, lib.report().audioOrigin());
      assertEquals(1, lib.report().tracksWithAudio());
      assertEquals("spotify-playlist-" + Fixtures.OLD, lib.listener().id());
      ListenerProfile p = ListenerProfile.of(lib, 5);
      assertFalse(p.genresAndMetadataOnly());
      assertEquals(Map.of("energy", 0.75), p.meanAudio());
      assertTrue(lib.report().notes().get(0).startsWith("Spotify refused audio features (403)"), lib.report().notes().toString());
    }
  }

  @Test
  void extendedModeTakesAudioFromSpotify() throws Exception {
    server.developmentMode(false);
    try (SpotifyClient c = userClient()) {
      SpotifyLibrary lib = SpotifyLibrary.fetch(c, SpotifyRef.parse(MIX, SpotifyRef.Kind.PLAYLIST), AudioFeatureSource.none());
      assertEquals(AudioOrigin.SPOTIFY, lib.report().audioOrigin());
      assertEquals(2, lib.report().tracksWithAudio());
      assertEquals(0.8, lib.tracks().get(0).audio().value(AudioFeature.DANCEABILITY));
    }
  }

  @Test
  void restrictedReferencesGiveClearErrors() throws Exception {
    try (SpotifyClient c = userClient()) {
      SpotifyException e = assertThrows(SpotifyException.class,
          () -> SpotifyLibrary.fetch(c, SpotifyRef.parse("spotify:user:bob"), AudioFeatureSource.none()));
      assertTrue(e.getMessage().startsWith("cannot list the playlists of user 'bob': since 2026 development-mode apps"),
          e.getMessage());
      e = assertThrows(SpotifyException.class,
          () -> SpotifyLibrary.fetch(c, SpotifyRef.parse("spotify:playlist:" + BOBS), AudioFeatureSource.none()));
      assertTrue(e.getMessage().startsWith("cannot read the items of playlist 'Bobs'"), e.getMessage());
      IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
          () -> SpotifyLibrary.fetch(c, SpotifyRef.parse("spotify:track:" + T1), AudioFeatureSource.none()));
      assertTrue(iae.getMessage().startsWith("a listener profile needs a user or playlist reference"), iae.getMessage());
    }
  }
}
