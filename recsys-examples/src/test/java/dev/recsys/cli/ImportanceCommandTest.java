package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportanceCommandTest {
  @Test
  void twoTowerGroupsOnValidationDataSameSeedSameNumbers(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    String[] args = {"importance", "--model", "two-tower", "--dataset", "interactions:" + data, "--epochs", "1",
        "--repeats", "2", "--bootstrap", "100", "--json"};
    RecsysCliTest.Result r = RecsysCliTest.run(args);
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("two-tower", json.get("model").asText());
    assertTrue(json.get("validation").asText().contains("of the training part of"), json.toString());
    JsonNode imp = json.get("importance");
    assertEquals("ndcg@10", imp.get("metric").asText());
    assertEquals(80, imp.get("units").asInt(), "every listener has a validation row");
    List<String> groups = new ArrayList<>();
    for (JsonNode g : imp.get("groups")) {
      groups.add(g.get("group").asText());
      JsonNode drop = g.get("drop");
      assertTrue(drop.get("lower").asDouble() <= drop.get("mean").asDouble() + 1e-12
          && drop.get("mean").asDouble() <= drop.get("upper").asDouble() + 1e-12, g.toString());
      assertEquals(imp.get("intact").asDouble() - g.get("permuted").asDouble(), drop.get("mean").asDouble(), 1e-9);
    }
    assertEquals(List.of("listener.id", "listener.recent", "listener.profile.genres", "listener.profile.audio",
        "listener.profile.activity", "track.id", "track.artist", "track.genres", "track.content"), groups);
    assertEquals(r.out(), RecsysCliTest.run(args).out());
  }

  @Test
  void shuffleFeaturesAsATable() {
    RecsysCliTest.Result r = RecsysCliTest.run("importance", "--model", "shuffle", "--dataset", "synthetic",
        "--tracks", "400", "--train-sessions", "20", "--repeats", "2", "--bootstrap", "100");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("log_likelihood intact"), r.out());
    for (String f : List.of("similarity", "recency", "never-played", "same-artist", "key", "tempo", "diversity")) {
      assertTrue(r.out().contains("\n" + f + " "), f + " missing in\n" + r.out());
    }
  }

  @Test
  void unknownModelFailsWithAReason() {
    RecsysCliTest.Result r = RecsysCliTest.run("importance", "--model", "gat", "--dataset", "synthetic");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("--model must be two-tower or shuffle; got 'gat'"), r.err());
  }
}
