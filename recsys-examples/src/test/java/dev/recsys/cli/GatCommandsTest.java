package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.graph.gat.GatV2Model;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatCommandsTest {
  @Test
  void trainThenContinueAndNextTrackWithExplanations(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("gat");
    RecsysCliTest.Result train = RecsysCliTest.run("train-gat", "--dataset", "synthetic:tracks=300,listeners=40,seed=5",
        "--out", out.toString(), "--epochs", "1", "--dim", "8", "--fanout", "3", "--json");
    assertEquals(0, train.status(), train.err());
    assertTrue(Files.exists(out.resolve(GatV2Model.FILE_NAME)));
    JsonNode summary = new ObjectMapper().readTree(train.out());
    assertEquals(out.resolve(GatV2Model.FILE_NAME).toString(), summary.get("model").asText());
    assertTrue(summary.get("epochs").size() >= 1 && summary.get("epochs").get(0).get("epoch").asInt() == 1, train.out());
    assertTrue(summary.get("blend").asDouble() >= 0);
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

  @Test
  void evaluateGatRunsTheSharedEvaluationWithColdSplitAndExport(@TempDir Path dir) throws Exception {
    Path recs = dir.resolve("recs.csv");
    Path split = dir.resolve("split.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-gat", "--dataset", "synthetic:tracks=300,listeners=40,seed=5",
        "--task", "next", "--models", "itemknn,sessionknn,gat", "--baseline", "itemknn", "--bootstrap", "20",
        "--params", "gat={\"dim\":8,\"fanout\":[3],\"training\":{\"epochs\":1}}", "--export-recs",
        recs.toString(), "--export-split", split.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("sessionknn") && r.out().contains("gat vs itemknn"), r.out());
    assertTrue(Files.readString(recs).lines().anyMatch(l -> l.startsWith("gat,")));
    RecsysCliTest.Result cold = RecsysCliTest.run("evaluate-gat", "--dataset",
        "synthetic:tracks=300,listeners=40,seed=5", "--task", "next", "--test-fraction", "0.5", "--cold", "--models",
        "popularity", "--bootstrap", "20", "--export-split", split.toString());
    java.util.Set<String> trainItems = new java.util.HashSet<>();
    java.util.List<String> testItems = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(split)) {
      String[] f = line.split(",");
      if (f[f.length - 1].equals("train")) {
        trainItems.add(f[1]);
      } else if (f[f.length - 1].equals("test")) {
        testItems.add(f[1]);
      }
    }
    if (cold.status() == 0) {
      assertTrue(testItems.stream().noneMatch(trainItems::contains), "cold split holds out only unseen tracks");
    } else {
      assertTrue(cold.err().contains("no test user"), cold.err());
    }
  }
  /**
   * The sequence evaluation of the content GAT: the exported ranked lists and held-out tracks recompute to the
   * reported NDCG@10 and recall@10 of every model (the GAT, item-kNN and session-kNN).
   */
  @Test
  void evaluateGatExportsRecomputeToTheReportedMetrics(@TempDir Path dir) throws Exception {
    Path recs = dir.resolve("recs.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-gat", "--dataset", "synthetic:tracks=300,listeners=40,seed=5",
        "--task", "next", "--models", "itemknn,sessionknn,gat", "--baseline", "itemknn", "--bootstrap", "20",
        "--params", "gat={\"dim\":8,\"fanout\":[3,3],\"training\":{\"epochs\":2}}", "--json", "--export-recs",
        recs.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(3, json.get("models").size());
    java.util.Map<String, java.util.Map<String, java.util.Set<String>>> relevant = new java.util.HashMap<>();
    for (String l : Files.readAllLines(dev.recsys.core.eval.report.RecommendationExport.heldOutFile(recs)).stream()
        .skip(1).toList()) {
      String[] f = l.split(",");
      relevant.computeIfAbsent(f[0], x -> new java.util.HashMap<>()).computeIfAbsent(f[1],
          x -> new java.util.HashSet<>()).add(f[2]);
    }
    java.util.Map<String, java.util.Map<String, java.util.List<String>>> lists = new java.util.HashMap<>();
    for (String l : Files.readAllLines(recs).stream().skip(1).toList()) {
      String[] f = l.split(",");
      lists.computeIfAbsent(f[0], x -> new java.util.HashMap<>()).computeIfAbsent(f[1],
          x -> new java.util.ArrayList<>()).add(f[3]);
    }
    for (JsonNode m : json.get("models")) {
      String name = m.get("name").asText();
      java.util.Map<String, java.util.Set<String>> rel = relevant.get(name);
      assertTrue(rel != null && !rel.isEmpty(), name);
      double[] again = EvaluateCommandTest.ndcgAndRecallAt10(lists.getOrDefault(name, java.util.Map.of()), rel);
      assertEquals(m.get("metrics").get("ndcg@10").get("mean").asDouble(), again[0], 1e-9, name);
      assertEquals(m.get("metrics").get("recall@10").get("mean").asDouble(), again[1], 1e-9, name);
    }
  }
}
