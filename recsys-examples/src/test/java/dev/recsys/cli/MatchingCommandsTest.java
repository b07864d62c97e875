package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.eval.matching.MatchExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate-matching and similar-listeners end to end on a small id-only interaction file. */
class MatchingCommandsTest {
  @Test
  void evaluatesMatchersAndExportsWhatRecomputesToTheReport(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path export = dir.resolve("matches.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-matching", "--dataset", "interactions:" + data,
        "--protocol", "split-half", "--models", "svd,random,cosine-tfidf", "--k", "5", "--bootstrap", "100", "--json",
        "--export-matches", export.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode rep = new ObjectMapper().readTree(r.out());
    assertEquals(80, rep.get("queries").asInt());
    assertEquals(4, rep.get("comparisons").size());
    Map<String, Map<String, Double>> again = MatchExport.recompute(export, 5);
    for (JsonNode m : rep.get("models")) {
      double reported = m.get("metrics").get("recall@5").get("mean").asDouble();
      assertEquals(reported, again.get(m.get("model").asText()).get("recall@5"), 1e-9);
    }
    r = RecsysCliTest.run("evaluate-matching", "--dataset", "interactions:" + data, "--protocol", "truth");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--protocol truth needs --truth edges:FILE"), r.err());
  }

  @Test
  void truthProtocolChoosesTheOverlapWeightOnHeldOutQueriesAndReportsTheRest(@TempDir Path dir) throws Exception {
    Path world = dir.resolve("social");
    assertEquals(0, RecsysCliTest.run("generate", "--social", "--listeners", "200", "--artists", "400", "--scenes", "4",
        "--seed", "3", "--out", world.toString()).status());
    Path export = dir.resolve("matches.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-matching", "--dataset",
        "interactions:" + world.resolve("plays.csv"), "--truth", "edges:" + world.resolve("friends.csv"),
        "--protocol", "truth", "--models", "matcher,cosine-tfidf", "--overlap-weights", "0,1,20", "--bootstrap", "100",
        "--json", "--export-matches", export.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode rep = new ObjectMapper().readTree(r.out());
    JsonNode notes = rep.get("notes");
    assertEquals(notes.get("queries").asInt(), notes.get("validation queries").asInt() + rep.get("queries").asInt());
    assertEquals(notes.get("test queries").asInt(), rep.get("queries").asInt());
    JsonNode choice = rep.get("choices").get("matcher");
    assertEquals(notes.get("validation queries").asInt(), choice.get("queries").asInt());
    assertEquals(2, choice.get("recall").size(), "tfidf and bm25-idf2, chosen jointly with the weight");
    choice.get("recall").forEach(w -> assertEquals(3, w.size(), choice.toString()));
    assertTrue(choice.get("weight").asDouble() > 0, choice.toString());
    assertTrue(choice.get("recall").has(choice.get("weighting").asText()), choice.toString());
    Map<String, Map<String, Double>> again = MatchExport.recompute(export, 10);
    for (JsonNode m : rep.get("models")) {
      double reported = m.get("metrics").get("recall@10").get("mean").asDouble();
      assertEquals(reported, again.get(m.get("model").asText()).get("recall@10"), 1e-9);
    }
    r = RecsysCliTest.run("evaluate-matching", "--dataset", "interactions:" + world.resolve("plays.csv"), "--truth",
        "edges:" + world.resolve("friends.csv"), "--protocol", "truth", "--truth-validation", "1");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--truth-validation must be in [0, 1)"), r.err());
  }

  @Test
  void theOverlapChoiceNeverReadsTheTestQueriesPairs(@TempDir Path dir) throws Exception {
    Path world = dir.resolve("social");
    assertEquals(0, RecsysCliTest.run("generate", "--social", "--listeners", "200", "--artists", "400", "--scenes", "4",
        "--seed", "5", "--out", world.toString()).status());
    Path export = dir.resolve("matches.csv");
    List<String> args = List.of("evaluate-matching", "--dataset", "interactions:" + world.resolve("plays.csv"),
        "--protocol", "truth", "--models", "matcher,cosine-bm25", "--overlap-weights", "0,1,20,100",
        "--bootstrap", "20", "--json", "--export-matches", export.toString());
    RecsysCliTest.Result r = run(args, world.resolve("friends.csv"));
    assertEquals(0, r.status(), r.err());
    JsonNode first = new ObjectMapper().readTree(r.out());
    // the test queries are the users of the exported truth; rewire the pairs among them only
    java.util.Set<String> test = new java.util.TreeSet<>();
    List<String> truth = Files.readAllLines(dir.resolve("matches.truth.csv"));
    for (String line : truth.subList(1, truth.size())) {
      test.add(line.split(",")[0]);
    }
    List<String> testIds = List.copyOf(test);
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    List<String> edges = Files.readAllLines(world.resolve("friends.csv"));
    List<String> rewired = new java.util.ArrayList<>(List.of(edges.get(0)));
    int changed = 0;
    for (String e : edges.subList(1, edges.size())) {
      String[] ab = e.split(",");
      if (test.contains(ab[0]) && test.contains(ab[1])) {
        rewired.add(testIds.get(random.nextInt(testIds.size())) + "," + testIds.get(random.nextInt(testIds.size())));
        changed++;
      } else {
        rewired.add(e);
      }
    }
    assertTrue(changed > 50, "pairs among test queries: " + changed);
    Path friends2 = dir.resolve("rewired.csv");
    Files.write(friends2, rewired);
    r = run(args, friends2);
    assertEquals(0, r.status(), r.err());
    JsonNode second = new ObjectMapper().readTree(r.out());
    assertEquals(first.get("choices"), second.get("choices"), "the choice reads the validation queries only");
    assertTrue(!first.get("models").equals(second.get("models")), "the test truth did change the report");
  }

  private static RecsysCliTest.Result run(List<String> args, Path friends) throws Exception {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of("--truth", "edges:" + friends));
    return RecsysCliTest.run(all.toArray(String[]::new));
  }

  @Test
  void theNewBaselinesAreSelectableByName(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-matching", "--dataset", "interactions:" + data,
        "--protocol", "split-half", "--models", "cosine-bm25,ials", "--k", "5", "--bootstrap", "50", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode rep = new ObjectMapper().readTree(r.out());
    assertEquals(List.of("cosine-bm25", "ials"), java.util.stream.StreamSupport.stream(rep.get("models").spliterator(), false)
        .map(m -> m.get("model").asText()).toList());
    r = RecsysCliTest.run("evaluate-matching", "--dataset", "interactions:" + data, "--protocol", "split-half",
        "--models", "cosine-bm26");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("cosine-bm26"), r.err());
  }

  @Test
  void answersManyListenersAndFindsAnAddedOne(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path extra = dir.resolve("new.csv");
    Files.writeString(extra, "user,item,weight\nnewcomer,t1,3\nnewcomer,t2,1\nnewcomer,t5,2\nnewcomer,t7,1\n"
        + "twin,t1,3\ntwin,t2,1\ntwin,t5,2\ntwin,t7,1\n");
    Path ids = dir.resolve("ids.txt");
    Files.writeString(ids, "# asked\nnewcomer\nu3\n");
    Path csv = dir.resolve("out.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("similar-listeners", "--dataset", "interactions:" + data, "--matcher",
        "cosine-tfidf", "--add", "interactions:" + extra, "--listeners", ids.toString(), "--k", "3", "--json", "--csv",
        csv.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode answers = new ObjectMapper().readTree(r.out());
    assertEquals(2, answers.size());
    assertEquals("twin", answers.get(0).get("matches").get(0).get("listener").asText());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("listener,rank,match,score,driver,summary", lines.get(0));
    assertEquals(1 + 6, lines.size());
    r = RecsysCliTest.run("similar-listeners", "--dataset", "interactions:" + data, "--matcher", "svd", "--all", "--k", "2");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("listeners similar to u79:"), r.out());
  }

  @Test
  void aSavedLearnedMatcherAnswersAsTheFittedOneAndTakesNewListeners(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path extra = dir.resolve("new.csv");
    Files.writeString(extra, "user,item,weight\nnewcomer,t1,3\nnewcomer,t2,1\nnewcomer,t5,2\nnewcomer,t7,1\n");
    Path model = dir.resolve("matcher.rsm");
    RecsysCliTest.Result fitted = RecsysCliTest.run("similar-listeners", "--dataset", "interactions:" + data,
        "--add", "interactions:" + extra, "--all", "--k", "3", "--json", "--save", model.toString());
    assertEquals(0, fitted.status(), fitted.err());
    assertTrue(Files.size(model) > 0);
    RecsysCliTest.Result loaded = RecsysCliTest.run("similar-listeners", "--matcher-file", model.toString(), "--all",
        "--k", "3", "--json");
    assertEquals(0, loaded.status(), loaded.err());
    assertEquals(fitted.out(), loaded.out());
    assertTrue(loaded.err().contains("loaded from"), loaded.err());
    Path twin = dir.resolve("twin.csv");
    Files.writeString(twin, "user,item,weight\ntwin,t1,3\ntwin,t2,1\ntwin,t5,2\ntwin,t7,1\n");
    RecsysCliTest.Result added = RecsysCliTest.run("similar-listeners", "--matcher-file", model.toString(), "--add",
        "interactions:" + twin, "--listener", "newcomer", "--k", "1", "--json");
    assertEquals(0, added.status(), added.err());
    assertEquals("twin", new ObjectMapper().readTree(added.out()).get(0).get("listener").asText(), added.out());
    RecsysCliTest.Result both = RecsysCliTest.run("similar-listeners", "--matcher-file", model.toString(),
        "--dataset", "interactions:" + data, "--all");
    assertEquals(2, both.status());
    assertTrue(both.err().contains("exactly one of"), both.err());
    RecsysCliTest.Result unsaveable = RecsysCliTest.run("similar-listeners", "--dataset", "interactions:" + data,
        "--matcher", "svd", "--all", "--save", dir.resolve("svd.rsm").toString());
    assertTrue(unsaveable.status() != 0 && unsaveable.err().contains("does not save"), unsaveable.err());
  }
}
