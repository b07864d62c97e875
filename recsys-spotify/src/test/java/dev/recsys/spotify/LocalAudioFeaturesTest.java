package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.FakeTime;
import dev.recsys.spotify.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio features from a local catalogue file when Spotify refuses them (development mode). */
class LocalAudioFeaturesTest {
  static final String HEADER = "track_id,track_name,track_artist,track_popularity,track_album_id,track_album_name,"
      + "track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,danceability,energy,key,"
      + "loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms";

  @Test
  void catalogueFileFillsInAudioFeatures(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("songs.csv");
    Files.writeString(csv, HEADER + "\n"
        + Fixtures.T1 + ",One,Ada,50,a1,Album,2019-06-14,P,p1,pop,dance pop,0.748,0.916,6,-2.634,1,0.0583,0.102,0,0.0653,0.518,122.036,194754\n"
        + Fixtures.id("elsewhere") + ",X,Y,50,a2,Album,2019-06-14,P,p1,pop,dance pop,0.5,0.5,1,-5,0,0.05,0.1,0,0.1,0.5,100,180000\n");
    AudioFeatureSource local = AudioFeatureSource.of(Datasets.open("spotify-songs:" + csv, ReadOptions.STRICT));
    Map<String, AudioFeatures> got = local.lookup(List.of(Fixtures.T1, Fixtures.T2));
    assertEquals(List.of(Fixtures.T1), List.copyOf(got.keySet()));
    assertEquals(0.916, got.get(Fixtures.T1).value(AudioFeature.ENERGY));

    FakeTime time = new FakeTime();
    try (FakeSpotifyServer server = new FakeSpotifyServer();
        SpotifyClient c = SpotifyClient.builder(SpotifyClientTest.config(server)
            .refreshToken(Secret.of(server.issueRefreshToken("alice"))).build()).clock(time).sleeper(time).build()) {
      Fixtures.standardLibrary(server);
      SpotifyLibrary lib = SpotifyLibrary.fetch(c, SpotifyRef.parse("spotify:playlist:" + Fixtures.MIX), local);
      assertEquals(SpotifyLibrary.AudioOrigin.LOCAL, lib.report().audioOrigin());
      assertEquals(1, lib.report().tracksWithAudio());
      assertTrue(lib.report().audioSourceDescription().startsWith("local catalogue"), lib.report().audioSourceDescription());
      assertEquals(0.748, ListenerProfile.of(lib, 5).meanAudio().get("danceability"), 1e-12);
    }
  }

  @Test
  void tidyTuesdayFileKnowsRealSpotifyTrackIds() throws Exception {
    Path file = Path.of(System.getProperty("recsys.shared.data", "../shared/data"),
        "spotify-songs-tidytuesday", "spotify_songs.csv");
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data not present: " + file);
    AudioFeatureSource local = AudioFeatureSource.of(Datasets.open("spotify-songs:" + file, ReadOptions.LENIENT));
    // the first two rows of the file (Ed Sheeran, Maroon 5 remixes)
    Map<String, AudioFeatures> got = local.lookup(List.of("6f807x0ima9a1j3VPbc7VN", "0r7CVbZTWZgbTCYdfa2P31",
        Fixtures.T1));
    assertEquals(2, got.size());
    assertEquals(0.748, got.get("6f807x0ima9a1j3VPbc7VN").value(AudioFeature.DANCEABILITY));
    assertEquals(11, got.get("0r7CVbZTWZgbTCYdfa2P31").value(AudioFeature.KEY));
  }
}
