package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  @Test
  void successiveHalvingByEpochsKeepsTheBestThirdOfEachRung(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path space = dir.resolve("space.yaml");
    Files.writeString(space, """
        model: ials
        params:
          factors: [4, 8]
          epochs: [9]
          regularization: {log: [0.001, 0.05]}
        """);
    Path out = dir.resolve("sh");
    RecsysCliTest.Result r = RecsysCliTest.run("tune", "--dataset", "interactions:" + data, "--space",
        space.toString(), "--search", "halving", "--trials", "9", "--eta", "3", "--out", out.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.resolve("tune.json").toFile());
    assertEquals(json, new ObjectMapper().readTree(r.out()));
    JsonNode trials = json.get("trials");
    // 9 configurations: rungs of 9, 3 and 1 evaluations at 1/9, 1/3 and all of the epochs
    assertEquals(13, trials.size(), json.toString());
    int[] perRung = new int[3];
    for (JsonNode t : trials) {
      perRung[t.get("rung").asInt()]++;
    }
    assertArrayEquals(new int[] {9, 3, 1}, perRung);
    for (JsonNode t : trials) {
      if (t.get("trial").asInt() > 1 && t.get("rung").asInt() == 0) {
        assertEquals(1, t.get("epochs").asInt(), t.toString()); // 9 epochs / 9
      }
      if (t.get("trial").asInt() > 1 && t.get("rung").asInt() == 1) {
        assertEquals(3, t.get("epochs").asInt(), t.toString());
      }
    }
    // the survivors of rung 0 are its three best
    java.util.List<JsonNode> rung0 = new java.util.ArrayList<>();
    java.util.Set<Integer> rung1 = new java.util.HashSet<>();
    for (JsonNode t : trials) {
      if (t.get("rung").asInt() == 0) {
        rung0.add(t);
      } else if (t.get("rung").asInt() == 1) {
        rung1.add(t.get("trial").asInt());
      }
    }
    rung0.sort(java.util.Comparator.comparingDouble((JsonNode t) -> -t.get("mean").asDouble())
        .thenComparingInt(t -> t.get("trial").asInt()));
    for (int k = 0; k < 3; k++) {
      assertTrue(rung1.contains(rung0.get(k).get("trial").asInt()), "rung 1 holds the best of rung 0");
    }
    JsonNode last = trials.get(trials.size() - 1);
    assertEquals(2, last.get("rung").asInt());
    assertEquals(json.get("best").asInt(), last.get("trial").asInt());
    assertTrue(last.get("epochs").isNull(), "the last rung runs the configuration's own epochs");
    String md = Files.readString(out.resolve("tune.md"));
    assertTrue(md.contains("| rung |"), md);
    String[] lines = md.split("\n");
    assertEquals(lines[0].chars().filter(ch -> ch == '|').count(), lines[1].chars().filter(ch -> ch == '|').count(),
        "the separator row has one cell per column: " + md);
    RecsysCliTest.Result e = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models",
        "popularity", "--pipeline", out.resolve("best.yaml").toString(), "--bootstrap", "20", "--json");
    assertEquals(0, e.status(), e.err());
  }

  @Test
  void successiveHalvingByDataFractionWithCrossValidatedTrials(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path space = dir.resolve("space.yaml");
    Files.writeString(space, "model: itemknn\nparams:\n  neighbours: [5, 20, 50]\n");
    Path out = dir.resolve("cv");
    RecsysCliTest.Result r = RecsysCliTest.run("tune", "--dataset", "interactions:" + data, "--space",
        space.toString(), "--search", "halving", "--rung-by", "data", "--eta", "2", "--trials", "4", "--folds", "3",
        "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.resolve("tune.json").toFile());
    assertEquals(3, json.get("folds").asInt());
    assertTrue(json.get("split").asText().contains("3 listener folds"), json.get("split").asText());
    // 4 configurations, eta 2: rungs of 4, 2 and 1 at a quarter, half and all of the rows
    assertEquals(7, json.get("trials").size());
    for (JsonNode t : json.get("trials")) {
      assertEquals(3, t.get("folds").size(), t.toString());
      double mean = 0;
      for (JsonNode f : t.get("folds")) {
        mean += f.asDouble() / 3;
      }
      assertEquals(mean, t.get("mean").asDouble(), 1e-9);
      assertTrue(t.get("sd").asDouble() >= 0);
      double expected = Math.pow(2, t.get("rung").asInt() - 2);
      assertEquals(expected, t.get("resource").asDouble(), 1e-12);
    }
    String md = Files.readString(out.resolve("tune.md"));
    assertTrue(md.contains("mean of 3 folds"), md);
    String[] lines = md.split("\n");
    assertEquals(lines[0].chars().filter(ch -> ch == '|').count(), lines[1].chars().filter(ch -> ch == '|').count(),
        md);
  }

  @Test
  void tunesAListenerMatcherOnTheSplitHalfTaskAndEvaluateMatchingReadsTheBest(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path space = dir.resolve("space.yaml");
    Files.writeString(space, "model: svd\nkind: matcher\nparams:\n  rank: {int: [2, 16]}\n");
    Path out = dir.resolve("m");
    RecsysCliTest.Result r = RecsysCliTest.run("tune", "--dataset", "interactions:" + data, "--space",
        space.toString(), "--trials", "3", "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.resolve("tune.json").toFile());
    assertEquals("matcher", json.get("kind").asText());
    assertEquals("recall@10", json.get("metric").asText());
    assertTrue(json.get("split").asText().contains("split-half"), json.get("split").asText());
    String yaml = Files.readString(out.resolve("best.yaml"));
    assertTrue(yaml.contains("matcher:"), yaml);
    RecsysCliTest.Result e = RecsysCliTest.run("evaluate-matching", "--dataset", "interactions:" + data, "--models",
        "random", "--pipeline", out.resolve("best.yaml").toString(), "--bootstrap", "20", "--json");
    assertEquals(0, e.status(), e.err());
    JsonNode rep = new ObjectMapper().readTree(e.out());
    assertEquals("svd", rep.get("models").get(0).get("model").asText());
  }

  @Test
  void halvingByEpochsNeedsAnEpochsSetting(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path space = dir.resolve("space.yaml");
    Files.writeString(space, "model: itemknn\nparams:\n  neighbours: [5, 20]\n");
    RecsysCliTest.Result r = RecsysCliTest.run("tune", "--dataset", "interactions:" + data, "--space",
        space.toString(), "--search", "halving", "--trials", "3", "--out", dir.resolve("x").toString());
    assertTrue(r.status() != 0);
    assertTrue(r.err().contains("no setting named epochs") && r.err().contains("--rung-by data"), r.err());
  }

  @Test
  void rungCount() {
    assertEquals(1, TuneCommand.rungs(1, 3));
    assertEquals(1, TuneCommand.rungs(2, 3));
    assertEquals(2, TuneCommand.rungs(3, 3));
    assertEquals(3, TuneCommand.rungs(9, 3));
    assertEquals(3, TuneCommand.rungs(26, 3));
    assertEquals(4, TuneCommand.rungs(27, 3));
    assertEquals(3, TuneCommand.rungs(4, 2));
  }
}
