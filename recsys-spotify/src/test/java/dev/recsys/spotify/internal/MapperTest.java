package dev.recsys.spotify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.spotify.PlaylistInfo;
import dev.recsys.spotify.SpotifyException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MapperTest {
  static com.fasterxml.jackson.databind.JsonNode json(String s) throws Exception {
    return Json.parse(s, "GET /test");
  }

  @Test
  void releaseDatePrecisionsAndPlaceholders() throws Exception {
    Track y = Mapper.track(json("{\"id\":\"a\",\"album\":{\"release_date\":\"1987\",\"release_date_precision\":\"year\"}}"), "e");
    assertEquals(Optional.of(ReleaseDate.ofYear(1987)), y.releaseDate());
    Track m = Mapper.track(json("{\"id\":\"a\",\"album\":{\"release_date\":\"1987-03\"}}"), "e");
    assertEquals(Optional.of(new ReleaseDate(1987, 3, 0)), m.releaseDate());
    Track zero = Mapper.track(json("{\"id\":\"a\",\"album\":{\"release_date\":\"0000\"}}"), "e");
    assertEquals(Optional.empty(), zero.releaseDate(), "Spotify's 0000 placeholder is unknown, not an error");
  }

  @Test
  void optionalFieldsStayUnknownWhenAbsentOrInvalid() throws Exception {
    Track t = Mapper.track(json("{\"id\":\"a\",\"popularity\":101,\"duration_ms\":-5,\"artists\":[{\"id\":null,"
        + "\"name\":\"Local Band\"},{\"id\":\"x\"}]}"), "e");
    assertTrue(t.popularity().isEmpty());
    assertTrue(t.durationMs().isEmpty());
    assertTrue(t.title().isEmpty());
    assertEquals(1, t.artists().size(), "an artist without a name is dropped");
    assertEquals(Optional.empty(), t.artists().get(0).id());
    assertEquals(AudioFeatures.MISSING, t.audio());
  }

  @Test
  void artistGenresAreLowerCasedAndDeduplicated() throws Exception {
    Artist a = Mapper.artist(json("{\"id\":\"x\",\"name\":\"X\",\"genres\":[\"Indie Pop\",\"indie pop\",\" \",\"rock\"],"
        + "\"popularity\":40}"), "e");
    assertEquals(List.of("indie pop", "rock"), a.genres());
    assertEquals(40, a.popularity().getAsInt());
  }

  @Test
  void playlistTotalsFromNewAndLegacySummaries() throws Exception {
    PlaylistInfo p26 = Mapper.playlist(json("{\"id\":\"p\",\"name\":\"N\",\"items\":{\"total\":7},\"tracks\":null}"), "e");
    assertEquals(7, p26.totalItems().getAsInt());
    PlaylistInfo old = Mapper.playlist(json("{\"id\":\"p\",\"name\":\"N\",\"tracks\":{\"total\":3},\"public\":false,"
        + "\"collaborative\":true,\"owner\":{\"id\":\"bob\"}}"), "e");
    assertEquals(3, old.totalItems().getAsInt());
    assertEquals(Optional.of(false), old.isPublic());
    assertTrue(old.collaborative());
    assertEquals(Optional.of("bob"), old.ownerId());
  }

  @Test
  void audioFeaturesOutOfRangeAreMissing() throws Exception {
    AudioFeatures af = Mapper.audioFeatures(json("{\"danceability\":0.5,\"tempo\":350.0,\"key\":-1,\"mode\":0.5,"
        + "\"loudness\":-7.1,\"time_signature\":4}"));
    assertEquals(0.5, af.value(AudioFeature.DANCEABILITY));
    assertFalse(af.isPresent(AudioFeature.TEMPO));
    assertFalse(af.isPresent(AudioFeature.KEY));
    assertFalse(af.isPresent(AudioFeature.MODE));
    assertEquals(-7.1, af.value(AudioFeature.LOUDNESS));
    assertEquals(4, af.value(AudioFeature.TIME_SIGNATURE));
    assertFalse(af.isPresent(AudioFeature.ENERGY));
  }

  @Test
  void missingIdIsAMalformedResponse() {
    SpotifyException e = assertThrows(SpotifyException.class, () -> Mapper.artist(json("[]"), "GET /v1/artists/x"));
    assertEquals("malformed response from GET /v1/artists/x: expected an artist object", e.getMessage());
  }
}
