package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.graph.choice.ChoiceModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffleCommandsTest {
  @Test
  void fitChoicePrintsTheRecoveryTableAndSavesTheModel(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("choice-model.rsm");
    RecsysCliTest.Result r = RecsysCliTest.run("fit-choice", "--sessions", "60", "--seed", "3", "--tracks", "600",
        "--save", model.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("similarity") && r.out().contains("95% interval") && r.out().contains("McFadden"), r.out());
    assertEquals(8, ChoiceModel.load(model).featureNames().size());
  }

  @Test
  void fitChoiceJson() throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("fit-choice", "--sessions", "40", "--seed", "3", "--tracks", "500", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals(40 * 40, n.path("choices").asInt());
    assertEquals(8, n.path("recovery").size());
  }
}
