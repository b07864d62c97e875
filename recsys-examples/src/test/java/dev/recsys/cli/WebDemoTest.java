package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.web.WebServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web demo's JSON API: input validation and status codes, deterministic concurrent shuffles, distinct search
 * results, friendly listener errors, adding a listener, and a second start that loads the saved models instead of
 * training them (the page itself is tested in a browser by {@link WebAppBrowserTest}).
 */
class WebDemoTest {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";
  private static WebServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @org.junit.jupiter.api.io.TempDir
  static java.nio.file.Path state;

  @BeforeAll
  static void start() throws Exception {
    ServeCommand.Saved first = ServeCommand.savedSynthetic(state.resolve("world"), 1500, 150, 7, 3, 1, false);
    assertTrue(first.built(), "nothing saved yet: the first start builds");
    server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), first.demo().routes());
  }

  @Test
  void aSecondStartLoadsTheSavedModelsQuicklyAndServesTheSameAnswers() throws Exception {
    long t0 = System.nanoTime();
    ServeCommand.Saved second = ServeCommand.savedSynthetic(state.resolve("world"), 1500, 150, 7, 3, 1, false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(!second.built(), "loaded, not trained");
    assertTrue(seconds < 10, "second start took " + seconds + " s");
    try (WebServer again = WebServer.start(new InetSocketAddress("127.0.0.1", 0), second.demo().routes())) {
      String id = get("api/info").body().replaceAll("(?s).*\"suggestedStart\":\\{\"id\":\"([^\"]+)\".*", "$1");
      for (String path : List.of("api/shuffle?start=" + id + "&length=20&seed=5", "api/listeners/similar?id=listener_1&k=5",
          "api/listeners/recommendations?id=listener_1&k=5", "api/listeners?q=&limit=20", "api/map")) {
        HttpResponse<String> a = get(path);
        HttpResponse<String> b = HTTP.send(HttpRequest.newBuilder(URI.create(again.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, a.statusCode(), a.body());
        assertEquals(a.body(), b.body(), path);
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theMapOfTheEmbeddingsIsServedWithColoursAndSavedWithTheModels() throws Exception {
    assertTrue(get("api/info").body().contains("\"embeddingMap\":true"), get("api/info").body());
    HttpResponse<String> map = get("api/map");
    assertEquals(200, map.statusCode(), map.body());
    com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(map.body());
    assertEquals("t-SNE", m.get("method").asText());
    assertEquals(1_000, m.get("points").size());
    assertEquals(m.get("genres").size(), m.get("colours").size());
    assertTrue(m.get("trustworthiness").asDouble() > 0.8, map.body().substring(0, 200));
    assertTrue(m.get("caption").asText().contains("coloured by genre"), m.get("caption").asText());
    com.fasterxml.jackson.databind.JsonNode p = m.get("points").get(0);
    for (String field : List.of("id", "title", "genre", "x", "y")) {
      assertTrue(p.has(field), field + " in " + p);
    }
    assertTrue(java.nio.file.Files.size(state.resolve("world").resolve("map.json")) > 10_000);
    // a demo without a map says so in /api/info, and /api/map answers 404 with a sentence for the page
    java.nio.file.Path dir = state.resolve("world");
    dev.recsys.core.model.Catalog catalog = dev.recsys.core.data.CatalogJsonl.read(dir.resolve("catalog.jsonl"));
    dev.recsys.web.WebDemo bare = new dev.recsys.web.WebDemo("bare", catalog,
        dev.recsys.graph.similarity.SimilarityGraph.load(dir.resolve("graph.bin")), DemoPipeline.genreClusters(catalog),
        dev.recsys.graph.shuffle.SoftmaxWalkConfig.defaults().weightArray());
    try (WebServer plain = WebServer.start(new InetSocketAddress("127.0.0.1", 0), bare.routes())) {
      HttpResponse<String> info = HTTP.send(HttpRequest.newBuilder(URI.create(plain.url() + "api/info")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(info.body().contains("\"embeddingMap\":false"), info.body());
      HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(plain.url() + "api/map")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, none.statusCode());
      assertTrue(none.body().contains("no map of the songs"), none.body());
    }
  }

  @Test
  void apiValidatesInputWithMessages() throws Exception {
    HttpResponse<String> tracks = get("api/tracks?q=a&limit=3");
    assertEquals(200, tracks.statusCode(), tracks.body());
    String id = tracks.body().replaceAll("(?s)^\\[\\{\"id\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> ok = get("api/shuffle?start=" + id + "&length=5&temperature=0.5");
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("\"factors\""), ok.body());
    HttpResponse<String> tooLong = get("api/shuffle?start=" + id + "&length=500");
    assertEquals(400, tooLong.statusCode());
    assertEquals("{\"error\":\"length must be in [2, 100]; length=500\"}", tooLong.body());
    HttpResponse<String> badWeight = get("api/shuffle?start=" + id + "&w.loudness=1");
    assertEquals(400, badWeight.statusCode());
    assertTrue(badWeight.body().contains("unknown feature weight 'w.loudness'"), badWeight.body());
    assertEquals(404, get("api/shuffle?start=nope").statusCode());
    assertEquals(400, get("api/shuffle").statusCode());
    assertEquals(404, get("api/nothing").statusCode());
    assertEquals(404, get("../etc/passwd").statusCode());
    assertEquals(414, get("api/tracks?q=" + "x".repeat(5000)).statusCode());
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "api/tracks?q=a"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    HttpResponse<String> similar = get("api/listeners/similar?id=listener_0&k=3");
    assertEquals(200, similar.statusCode(), similar.body());
    assertTrue(similar.body().contains("\"sharedArtists\""), similar.body());
  }

  @Test
  void concurrentShufflesShareOneSamplerAndStayDeterministic() throws Exception {
    HttpResponse<String> tracks = get("api/tracks?q=a&limit=2");
    String[] ids = tracks.body().replaceAll("(?s)^\\[\\{\"id\":\"([^\"]+)\".*?\\{\"id\":\"([^\"]+)\".*", "$1 $2").split(" ");
    String a = "api/shuffle?start=" + ids[0] + "&length=40&seed=3&temperature=0.7";
    String b = "api/shuffle?start=" + ids[1] + "&length=60&seed=4&w.similarity=2";
    String first = get(a).body();
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String path = i % 2 == 0 ? a : b;
      all.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    String firstB = null;
    for (int i = 0; i < all.size(); i++) {
      HttpResponse<String> r = all.get(i).get();
      assertEquals(200, r.statusCode(), r.body());
      if (i % 2 == 0) {
        assertEquals(first, r.body(), "same request, same walk, whichever pooled buffers served it");
      } else if (firstB == null) {
        firstB = r.body();
      } else {
        assertEquals(firstB, r.body());
      }
    }
    assertTrue(!first.equals(firstB));
  }

  @Test
  void searchIsDistinctPlainShuffleFollowsTheStartAndListenerErrorsAreFriendly() throws Exception {
    HttpResponse<String> tracks = get("api/tracks?q=a&limit=50");
    java.util.List<String> labels = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"title\":\"([^\"]*)\",\"artist\":\"([^\"]*)\"")
        .matcher(tracks.body());
    while (m.find()) {
      labels.add(m.group(1) + " / " + m.group(2));
    }
    assertTrue(labels.size() >= 10, tracks.body());
    assertEquals(labels.size(), new java.util.HashSet<>(labels).size(), "one suggestion per title and artist");
    String[] ids = tracks.body().replaceAll("(?s)^\\[\\{\"id\":\"([^\"]+)\".*?\\{\"id\":\"([^\"]+)\".*", "$1 $2").split(" ");
    String plainA = get("api/shuffle?start=" + ids[0] + "&length=10&seed=1").body().replaceAll("(?s).*\"plain\":(\\[.*?\\]),\"metrics\".*", "$1");
    String plainB = get("api/shuffle?start=" + ids[1] + "&length=10&seed=1").body().replaceAll("(?s).*\"plain\":(\\[.*?\\]),\"metrics\".*", "$1");
    assertTrue(!plainA.replace(ids[0], "").equals(plainB.replace(ids[1], "")), "plain shuffle differs by start");
    HttpResponse<String> shuffle = get("api/shuffle?start=" + ids[0] + "&length=10&seed=1");
    assertTrue(shuffle.body().contains("\"alternatives\":[{\"track\""), shuffle.body());
    assertTrue(shuffle.body().contains("\"metrics\":{\"smart\":{\"repeatRate\":0.0"), shuffle.body());

    HttpResponse<String> unknown = get("api/listeners/similar?id=nobody");
    assertEquals(404, unknown.statusCode());
    assertEquals("{\"error\":\"There is no listener 'nobody'. Pick one from the suggestions, or add yourself.\"}", unknown.body());
    // every listed listener answers
    String listed = get("api/listeners?q=&limit=50").body();
    java.util.regex.Matcher lm = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(listed);
    int n = 0;
    while (lm.find()) {
      assertEquals(200, get("api/listeners/similar?k=3&id=" + lm.group(1)).statusCode(), lm.group(1));
      n++;
    }
    assertTrue(n >= 20, listed);
    assertTrue(!listed.contains("\"name\":\"listener_"), "listeners have readable names: " + listed);
    HttpResponse<String> none = get("api/listeners/add?tracks=nope,nada");
    assertEquals(400, none.statusCode());
    assertTrue(none.body().contains("None of those songs is in this catalogue"), none.body());
    HttpResponse<String> added = get("api/listeners/add?k=3&tracks=" + ids[0] + "," + ids[1] + ",nope");
    assertEquals(200, added.statusCode(), added.body());
    assertTrue(added.body().contains("\"name\":\"You\"") && added.body().contains("\"ignoredTracks\":1"), added.body());
    assertTrue(added.body().matches("(?s).*\"similar\":\\[\\{.*") && added.body().matches("(?s).*\"recommendations\":\\[\\{.*"),
        added.body());
    HttpResponse<String> playlist = get("api/listeners/playlist?url=https://open.spotify.com/playlist/x");
    assertEquals(404, playlist.statusCode());
    assertTrue(playlist.body().contains("needs Spotify credentials"), playlist.body());
  }

  @Test
  void playlistImportReadsSpotifyWhenCredentialsAreSet() throws Exception {
    assertEquals(null, ServeCommand.spotifyPlaylists(java.util.Map.of()), "no credentials, no import");
    try (dev.recsys.spotify.testing.FakeSpotifyServer spotify = new dev.recsys.spotify.testing.FakeSpotifyServer()) {
      dev.recsys.spotify.testing.Fixtures.standardLibrary(spotify);
      dev.recsys.web.WebDemo.PlaylistResolver resolver = ServeCommand.spotifyPlaylists(java.util.Map.of(
          "SPOTIFY_CLIENT_ID", dev.recsys.spotify.testing.FakeSpotifyServer.CLIENT_ID,
          "SPOTIFY_CLIENT_SECRET", dev.recsys.spotify.testing.FakeSpotifyServer.CLIENT_SECRET,
          "SPOTIFY_REFRESH_TOKEN", spotify.issueRefreshToken("alice"), "RECSYS_SPOTIFY_CACHE_DIR", state.resolve("spotify").toString(),
          "RECSYS_SPOTIFY_API_BASE", spotify.base().toString(), "RECSYS_SPOTIFY_ACCOUNTS_BASE", spotify.base().toString()));
      assertTrue(resolver != null);
      List<String> ids = resolver.trackIds("https://open.spotify.com/playlist/" + dev.recsys.spotify.testing.Fixtures.MIX);
      assertTrue(!ids.isEmpty(), "tracks of the playlist");
      ServeCommand.Saved saved = ServeCommand.savedSynthetic(state.resolve("world"), 1500, 150, 7, 3, 1, false, resolver);
      try (WebServer s = WebServer.start(new InetSocketAddress("127.0.0.1", 0), saved.demo().routes())) {
        HttpResponse<String> info = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "api/info")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertTrue(info.body().contains("\"playlistImport\":true"), info.body());
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(s.url()
            + "api/listeners/playlist?url=spotify:playlist:" + dev.recsys.spotify.testing.Fixtures.MIX)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, other.statusCode(), other.body());
        assertTrue(other.body().contains("None of the songs of that playlist (2) is in this catalogue"), other.body());
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(s.url()
            + "api/listeners/playlist?url=https://example.com/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("That is not a Spotify playlist link"), bad.body());
      }
    }
  }

  @Test
  void everySpotifyRefusalIsASentenceForThePersonAtThePage() {
    for (dev.recsys.spotify.SpotifyException.Reason reason : dev.recsys.spotify.SpotifyException.Reason.values()) {
      String message = ServeCommand.playlistRefusal(reason);
      assertTrue(message.startsWith("Spotify ") && message.endsWith("."), reason + ": " + message);
      assertFalse(message.contains("/v1/") || message.contains("HTTP") || message.contains("recsys "), reason + ": " + message);
    }
  }
}
