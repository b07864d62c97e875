package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCommandTest {
  private static final List<String> SECTIONS = List.of("embedding", "shuffle", "choice-recovery", "two-tower", "gat",
      "importance");
  private static final Set<String> VERDICTS = Set.of("BEATS", "TIES", "LOSES");

  @Test
  void tinyRunWritesJsonAndMarkdownWithEverySection(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("q");
    RecsysCliTest.Result r = RecsysCliTest.run("quality", "--tiny", "--out", out.toString(), "--seed", "5",
        "--data", dir.resolve("no-data").toString(), "--json");
    assertEquals(0, r.status(), r.err());
    assertEquals(new ObjectMapper().readTree(out.resolve("quality.json").toFile()), new ObjectMapper().readTree(r.out()));
    assertTrue(Files.isRegularFile(out.resolve("quality.json")) && Files.isRegularFile(out.resolve("quality.md")), r.out());

    JsonNode n = new ObjectMapper().readTree(out.resolve("quality.json").toFile());
    String revision = n.path("gitRevision").asText();
    assertTrue(revision.equals("unknown") || revision.matches("[0-9a-f]{40}"), revision);
    assertTrue(n.has("gitDirty") && n.has("date") && n.has("jdk"), n.toString());
    assertEquals("tiny", n.path("profile").asText());
    assertEquals(5, n.path("seed").asLong());
    List<String> names = new ArrayList<>();
    for (JsonNode s : n.path("sections")) {
      names.add(s.path("name").asText());
      assertTrue(s.path("millis").asLong() >= 0);
      assertFalse(s.path("tables").isEmpty(), s.path("name").asText() + " has no table");
      for (JsonNode t : s.path("tables")) {
        JsonNode rows = t.path("rows");
        assertTrue(rows.size() >= 2, t.toString());
        assertTrue(rows.get(0).path("verdict").isNull(), t.toString());
        for (int i = 0; i < rows.size(); i++) {
          JsonNode v = rows.get(i).path("value");
          for (String f : List.of("mean", "lower", "upper")) {
            assertTrue(v.path(f).isNumber() && Double.isFinite(v.path(f).asDouble()),
                s.path("name").asText() + " " + t.path("metric").asText() + " " + rows.get(i).path("name") + " " + f + ": " + v);
          }
          assertTrue(v.path("lower").asDouble() <= v.path("mean").asDouble() + 1e-12
              && v.path("mean").asDouble() <= v.path("upper").asDouble() + 1e-12, v.toString());
          if (i > 0) {
            assertTrue(VERDICTS.contains(rows.get(i).path("verdict").asText()), rows.get(i).toString());
          }
        }
      }
    }
    assertEquals(SECTIONS, names);
    // the quick profile would skip the real data sets with a reason; tiny records why they are absent too
    assertTrue(n.path("sections").get(0).path("skipped").get(0).asText().contains("TidyTuesday"), n.toString());

    String md = Files.readString(out.resolve("quality.md"));
    assertTrue(md.contains(revision), md);
    for (String title : List.of("Embedding neighbourhood quality", "Smart shuffle", "Choice-model recovery",
        "Two-tower models", "Graph attention", "Permutation importance")) {
      assertTrue(md.contains("## " + title), title + " missing in\n" + md);
    }
    assertTrue(md.contains("PCA + autoencoder") && md.contains("uniform shuffle") && md.contains("sessionknn"), md);
    assertTrue(md.contains("listener.profile.audio permuted") && md.contains("similarity permuted"), md);
  }

  @Test
  void fullProfileSkipsMissingDataWithAReasonAndRejectsUnknownProfiles(@TempDir Path dir) {
    RecsysCliTest.Result bad = RecsysCliTest.run("quality", "--profile", "huge", "--out", dir.toString());
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("--profile must be quick or full; got 'huge'"), bad.err());
  }
}
