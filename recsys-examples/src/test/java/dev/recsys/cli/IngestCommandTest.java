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
}
