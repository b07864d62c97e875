package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @Test
  void writesAWorldAndReportsIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("w");
    RecsysCliTest.Result r = RecsysCliTest.run("generate", "--tracks", "2000", "--listeners", "50", "--seed", "7",
        "--out", out.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(2000, json.get("tracks").asInt());
    assertEquals(50, json.get("listeners").asInt());
    assertEquals(2000, json.get("files").get("tracks.csv").asInt());
    assertEquals(2001, Files.readAllLines(out.resolve("tracks.csv")).size());
    assertTrue(Files.exists(out.resolve("listeners.csv")));
    assertEquals(json.get("events").asLong() + 1, Files.readAllLines(out.resolve("events.csv")).size());
    // same seed, same files
    Path again = dir.resolve("again");
    assertEquals(0, RecsysCliTest.run("generate", "--tracks", "2000", "--listeners", "50", "--seed", "7", "--threads",
        "1", "--out", again.toString()).status());
    for (String f : new String[] {"tracks.csv", "events.csv", "listeners.csv"}) {
      assertEquals(-1L, Files.mismatch(out.resolve(f), again.resolve(f)), f);
    }
  }

  @Test
  void writesASocialWorldThatTheReadersRead(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("s");
    RecsysCliTest.Result r = RecsysCliTest.run("generate", "--social", "--listeners", "60", "--artists", "200",
        "--scenes", "4", "--seed", "3", "--out", out.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(json.get("plays").asLong() + 1, Files.readAllLines(out.resolve("plays.csv")).size());
    assertEquals(json.get("friendships").asLong() + 1, Files.readAllLines(out.resolve("friends.csv")).size());
    dev.recsys.core.model.Interactions plays = dev.recsys.core.data.Datasets.interactions(
        "interactions:" + out.resolve("plays.csv"), dev.recsys.core.data.ReadOptions.STRICT);
    assertEquals(60, plays.users().size());
    dev.recsys.core.model.Interactions friends = dev.recsys.core.data.Datasets.interactions(
        "edges:" + out.resolve("friends.csv"), dev.recsys.core.data.ReadOptions.STRICT);
    assertEquals(json.get("friendships").asInt(), friends.size());
    Path again = dir.resolve("again");
    assertEquals(0, RecsysCliTest.run("generate", "--social", "--listeners", "60", "--artists", "200", "--scenes", "4",
        "--seed", "3", "--out", again.toString()).status());
    for (String f : new String[] {"plays.csv", "friends.csv"}) {
      assertEquals(-1L, Files.mismatch(out.resolve(f), again.resolve(f)), f);
    }
  }

  @Test
  void badCountFailsWithTheRule(@TempDir Path dir) {
    RecsysCliTest.Result r = RecsysCliTest.run("generate", "--tracks", "0", "--out", dir.toString());
    assertEquals(1, r.status());
    assertEquals("error: tracks must be in [1, 50000000]; tracks=0", r.err().strip());
  }
}
