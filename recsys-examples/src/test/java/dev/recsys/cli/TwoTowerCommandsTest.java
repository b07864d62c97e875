package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-two-tower, recommend and similar-listeners end to end on a small interaction file. */
class TwoTowerCommandsTest {
  @Test
  void trainsAndAnswersBothJobs(@TempDir Path dir) throws Exception {
    Path data = EvaluateCommandTest.writeInteractions(dir);
    Path rec = dir.resolve("rec");
    RecsysCliTest.Result r = RecsysCliTest.run("train-two-tower", "--dataset", "interactions:" + data, "--job",
        "recommend", "--out", rec.toString(), "--epochs", "2", "--seed", "3", "--progress=always");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("epoch 2/2"), "no progress bar: " + r.err());
    assertTrue(!r.err().contains("\r") && !r.err().contains("\u001b"), "plain lines when not a terminal: " + r.err());
    assertTrue(r.out().contains("1 rows skipped"), r.out());
    assertTrue(Files.exists(rec.resolve("two-tower.rsm")) && Files.exists(rec.resolve("two-tower-report.json")));
    r = RecsysCliTest.run("recommend", "--model", rec.toString(), "--listener", "u4", "--k", "5", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode recs = new ObjectMapper().readTree(r.out());
    assertEquals(5, recs.size());
    assertEquals(1, recs.get(0).get("rank").asInt());

    Path match = dir.resolve("match");
    r = RecsysCliTest.run("train-two-tower", "--dataset", "interactions:" + data, "--job", "match", "--out",
        match.toString(), "--epochs", "2", "--views", "2", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals("match", report.get("job").asText());
    assertEquals(new ObjectMapper().readTree(match.resolve("two-tower-report.json").toFile()).get("listeners"),
        report.get("listeners"));
    r = RecsysCliTest.run("similar-listeners", "--model", match.toString(), "--listener", "u4", "--k", "3");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("listeners similar to u4:"), r.out());
    r = RecsysCliTest.run("recommend", "--model", match.toString(), "--listener", "u4");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("is a two-tower 'match' model"), r.err());
  }
}
