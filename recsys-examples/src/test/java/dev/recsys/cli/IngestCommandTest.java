package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.cli.RecsysCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
  static final String HEADER = "track_id,track_name,track_artist,track_popularity,track_album_id,track_album_name,"
      + "track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,danceability,energy,key,"
      + "loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms";

  static String row(String id, String playlist, String genre, String energy) {
    return id + ",Song " + id + ",Artist " + id + ",66,alb,Album,2019-06-14,List " + playlist + "," + playlist + "," + genre
        + ",sub " + genre + ",0.748," + energy + ",6,-2.634,1,0.0583,0.102,0,0.0653,0.518,122.036,194754";
  }

  @TempDir
  Path dir;

  @Test
  void countsTracksPlaylistsAndGenres() throws IOException {
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, String.join("\n", HEADER, row("a", "p1", "pop", "0.5"), row("b", "p1", "pop", "0.6"), row("a", "p2", "rock", "0.5")) + "\n");
    Result r = RecsysCliTest.run("ingest", "--tracks", f.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode c = new ObjectMapper().readTree(r.out()).get("counts");
    assertEquals(3, c.get("rows").asLong());
    assertEquals(2, c.get("tracks").asLong());
    assertEquals(2, c.get("artists").asLong());
    assertEquals(2, c.get("playlists").asLong());
    assertEquals(4, c.get("genres").asLong());
    assertEquals(3, c.get("interactions").asLong());
    Result text = RecsysCliTest.run("ingest", "--tracks", f.toString());
    assertTrue(text.out().contains("tracks        2"), text.out());
  }

  @Test
  void corruptedCopyFailsStrictNamingTheLineAndIsReportedLenient() throws IOException {
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, String.join("\n", HEADER, row("a", "p1", "pop", "0.5"), row("b", "p1", "pop", "abc"),
        row("c", "p1", "pop", "0.5") + ",x", row("d", "p2", "rock", "0.5")) + "\n");
    Result strict = RecsysCliTest.run("ingest", "--tracks", f.toString(), "--strict");
    assertEquals(1, strict.status());
    assertEquals("error: songs.csv:3:13 (energy): not a number: 'abc'", strict.err().strip());
    Result lenient = RecsysCliTest.run("ingest", "--tracks", f.toString(), "--lenient", "--json");
    assertEquals(0, lenient.status(), lenient.err());
    JsonNode root = new ObjectMapper().readTree(lenient.out());
    assertEquals(2, root.get("counts").get("skipped").asLong());
    assertEquals(2, root.get("counts").get("tracks").asLong());
    assertEquals(1, root.get("skipReasons").get("bad-number").asLong());
    assertEquals(1, root.get("skipReasons").get("wrong-column-count").asLong());
    assertEquals("songs.csv:4: expected 23 fields as in the header, found 24 (an unquoted delimiter in a field?)",
        root.get("problems").get(1).asText());
    Result text = RecsysCliTest.run("ingest", "--tracks", f.toString(), "--lenient");
    assertTrue(text.out().contains("skipped rows by rule:") && text.out().contains("songs.csv:3:13 (energy)"), text.out());
    assertTrue(text.out().contains("5 lines = 1 header + 0 blank + 4 rows + 0 continuation lines"), text.out());
    assertEquals(5, root.get("sources").get(0).get("lines").get("total").asLong());
  }

  @Test
  void interactionsWithColumnRolesAndBadArguments() throws IOException {
    Path f = dir.resolve("plays.csv");
    Files.writeString(f, "a,b,c\nu1,t1,3\nu2,t1,1\n");
    Result r = RecsysCliTest.run("ingest", "--interactions", f.toString(), "--columns", "user=a,item=b,weight=c", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode c = new ObjectMapper().readTree(r.out()).get("counts");
    assertEquals(2, c.get("interactions").asLong());
    assertEquals(2, c.get("users").asLong());
    Path hashed = dir.resolve("a#b");
    Files.createDirectories(hashed);
    Path h = Files.writeString(hashed.resolve("plays#2.csv"), "a,b,c\nu1,t1,3\nu2,t1,1\nu3,t2,x\n");
    Result withHash = RecsysCliTest.run("ingest", "--interactions", h.toString(), "--columns", "user=a,item=b,weight=c",
        "--lenient", "--json");
    assertEquals(0, withHash.status(), withHash.err());
    JsonNode hc = new ObjectMapper().readTree(withHash.out()).get("counts");
    assertEquals(2, hc.get("interactions").asLong());
    assertEquals(1, hc.get("skipped").asLong());
    Result noHeaderRoles = RecsysCliTest.run("ingest", "--interactions", dir.resolve("a#b/plays.csv").toString(), "--columns",
        "user=a,item=b");
    assertEquals(1, noHeaderRoles.status());
    assertTrue(noHeaderRoles.err().contains("plays.csv: no such file"), noHeaderRoles.err());
    assertEquals(2, RecsysCliTest.run("ingest", "--interactions", "movielens:" + dir, "--columns", "user=a,item=b").status());
    assertEquals(2, RecsysCliTest.run("ingest").status(), "no input is a usage error");
    assertEquals(2, RecsysCliTest.run("ingest", "--tracks", "x", "--strict", "--lenient").status());
  }

  @Test
  void realTidyTuesdayFileAndACorruptedCopy() throws IOException {
    Path real = Path.of(System.getProperty("recsys.shared.data", "../shared/data"), "spotify-songs-tidytuesday", "spotify_songs.csv");
    assumeTrue(Files.exists(real), real + " is absent");
    Result r = RecsysCliTest.run("ingest", "--tracks", real.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode c = new ObjectMapper().readTree(r.out()).get("counts");
    assertEquals(28_356, c.get("tracks").asLong());
    assertEquals(471, c.get("playlists").asLong());
    assertEquals(32_833, c.get("rows").asLong());
    assertEquals(0, c.get("skipped").asLong());

    List<String> lines = new ArrayList<>(Files.readAllLines(real));
    lines.set(1042, lines.get(1042).replaceFirst(",0\\.(\\d+),", ",abc,"));
    lines.set(2000, lines.get(2000) + ",extra");
    Path bad = dir.resolve("spotify_songs.csv");
    Files.write(bad, lines);
    Result strict = RecsysCliTest.run("ingest", "--tracks", bad.toString());
    assertEquals(1, strict.status());
    assertTrue(strict.err().startsWith("error: spotify_songs.csv:1043:"), strict.err());
    Result lenient = RecsysCliTest.run("ingest", "--tracks", bad.toString(), "--lenient", "--json");
    JsonNode root = new ObjectMapper().readTree(lenient.out());
    assertEquals(2, root.get("counts").get("skipped").asLong());
    assertEquals(32_833, root.get("counts").get("rows").asLong());
    assertTrue(root.get("problems").get(1).asText().startsWith("spotify_songs.csv:2001: expected 23 fields"), lenient.out());
  }

  @Test
  void printsTheDataProfile() throws IOException {
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, String.join("\n", HEADER, row("a", "p1", "pop", "0.5"), row("b", "p1", "pop", "0.7"), row("a", "p2", "rock", "0.5")) + "\n");
    Result r = RecsysCliTest.run("ingest", "--tracks", f.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode profile = new ObjectMapper().readTree(r.out()).get("profile");
    assertEquals(2, profile.get("tracks").asInt());
    JsonNode energy = null;
    for (JsonNode c : profile.get("audio")) {
      if (c.get("name").asText().equals("energy")) {
        energy = c;
      }
    }
    assertEquals(2, energy.get("count").asLong(), energy.toString());
    assertEquals(0.6, energy.get("mean").asDouble(), 1e-9);
    assertEquals(2, profile.get("playlists").get("count").asInt());
    assertEquals(4, profile.get("genres").get("distinct").asInt());
    Result text = RecsysCliTest.run("ingest", "--tracks", f.toString());
    assertTrue(text.out().contains("top genres:") && text.out().contains("energy"), text.out());
  }

  @Test
  void readsAGeneratedWorldFromItsFilesAndFromItsManifest() throws IOException {
    Path w = dir.resolve("w");
    Result gen = RecsysCliTest.run("generate", "--tracks", "1500", "--listeners", "60", "--seed", "3", "--out", w.toString(), "--json");
    assertEquals(0, gen.status(), gen.err());
    JsonNode made = new ObjectMapper().readTree(gen.out());
    String slice = null;
    for (var it = made.get("files").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.startsWith("mpd.slice.")) {
        slice = name;
      }
    }
    Result files = RecsysCliTest.run("ingest", "--tracks", w.resolve("tracks.csv").toString(), "--playlists",
        w.resolve(slice).toString(), "--interactions", w.resolve("events.csv").toString(), "--json");
    assertEquals(0, files.status(), files.err());
    JsonNode c = new ObjectMapper().readTree(files.out()).get("counts");
    assertEquals(1500, c.get("tracks").asLong());
    assertEquals(made.get("playlists").asLong(), c.get("playlists").asLong());
    assertEquals(made.get("events").asLong(), c.get("interactions").asLong());
    assertEquals(0, c.get("skipped").asLong());

    Result world = RecsysCliTest.run("ingest", "--world", w.toString(), "--json");
    assertEquals(0, world.status(), world.err());
    JsonNode root = new ObjectMapper().readTree(world.out());
    assertEquals(c, root.get("counts"), "the manifest names the same files");
    assertEquals(3, root.get("sources").size());
    JsonNode profile = root.get("profile");
    assertEquals(1500, profile.get("tracks").asInt());
    int genres = profile.get("genres").get("distinct").asInt();
    assertEquals(c.get("genres").asInt(), genres);
    assertTrue(genres >= 30 && genres <= made.get("genres").asInt(), "genres carrying tracks: " + genres);
    assertEquals(made.get("events").asLong(), profile.get("interactions").get("rows").asLong());
    // the listeners' behaviour types come from listeners.csv: skip rates by behaviour
    JsonNode byBehaviour = profile.get("interactions").get("skipRateByBehaviour");
    assertTrue(byBehaviour.size() >= 2, byBehaviour.toString());
    long plays = 0;
    for (JsonNode g : byBehaviour) {
      plays += g.get("plays").asLong();
    }
    assertEquals(made.get("events").asLong(), plays, "every event belongs to a listener with a behaviour type");
    Result text = RecsysCliTest.run("ingest", "--world", w.toString());
    assertTrue(text.out().contains("behaviour ") && text.out().contains("tracks        1,500"), text.out());

    // --report: the profile as a page, with a strip per numeric column, a bar per genre shown and the checks
    Path pages = dir.resolve("profile");
    Result page = RecsysCliTest.run("ingest", "--world", w.toString(), "--report", pages.toString());
    assertEquals(0, page.status(), page.err());
    assertEquals(text.out(), page.out(), "the printed profile does not change");
    assertTrue(page.err().contains("data profile written to " + pages.resolve("profile.html")), page.err());
    String html = Files.readString(pages.resolve("profile.html"));
    for (String part : new String[] {"<h2>Counts</h2>", "<h2>Missing values</h2>", "<h2>Distributions</h2>",
        "<h2>Genres</h2>", "<h2>Playlists and listening</h2>", "<h2>Checks</h2>", ">energy<", ">danceability<"}) {
      assertTrue(html.contains(part), part);
    }
    int columns = profile.get("audio").size() + profile.get("metadata").size();
    assertTrue(html.split("stroke-width=\"2\"", -1).length - 1 >= columns - 1, "a median line per column");
    java.util.regex.Matcher caption = java.util.regex.Pattern.compile("<figcaption>([^<]*)<").matcher(html);
    int captions = 0;
    while (caption.find()) {
      assertTrue(caption.group(1).endsWith("."), caption.group(1));
      captions++;
    }
    assertEquals(4, captions);
    assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%,d genres", genres)), "genre count in the caption");
  }

  @Test
  void worldErrors() throws IOException {
    Path w = dir.resolve("w");
    Files.createDirectories(w);
    Result none = RecsysCliTest.run("ingest", "--world", w.toString());
    assertEquals(1, none.status());
    assertTrue(none.err().contains("not a synthetic world directory: no manifest.json"), none.err());
    Files.writeString(w.resolve("manifest.json"), "{\"files\": {\"tracks.csv\": 1}}");
    Result partial = RecsysCliTest.run("ingest", "--world", w.toString());
    assertEquals(1, partial.status());
    assertTrue(partial.err().contains("manifest.json (files): lists no mpd.slice.*.json, events.csv"), partial.err());
    Files.writeString(w.resolve("manifest.json"), "{\"files\": ");
    Result broken = RecsysCliTest.run("ingest", "--world", w.toString());
    assertEquals(1, broken.status());
    assertTrue(broken.err().contains("manifest.json:1"), broken.err());
    assertEquals(2, RecsysCliTest.run("ingest", "--world", w.toString(), "--tracks", "x.csv").status(), "--world is alone");
  }
}
