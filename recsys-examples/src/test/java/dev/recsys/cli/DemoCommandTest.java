package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recsys demo} runs end to end on a small synthetic world and writes its report. */
class DemoCommandTest {
  @Test
  void demoRunsEndToEndAndWritesTheReport(@TempDir Path dir) throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("demo", "--size", "1500", "--listeners", "150", "--epochs", "3",
        "--two-tower-epochs", "1", "--out", dir.toString());
    assertEquals(0, r.status(), r.err());
    for (String part : new String[] {"== 1. Catalogue", "== 3. Nearest tracks", "== 4. Choice model", "== 5. Smart shuffle",
        "learned smart walk", "== 6. Listeners most similar", "== 7. Recommenders against baselines", "two-tower", "Report: "}) {
      assertTrue(r.out().contains(part), "missing '" + part + "' in:\n" + r.out());
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("data:image/png;base64,"), "report has embedded plots");
    for (String png : new String[] {"explained-variance.png", "training-curve.png", "shuffle-metrics.png", "metrics.png"}) {
      assertTrue(Files.size(dir.resolve(png)) > 1000, png);
    }
  }
}
