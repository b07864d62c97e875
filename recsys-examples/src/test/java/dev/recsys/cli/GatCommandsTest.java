package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.graph.gat.GatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatCommandsTest {
  @Test
  void trainThenContinueAndNextTrackWithExplanations(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("gat");
    RecsysCliTest.Result train = RecsysCliTest.run("train-gat", "--dataset", "synthetic:tracks=300,listeners=40,seed=5",
        "--out", out.toString(), "--epochs", "1", "--dim", "8", "--heads", "2");
    assertEquals(0, train.status(), train.err());
    assertTrue(Files.exists(out.resolve(GatModel.FILE_NAME)));
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(300).listeners(40).seed(5).build());
    String a = w.catalog().get(0).id();
    String b = w.catalog().get(1).id();
    RecsysCliTest.Result cont = RecsysCliTest.run("continue-playlist", "--model", out.toString(), "--tracks", a + "," + b,
        "--k", "4", "--explain", "--json");
    assertEquals(0, cont.status(), cont.err());
    JsonNode json = new ObjectMapper().readTree(cont.out());
    assertEquals("gat-playlist", json.get("task").asText());
    assertEquals(4, json.get("recommendations").size());
    for (JsonNode rec : json.get("recommendations")) {
      assertNotEquals(a, rec.get("id").asText());
      assertTrue(rec.get("explanation").get("factors").size() > 0);
    }
    RecsysCliTest.Result next = RecsysCliTest.run("next-track", "--model", out.toString(), "--session", a + "," + b,
        "--explain");
    assertEquals(0, next.status(), next.err());
    assertTrue(next.out().contains("gat-next"), next.out());
    assertTrue(next.out().contains("genre-influence"), next.out());
  }

  @Test
  void unknownSeedsAreAClearError(@TempDir Path dir) throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("next-track", "--model", dir.toString(), "--session", "x");
    assertNotEquals(0, r.status());
    assertTrue(r.err().contains("train-gat"), r.err());
  }
}
