package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.util.ProgressTracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static String draw(ProgressBar.Mode mode, boolean terminal) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (ProgressBar bar = new ProgressBar(out, "work", 20, mode, terminal)) {
      for (int i = 0; i < 20; i++) {
        bar.step("item " + i);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void autoDrawsNothingWhenStandardErrorIsNotATerminal() {
    assertEquals("", draw(ProgressBar.Mode.AUTO, false));
  }

  @Test
  void neverDrawsNothingEvenOnATerminal() {
    assertEquals("", draw(ProgressBar.Mode.NEVER, true));
  }

  @Test
  void autoRedrawsInPlaceOnATerminalWithoutEscapeCodes() {
    String s = draw(ProgressBar.Mode.AUTO, true);
    assertTrue(s.startsWith("\r"), s);
    assertTrue(s.endsWith("\n"), s);
    assertFalse(s.contains("\u001b"), "no ANSI escape codes: " + s);
    assertTrue(s.contains("100% 20/20"), s);
  }

  @Test
  void alwaysPrintsAtMostOneLinePerTenthOnAPipe() {
    String s = draw(ProgressBar.Mode.ALWAYS, false);
    assertFalse(s.contains("\r"), s);
    long lines = s.lines().count();
    assertTrue(lines >= 2 && lines <= 11, s);
    assertTrue(s.strip().endsWith("item 19"), s);
  }

  @Test
  void rendersShareCountRateAndTimeLeft() {
    String line = ProgressBar.render("index", 250, 1000, 5.0, "");
    assertTrue(line.startsWith("index "), line);
    assertTrue(line.contains("[######------------------]  25% 250/1,000 50/s 5.0s ETA 15.0s"), line);
    String done = ProgressBar.render("index", 1000, 1000, 130.0, "ok");
    assertTrue(done.contains("100% 1,000/1,000 7.7/s 2m10s  ok"), done);
    assertFalse(done.contains("ETA"), done);
  }

  @Test
  void followsALibraryOperationThroughItsListener() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (ProgressBar bar = new ProgressBar(out, "graph", 1, ProgressBar.Mode.ALWAYS, false)) {
      ProgressTracker t = new ProgressTracker(bar.asListener(), "neighbours", 500);
      for (int i = 0; i < 500; i++) {
        t.advance();
      }
    }
    String s = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("500/500") && s.contains("neighbours"), s);
  }

  @Test
  void theOptionIsAcceptedBeforeAndAfterTheCommand() {
    RecsysCliTest.Result after = RecsysCliTest.run("plugins", "--progress=never");
    assertEquals(0, after.status(), after.err());
    assertEquals(ProgressBar.Mode.NEVER, ProgressBar.mode());
    RecsysCliTest.Result before = RecsysCliTest.run("--progress", "ALWAYS", "plugins");
    assertEquals(0, before.status(), before.err());
    assertEquals(ProgressBar.Mode.ALWAYS, ProgressBar.mode());
    RecsysCliTest.Result off = RecsysCliTest.run("plugins", "--no-progress");
    assertEquals(0, off.status(), off.err());
    assertEquals(ProgressBar.Mode.NEVER, ProgressBar.mode());
    RecsysCliTest.Result bad = RecsysCliTest.run("plugins", "--progress=sometimes");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("[AUTO, ALWAYS, NEVER] (case-insensitive)"), bad.err());
    assertEquals(0, RecsysCliTest.run("plugins").status());
    assertEquals(ProgressBar.Mode.AUTO, ProgressBar.mode());
  }
}
