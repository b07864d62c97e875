package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recsys spotify match} end to end: a store trained on a small open catalogue, a Spotify listener from the fake server. */
class SpotifyMatchCommandTest {
  static final String HEADER = "track_id,track_name,track_artist,track_popularity,track_album_id,track_album_name,"
      + "track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,danceability,energy,key,"
      + "loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms";

  FakeSpotifyServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeSpotifyServer();
    Fixtures.standardLibrary(server);
    SpotifyOptions.environment = () -> Map.of(
        "SPOTIFY_CLIENT_ID", FakeSpotifyServer.CLIENT_ID,
        "SPOTIFY_CLIENT_SECRET", FakeSpotifyServer.CLIENT_SECRET,
        "SPOTIFY_REFRESH_TOKEN", server.issueRefreshToken("alice"));
  }

  @AfterEach
  void stop() {
    SpotifyOptions.environment = System::getenv;
    server.close();
  }

  /** Six open playlists: three pop ones holding the Spotify listener's tracks, three rock ones that do not. */
  static Path openCatalogue(Path dir) throws Exception {
    List<String> rows = new ArrayList<>();
    rows.add(HEADER);
    String[] shared = {Fixtures.T1, Fixtures.T2, Fixtures.T3};
    for (int p = 0; p < 6; p++) {
      boolean pop = p < 3;
      String genre = pop ? "pop" : "rock";
      List<String> ids = new ArrayList<>();
      if (pop) {
        ids.addAll(List.of(shared));
      }
      for (int i = 0; i < 5; i++) {
        ids.add(Fixtures.id((pop ? "popTrack" : "rockTrack") + (p * 5 + i)));
      }
      for (String id : ids) {
        double e = pop ? 0.8 : 0.3;
        rows.add(id + ",Song " + id.substring(0, 8) + "," + (pop ? "Ada" : "Rocker") + ",50,alb" + p + ",Album,2019-06-14,"
            + "List " + p + "," + Fixtures.id("openList" + p) + "," + genre + "," + genre + " sub,0.7," + e
            + ",5,-5.0,1,0.05,0.1,0.0,0.1,0.5,120.0,200000");
      }
    }
    Path f = dir.resolve("open.csv");
    Files.write(f, rows);
    return f;
  }

  @Test
  void matchesTheSpotifyListenerAgainstAStoreTrainedOnOpenData(@TempDir Path dir) throws Exception {
    Path csv = openCatalogue(dir);
    Path store = dir.resolve("listeners.rsm");
    String base = server.base().toString();
    RecsysCliTest.Result r = RecsysCliTest.run("spotify", "match", "spotify:user:alice", "--store", store.toString(),
        "--train-on", "spotify-songs:" + csv, "--k", "3", "--api-base", base, "--accounts-base", base, "--no-cache");
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.isRegularFile(store));
    String out = r.out();
    assertTrue(out.startsWith("listener alice (3 tracks) matched against " + store + "; added to the store"), out);
    for (int p = 0; p < 6; p++) {
      assertEquals(p < 3, out.contains("\u201cList " + p + "\u201d"), "the three pop lists, and only they, match: " + out);
      assertFalse(out.contains(Fixtures.id("openList" + p)), "listeners are named, not shown by raw id: " + out);
    }
    assertTrue(out.contains("shared genres: pop"), out);
    assertTrue(out.contains("their top tracks: "), out);
    for (String s : server.secrets()) {
      assertFalse(out.contains(s) || r.err().contains(s), "secret printed: " + s);
    }
    RecsysCliTest.Result again = RecsysCliTest.run("spotify", "match", "spotify:playlist:" + Fixtures.MIX, "--store",
        store.toString(), "--k", "10", "--json", "--api-base", base, "--accounts-base", base, "--no-cache");
    assertEquals(0, again.status(), again.err());
    assertTrue(again.out().contains("\"listener\" : \"alice\""), "alice was added to the store: " + again.out());
  }

  @Test
  void theListenersOwnPlaylistIsNeverItsOwnMatch(@TempDir Path dir) throws Exception {
    Path csv = openCatalogue(dir);
    // the open data holds the very playlist that is matched (same id, same tracks)
    List<String> rows = new ArrayList<>(Files.readAllLines(csv));
    for (String t : new String[] {Fixtures.T1, Fixtures.T2, Fixtures.T3}) {
      rows.add(t + ",Song " + t.substring(0, 8) + ",Ada,50,albM,Album,2019-06-14,My Mix," + Fixtures.MIX
          + ",pop,pop sub,0.7,0.8,5,-5.0,1,0.05,0.1,0.0,0.1,0.5,120.0,200000");
    }
    Files.write(csv, rows);
    Path store = dir.resolve("listeners.rsm");
    String base = server.base().toString();
    RecsysCliTest.Result r = RecsysCliTest.run("spotify", "match", "spotify:playlist:" + Fixtures.MIX, "--store",
        store.toString(), "--train-on", "spotify-songs:" + csv, "--k", "3", "--no-save", "--api-base", base,
        "--accounts-base", base, "--no-cache");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("listener playlist \u201c"), r.out());
    assertFalse(r.out().contains("My Mix\u201d  "), "the playlist itself is not offered as a match: " + r.out());
    assertFalse(r.out().contains("1.000"), r.out());
    assertTrue(r.out().contains(" 1. \u201cList "), r.out());
  }
}
