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
  void graphThenShuffleOnAModelDirectory(@TempDir Path dir) throws Exception {
    dev.recsys.graph.simulation.SyntheticWorld w = dev.recsys.graph.simulation.SyntheticWorld.generate(400, 8, 5, 8, 2);
    dev.recsys.core.io.ModelDirectory md = new dev.recsys.core.io.ModelDirectory(dir);
    w.vectors().withProvenance(dev.recsys.core.io.Provenance.now(2, "sha256:test")).save(md.trackVectors());
    RecsysCliTest.Result missing = RecsysCliTest.run("shuffle", "--model", dir.toString(), "--start", "t0");
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("run 'recsys graph"), missing.err());
    RecsysCliTest.Result g = RecsysCliTest.run("graph", "--model", dir.toString(), "--k", "20");
    assertEquals(0, g.status(), g.err());
    assertTrue(g.out().contains("400 tracks, 8000 edges"), g.out());
    RecsysCliTest.Result s = RecsysCliTest.run("shuffle", "--model", dir.toString(), "--start", "Track 7", "--length", "10", "--explain");
    assertEquals(0, s.status(), s.err());
    assertTrue(s.out().contains("weights: defaults") && s.out().contains("contribution") && s.out().contains("plain shuffle"), s.out());
    RecsysCliTest.Result fit = RecsysCliTest.run("fit-choice", "--sessions", "30", "--tracks", "400", "--save", md.choiceModel().toString());
    assertEquals(0, fit.status(), fit.err());
    RecsysCliTest.Result j = RecsysCliTest.run("shuffle", "--model", dir.toString(), "--start", "t3", "--length", "8", "--json");
    assertEquals(0, j.status(), j.err());
    JsonNode n = new ObjectMapper().readTree(j.out());
    assertEquals(7, n.path("smart").size());
    assertEquals(8, n.path("plainShuffle").size());
    assertTrue(n.path("weightsFrom").asText().endsWith("choice-model.rsm"));
    RecsysCliTest.Result bad = RecsysCliTest.run("shuffle", "--model", dir.toString(), "--start", "no such song");
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("no track with id or title 'no such song'"), bad.err());
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
