package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
  @Test
  void searchesOnValidationAndWritesAPipelineThatEvaluateReads(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path space = dir.resolve("space.yaml");
    Files.writeString(space, """
        model: ials
        params:
          factors: [4, 8]
          epochs: {int: [2, 4]}
          regularization: {log: [0.001, 0.05]}
          unobservedWeight: {uniform: [0.1, 1.0]}
        """);
    Path out = dir.resolve("tune");
    String[] args = {"tune", "--dataset", "interactions:" + data, "--space", space.toString(), "--trials", "4",
        "--out", out.toString()};
    RecsysCliTest.Result r = RecsysCliTest.run(args);
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.resolve("tune.json").toFile());
    assertEquals(4, json.get("trials").size());
    assertTrue(json.get("split").asText().contains("training part"), json.toString());
    double bestMean = 0;
    for (JsonNode t : json.get("trials")) {
      bestMean = Math.max(bestMean, t.get("mean").asDouble());
      if (t.get("trial").asInt() > 1) {
        int f = t.get("params").get("factors").asInt();
        assertTrue(f == 4 || f == 8, t.toString());
        double reg = t.get("params").get("regularization").asDouble();
        assertTrue(reg >= 0.001 && reg <= 0.05, t.toString());
      }
    }
    assertEquals(bestMean, json.get("trials").get(json.get("best").asInt() - 1).get("mean").asDouble());
    assertTrue(Files.readString(out.resolve("tune.md")).contains("(best)"));
    String yaml = Files.readString(out.resolve("best.yaml"));
    assertTrue(yaml.contains("recommender:") && yaml.contains("type: \"ials\"") || yaml.contains("type: ials"), yaml);
    // the same seed draws the same trials
    Path again = dir.resolve("again");
    args[args.length - 1] = again.toString();
    assertEquals(0, RecsysCliTest.run(args).status());
    assertEquals(Files.readString(out.resolve("tune.md")).replaceAll("\\| [0-9.]+ \\|\\n", "|\n"),
        Files.readString(again.resolve("tune.md")).replaceAll("\\| [0-9.]+ \\|\\n", "|\n"));
    RecsysCliTest.Result e = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models", "popularity",
        "--pipeline", out.resolve("best.yaml").toString(), "--bootstrap", "20", "--json");
    assertEquals(0, e.status(), e.err());
    assertEquals("ials", new ObjectMapper().readTree(e.out()).get("models").get(1).get("name").asText());
  }

  @Test
  void aBadSpaceFailsNamingTheSetting(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path space = dir.resolve("space.yaml");
    Files.writeString(space, "model: ials\nparams:\n  regularization: {log: [0, 1]}\n");
    RecsysCliTest.Result r = RecsysCliTest.run("tune", "--dataset", "interactions:" + data, "--space", space.toString(),
        "--trials", "2", "--out", dir.resolve("t").toString());
    assertTrue(r.status() != 0);
    assertTrue(r.err().contains("params.regularization.log") && r.err().contains("low > 0"), r.err());
  }
}
