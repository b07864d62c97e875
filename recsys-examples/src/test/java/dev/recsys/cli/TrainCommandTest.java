package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recsys train} then {@code recsys recommend --model-file}: the served lists are the in-process model's. */
class TrainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The listed items and scores of {@code recommend --json}. */
  private static List<String> served(Path model, String listener) throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("recommend", "--model-file", model.toString(), "--listener", listener,
        "--k", "8", "--json");
    assertEquals(0, r.status(), r.err());
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode row : JSON.readTree(r.out())) {
      out.add(row.get("track").asText() + " " + row.get("score").asDouble());
    }
    return out;
  }

  private static List<String> inProcess(Recommender rec, String listener) {
    return rec.recommend(new RecommendationQuery(Optional.of(listener), List.of(), 8, Set.of(), true, Set.of()))
        .stream().map((Recommendation x) -> x.itemId() + " " + x.score()).toList();
  }

  @Test
  void trainedModelsServeTheListsOfTheModelFittedInProcess(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    String dataset = "interactions:" + data;
    TwoTowerSupport.Data loaded = TwoTowerSupport.load(dataset);
    for (String[] m : List.of(new String[] {"ease", null}, new String[] {"ials", "{\"factors\":8,\"epochs\":3}"},
        new String[] {"itemknn", "{\"neighbours\":20}"})) {
      Path out = dir.resolve(m[0] + ".rsm");
      RecsysCliTest.Result r = m[1] == null
          ? RecsysCliTest.run("train", "--model", m[0], "--dataset", dataset, "--out", out.toString())
          : RecsysCliTest.run("train", "--model", m[0], "--params", m[1], "--dataset", dataset, "--out", out.toString());
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().contains("'" + m[0] + "' fitted on " + loaded.interactions().size()), r.out());
      Recommender fitted = RecommenderModels.trainer(m[0], m[1], 42, loaded.catalog()).fit(loaded.interactions());
      for (String listener : List.of(loaded.interactions().users().id(0), loaded.interactions().users().id(7),
          "someone-new")) {
        assertEquals(inProcess(fitted, listener), served(out, listener), m[0] + " for " + listener);
      }
      // the file is the plugin's saved model: the library reads it back the same way
      assertEquals(inProcess(fitted, loaded.interactions().users().id(3)),
          inProcess(Plugins.loadRecommender(out), loaded.interactions().users().id(3)));
    }
  }

  @Test
  void aPipelineFileSelectsTheModel(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path pipeline = dir.resolve("p.yaml");
    Files.writeString(pipeline, "recommender:\n  type: userknn\n  params: {neighbours: 5}\n");
    Path out = dir.resolve("u.rsm");
    RecsysCliTest.Result r = RecsysCliTest.run("train", "--pipeline", pipeline.toString(), "--dataset",
        "interactions:" + data, "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("userknn", Plugins.loadRecommender(out).name());
    assertTrue(dev.recsys.core.io.ModelContainer.readFrom(out).configJson().contains("\"neighbours\":5"));
  }

  @Test
  void aCorruptedModelFileFailsNamingIt(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.rsm");
    Files.writeString(bad, "not a model");
    RecsysCliTest.Result r = RecsysCliTest.run("recommend", "--model-file", bad.toString(), "--listener", "u1");
    assertTrue(r.status() != 0);
    assertTrue(r.err().contains(bad.toString()) && r.err().contains("not a recsys model file"), r.err());
  }
}
