package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  /** Clustered listening data: 3 taste groups over 60 items, 80 users, increasing timestamps. */
  static Path writeInteractions(Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    StringBuilder b = new StringBuilder("user,item,weight,timestamp\n");
    for (int u = 0; u < 80; u++) {
      java.util.Set<Integer> items = new java.util.LinkedHashSet<>();
      while (items.size() < 12) {
        items.add(r.nextDouble() < 0.85 ? (u % 3) * 20 + r.nextInt(20) : r.nextInt(60));
      }
      long t = 1000;
      for (int it : items) {
        b.append("u").append(u).append(",t").append(it).append(",1,").append(t += 1 + r.nextInt(50)).append('\n');
      }
    }
    b.append("u1,,1,5\n"); // an empty item: skipped and counted
    Path f = dir.resolve("interactions.csv");
    Files.writeString(f, b);
    return f;
  }

  @Test
  void evaluatesWritesJsonHtmlAndExport(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    Path report = dir.resolve("report");
    Path recs = dir.resolve("recs.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--protocol", "temporal",
        "--models", "popularity,itemknn,random", "--k", "5,10", "--bootstrap", "100", "--json", "--report",
        report.toString(), "--export-recs", recs.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("1 rows skipped"), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(3, json.get("models").size());
    JsonNode knn = json.get("models").get(1);
    assertEquals("itemknn", knn.get("name").asText());
    JsonNode recall = knn.get("metrics").get("recall@10");
    assertTrue(recall.get("lower").asDouble() <= recall.get("mean").asDouble());
    assertTrue(json.get("dataFingerprint").asText().startsWith("sha256:"));
    assertTrue(json.get("gitRevision").asText().length() > 0);
    assertTrue(knn.get("metrics").get("ndcg@10").get("mean").asDouble()
        > json.get("models").get(0).get("metrics").get("ndcg@10").get("mean").asDouble());
    String html = Files.readString(report.resolve("report.html"));
    assertTrue(html.contains("<img") && html.contains("data:image/png;base64,"), "no embedded plot");
    for (String png : new String[] {"metrics", "recall-vs-k", "roc", "precision-recall", "cohort-activity"}) {
      Path p = report.resolve(png + ".png");
      assertTrue(Files.size(p) > 1000, p + " missing or empty");
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 4);
      assertEquals((byte) 0x89, head[0]);
      assertEquals('P', head[1]);
    }
    assertTrue(Files.readString(recs).startsWith("model,user,rank,item,score\npopularity,"));
    assertTrue(Files.exists(dir.resolve("recs.heldout.csv")));
  }

  @Test
  void reportWritesTheErrorAnalysisOfEveryModelAgainstTheBaseline(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    Path report = dir.resolve("report");
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models",
        "popularity,itemknn,random", "--baseline", "itemknn", "--k", "10", "--bootstrap", "100", "--report",
        report.toString(), "--worst", "3");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("error analysis written to"), r.err());
    JsonNode json = new ObjectMapper().readTree(report.resolve("error-analysis.json").toFile());
    JsonNode analyses = json.get("analyses");
    assertEquals(2, analyses.size(), "popularity and random, each against item-kNN");
    JsonNode random = analyses.get(1);
    assertEquals("random", random.get("model").asText());
    assertEquals("itemknn", random.get("baseline").asText());
    JsonNode overall = random.get("overall");
    assertTrue(overall.get("meanDifference").asDouble() < 0, overall.toString());
    assertEquals(overall.get("meanA").asDouble() - overall.get("meanB").asDouble(),
        overall.get("meanDifference").asDouble(), 1e-9);
    JsonNode worst = random.get("worstListeners");
    assertEquals(3, worst.size());
    double previous = Double.NEGATIVE_INFINITY;
    for (JsonNode l : worst) {
      double d = l.get("model").asDouble() - l.get("baseline").asDouble();
      assertTrue(d < 0 && d >= previous, "worst first: " + worst);
      previous = d;
      assertTrue(l.get("missed").size() >= 1, l.toString());
      assertTrue(l.get("groups").has("activity") && l.get("groups").has("history-popularity"), l.toString());
    }
    java.util.Set<String> cohorts = new java.util.TreeSet<>();
    int listeners = 0;
    for (JsonNode c : random.get("cohorts")) {
      cohorts.add(c.get("cohort").asText());
      if (c.get("cohort").asText().equals("activity")) {
        listeners += c.get("listeners").asInt();
      }
    }
    assertEquals(java.util.Set.of("activity", "history-popularity", "item-popularity"), cohorts);
    assertEquals(overall.get("users").asInt(), listeners, "every listener in one activity group");
    assertTrue(random.get("worstTracks").size() >= 1);
    String html = Files.readString(report.resolve("error-analysis.html"));
    assertTrue(html.contains("<h2>random vs itemknn</h2>") && html.contains("Listeners where the model loses most"),
        html);
  }

  @Test
  void tableOutputAndSameSeedSameNumbers(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    String[] args = {"evaluate", "--dataset", "interactions:" + data, "--models", "popularity,userknn", "--k", "10",
        "--bootstrap", "50", "--protocol", "random", "--seed", "3"};
    RecsysCliTest.Result a = RecsysCliTest.run(args);
    RecsysCliTest.Result b = RecsysCliTest.run(args);
    assertEquals(0, a.status(), a.err());
    assertTrue(a.out().contains("userknn") && a.out().contains("recall@10"), a.out());
    // everything but the git revision and the fitting times (last column) is reproducible
    String strip = "(?m)(git \\S+|\\s+[0-9.]+$)";
    assertEquals(a.out().replaceAll(strip, ""), b.out().replaceAll(strip, ""));
  }

  @Test
  void badArgumentsFailWithAReason(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models", "svd");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("unknown model 'svd'") && r.err().contains("ials"), r.err());
    RecsysCliTest.Result q = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models", "ials",
        "--params", "ials={\"factor\":8}");
    assertEquals(1, q.status());
    assertTrue(q.err().contains("unknown key 'factor'") && q.err().contains("factors"), q.err());
    RecsysCliTest.Result v = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models", "ials",
        "--params", "ials={\"factors\":0}");
    assertEquals(1, v.status());
    assertTrue(v.err().contains("factors"), v.err());
    RecsysCliTest.Result p = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--protocol", "weekly");
    assertEquals(2, p.status());
    assertTrue(p.err().contains("unknown --protocol 'weekly'"), p.err());
    RecsysCliTest.Result d = RecsysCliTest.run("evaluate", "--dataset", "csv:" + data);
    assertTrue(d.status() != 0 && d.err().contains("csv:"), d.err());
  }

  /**
   * Every model through the plugin registry on one split: the exported lists and held-out items recompute to the
   * reported NDCG@10 and recall@10 for every model, and the exported split read back gives the same numbers.
   */
  @Test
  void exportedListsRecomputeToTheReportedMetricsAndTheSplitReadsBack(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    Path recs = dir.resolve("recs.csv");
    Path split = dir.resolve("split.csv");
    String models = "popularity,ease,ials,bpr";
    String[] common = {"evaluate", "--dataset", "interactions:" + data, "--models", models, "--k", "10",
        "--bootstrap", "50", "--json", "--params", "ials={\"factors\":8,\"epochs\":4}", "--params",
        "bpr={\"factors\":8,\"epochs\":5}", "--baseline", "ease,ials"};
    java.util.List<String> first = new java.util.ArrayList<>(java.util.List.of(common));
    first.addAll(java.util.List.of("--export-recs", recs.toString(), "--export-split", split.toString()));
    RecsysCliTest.Result r = RecsysCliTest.run(first.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(4, json.get("models").size());
    java.util.Map<String, java.util.Set<String>> relevant = new java.util.HashMap<>();
    for (String l : Files.readAllLines(dev.recsys.core.eval.report.RecommendationExport.heldOutFile(recs)).stream().skip(1).toList()) {
      String[] f = l.split(",");
      if (f[0].equals("ials")) {
        relevant.computeIfAbsent(f[1], x -> new java.util.HashSet<>()).add(f[2]);
      }
    }
    java.util.Map<String, java.util.Map<String, java.util.List<String>>> lists = new java.util.HashMap<>();
    for (String l : Files.readAllLines(recs).stream().skip(1).toList()) {
      String[] f = l.split(",");
      lists.computeIfAbsent(f[0], x -> new java.util.HashMap<>()).computeIfAbsent(f[1], x -> new java.util.ArrayList<>())
          .add(f[3]);
    }
    for (JsonNode m : json.get("models")) {
      String name = m.get("name").asText();
      double[] again = ndcgAndRecallAt10(lists.get(name), relevant);
      assertEquals(m.get("metrics").get("ndcg@10").get("mean").asDouble(), again[0], 1e-9, name);
      assertEquals(m.get("metrics").get("recall@10").get("mean").asDouble(), again[1], 1e-9, name);
    }
    java.util.List<String> again = new java.util.ArrayList<>(java.util.List.of(common));
    again.addAll(java.util.List.of("--split", split.toString()));
    RecsysCliTest.Result b = RecsysCliTest.run(again.toArray(String[]::new));
    assertEquals(0, b.status(), b.err());
    JsonNode back = new ObjectMapper().readTree(b.out());
    for (int i = 0; i < 4; i++) {
      assertEquals(json.get("models").get(i).get("metrics"), back.get("models").get(i).get("metrics"));
    }
    assertTrue(json.get("comparisons").toString().contains("ease"), json.get("comparisons").toString());
  }

  /** The two-tower (recsys-embedding) and graph attention (recsys-graph) models are resolved by name like any other. */
  @Test
  void twoTowerAndGraphAttentionAreRecommenderPlugins(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models",
        "popularity,two-tower,gat", "--k", "10", "--bootstrap", "20", "--json", "--params",
        "two-tower={\"training\":{\"epochs\":1}}", "--params", "gat={\"training\":{\"epochs\":1}}");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("two-tower", json.get("models").get(1).get("name").asText());
    assertEquals("gat", json.get("models").get(2).get("name").asText());
    for (JsonNode m : json.get("models")) {
      assertTrue(m.get("metrics").get("ndcg@10").get("mean").asDouble() > 0, m.toString());
    }
  }

  @Test
  void crossValidatesByListenerAndByTimeWithMeanAndSpreadAcrossFolds(@TempDir Path dir) throws Exception {
    Path data = writeInteractions(dir);
    for (String kind : new String[] {"listener", "time"}) {
      String[] args = {"evaluate", "--dataset", "interactions:" + data, "--models", "popularity,itemknn", "--folds",
          "4", "--cv", kind, "--bootstrap", "0", "--json"};
      RecsysCliTest.Result r = RecsysCliTest.run(args);
      assertEquals(0, r.status(), r.err());
      com.fasterxml.jackson.databind.JsonNode rep = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
      assertEquals(4, rep.get("foldProtocols").size());
      assertTrue(rep.get("foldProtocols").get(0).asText().startsWith(kind + " fold 1/4"), rep.toString());
      for (com.fasterxml.jackson.databind.JsonNode m : rep.get("models")) {
        com.fasterxml.jackson.databind.JsonNode ndcg = m.get("metrics").get("ndcg@10");
        assertEquals(4, ndcg.get("folds").size());
        double mean = 0;
        double min = 1;
        for (com.fasterxml.jackson.databind.JsonNode f : ndcg.get("folds")) {
          mean += f.asDouble() / 4;
          min = Math.min(min, f.asDouble());
        }
        assertEquals(mean, ndcg.get("mean").asDouble(), 1e-9);
        assertEquals(min, ndcg.get("min").asDouble(), 1e-12);
        assertTrue(ndcg.get("sd").asDouble() >= 0);
      }
      assertEquals("itemknn", rep.get("comparisons").get(0).get("model").asText());
      assertEquals("popularity", rep.get("comparisons").get(0).get("baseline").asText());
      // the same seed gives the same folds and numbers (fit times aside)
      String noTimes = "\"fitSeconds\" : [0-9.E-]+";
      assertEquals(r.out().replaceAll(noTimes, ""), RecsysCliTest.run(args).out().replaceAll(noTimes, ""));
    }
    RecsysCliTest.Result table = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--models",
        "popularity", "--folds", "3", "--bootstrap", "0");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().contains("3 listener folds") && table.out().contains(" ± "), table.out());
    RecsysCliTest.Result bad = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--folds", "3",
        "--export-recs", dir.resolve("x.csv").toString());
    assertTrue(bad.status() != 0);
    assertTrue(bad.err().contains("--folds cannot be combined"), bad.err());
    RecsysCliTest.Result badKind = RecsysCliTest.run("evaluate", "--dataset", "interactions:" + data, "--folds", "3",
        "--cv", "user");
    assertTrue(badKind.status() != 0);
    assertTrue(badKind.err().contains("listener, time"), badKind.err());
  }

  /**
   * Mean NDCG@10 and recall@10 of exported lists, recomputed here from their definition (binary relevance, log2
   * discount) independently of the library's metrics; a user without a list scores 0.
   *
   * @param lists ranked item ids by user
   * @param relevant held-out items by user
   * @return {@code {ndcg@10, recall@10}}
   */
  static double[] ndcgAndRecallAt10(java.util.Map<String, java.util.List<String>> lists,
      java.util.Map<String, java.util.Set<String>> relevant) {
    double ndcg = 0;
    double recall = 0;
    for (java.util.Map.Entry<String, java.util.Set<String>> e : relevant.entrySet()) {
      java.util.List<String> ranked = lists.getOrDefault(e.getKey(), java.util.List.of());
      double dcg = 0;
      double ideal = 0;
      int hits = 0;
      for (int i = 0; i < 10; i++) {
        if (i < ranked.size() && e.getValue().contains(ranked.get(i))) {
          dcg += 1 / (Math.log(i + 2) / Math.log(2));
          hits++;
        }
        if (i < e.getValue().size()) {
          ideal += 1 / (Math.log(i + 2) / Math.log(2));
        }
      }
      ndcg += dcg / ideal;
      recall += hits / (double) e.getValue().size();
    }
    return new double[] {ndcg / relevant.size(), recall / relevant.size()};
  }
}
