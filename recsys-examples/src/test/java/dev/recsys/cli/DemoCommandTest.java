package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertTrue(r.out().contains("t-SNE map of 1,000 tracks"), r.out());
    String map = Files.readString(dir.resolve("embedding-map.svg"));
    assertEquals(1_000, map.split("<circle cx=\"[0-9.]+\" cy=\"[0-9.]+\" r=\"3\"", -1).length - 1, "one dot per mapped track");
    assertTrue(html.contains(map.strip()), "the map is inlined in the page");
    String attention = Files.readString(dir.resolve("attention.svg"));
    assertTrue(attention.contains(">seed</tspan>") && attention.contains(">recommended</text>"), attention);
    assertTrue(attention.contains(">track</tspan>") || attention.contains(">genre</tspan>"), "attended neighbours");
    int recommendations = html.indexOf("7. Recommendations");
    assertTrue(html.indexOf(attention.strip()) > recommendations, "the attention picture in the recommendations chapter");
    assertTrue(r.out().contains("graph attention after"), r.out());
    for (String png : new String[] {"explained-variance.png", "training-curve.png", "shuffle-metrics.png", "metrics.png"}) {
      assertTrue(Files.size(dir.resolve(png)) > 1000, png);
    }
    // the story in order, each chapter present once, each figure with a sentence as its caption
    int at = -1;
    for (String chapter : new String[] {"1. Data", "2. Track embeddings", "3. Retrieval", "4. Smart shuffle, and why",
        "5. Choice model", "6. Listeners", "7. Recommendations", "8. Evaluation"}) {
      int i = html.indexOf("\">" + chapter);
      assertTrue(i > at, chapter + " after the chapter before it");
      at = i;
    }
    java.util.regex.Matcher caption = java.util.regex.Pattern.compile("<figcaption>([^<]*)<").matcher(html);
    int captions = 0;
    while (caption.find()) {
      String text = caption.group(1).strip();
      assertTrue(text.endsWith(".") && text.split(" ").length >= 6, "a sentence, not a file name: " + text);
      captions++;
    }
    assertTrue(captions >= 8, "captions: " + captions);
    String shuffleChapter = html.substring(html.indexOf("4. Smart shuffle"), html.indexOf("5. Choice model"));
    assertTrue(shuffleChapter.contains("similarity+") || shuffleChapter.contains("similarity-"), "the why column in full");
    assertFalse(shuffleChapter.contains("\u2026</pre>"));
  }
}
