package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecsysCliTest {
  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = RecsysCli.run(args);
      return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void helpListsSubcommands() {
    Result r = run("--help");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("Try it:"), r.out());
    assertTrue(r.out().contains("plugins"), r.out());
    assertTrue(r.out().contains("check-config"), r.out());
  }

  @Test
  void badConfigGivesNonZeroStatusAndOneLineCause(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "sed: 1\n");
    Result r = run("check-config", f.toString());
    assertEquals(1, r.status());
    assertEquals("error: " + f + ":1:1: unknown key 'sed'; known keys: [seed, data, embedder, index, store, recommender, matcher, sampler]", r.err().strip());
  }

  @Test
  void unknownSubcommandFails() {
    assertEquals(2, run("frobnicate").status());
  }
}
