package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate-attributes end to end on a small synthetic world, and its refusal of data without attributes. */
class EvaluateAttributesCommandTest {
  @Test
  void measuresTheAttributesOfASyntheticWorld(@TempDir Path dir) throws Exception {
    Path world = dir.resolve("w");
    assertEquals(0, RecsysCliTest.run("generate", "--tracks", "600", "--listeners", "80", "--seed", "4", "--out",
        world.toString()).status());
    assertTrue(Files.exists(world.resolve("listener-attributes.csv")));
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-attributes", "--dataset", "synthetic:" + world, "--epochs", "1",
        "--variants", "attributes,all", "--bootstrap", "50", "--cold-share", "0.3", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(80, json.get("listenersWithAttributes").asInt());
    assertEquals(3, json.get("validation").size());
    assertEquals("none", json.get("validation").get(0).get("variant").asText());
    String chosen = json.get("chosen").asText();
    assertTrue(chosen.equals("attributes") || chosen.equals("all"), chosen);
    JsonNode overall = json.get("overall");
    assertEquals(json.get("listeners").asInt(), overall.get("users").asInt());
    assertEquals(overall.get("meanA").asDouble() - overall.get("meanB").asDouble(),
        overall.get("meanDifference").asDouble(), 1e-9);
    assertTrue(overall.get("lower").asDouble() <= overall.get("meanDifference").asDouble()
        && overall.get("meanDifference").asDouble() <= overall.get("upper").asDouble(), overall.toString());
    int cold = json.get("coldListeners").asInt();
    assertTrue(cold > 5 && cold < json.get("listeners").asInt(), "cold listeners: " + cold);
    assertEquals(cold, json.get("cold").get("users").asInt());
    assertTrue(r.err().contains("validation attributes"), r.err());

    r = RecsysCliTest.run("evaluate-attributes", "--dataset", "synthetic:" + world, "--epochs", "1", "--variants",
        "attributes", "--bootstrap", "20");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("test NDCG@10, attributes vs none") && r.out().contains("cold listeners"), r.out());
  }

  @Test
  void refusesDataWithoutAttributesAndUnknownVariants(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-attributes", "--dataset", "interactions:" + data);
    assertEquals(1, r.status());
    assertTrue(r.err().contains("no listener has attributes"), r.err());
    Path attrs = dir.resolve("attrs.csv");
    Files.writeString(attrs, "user,age:numeric\nu1,30\n");
    r = RecsysCliTest.run("evaluate-attributes", "--dataset", "interactions:" + data, "--attributes", attrs.toString(),
        "--variants", "everything");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("unknown listener-feature variant 'everything'"), r.err());
  }
}
