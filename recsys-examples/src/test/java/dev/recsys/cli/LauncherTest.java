package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./recsys} launcher prints no JVM or library warning and no log line on a normal run: a command that
 * loads ND4J (JavaCPP, sun.misc.Unsafe) and Lucene (java.util.logging) through the launcher's own JVM flags, on
 * this build's class path ({@code RECSYS_CLASSPATH}, so the launcher does not build).
 */
class LauncherTest {
  private static final Pattern NOISE = Pattern.compile(
      "(?m)^(WARNING|WARN|INFO|SEVERE|SLF4J|\\[main\\]|\\[picocli).*|.*(sun\\.misc\\.Unsafe|incubator modules|Could not format).*");
  private static final Path LAUNCHER = Path.of("..", "recsys");

  record Run(int status, String out, String err) {}

  private static Run launch(Map<String, String> env, String... args) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(LAUNCHER), "launcher not found at " + LAUNCHER.toAbsolutePath());
    ProcessBuilder pb = new ProcessBuilder(concat(List.of("bash", LAUNCHER.toString()), args));
    pb.environment().put("RECSYS_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("RECSYS_JAVA_OPTS");
    pb.environment().remove("RECSYS_JVM_WARNINGS");
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launcher did not finish in 180 s");
    }
    return new Run(p.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
  }

  private static List<String> concat(List<String> a, String[] b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aNormalRunPrintsNoWarningOrLogLine() throws Exception {
    Run r = launch(Map.of(), "example", "quickstart");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("shuffle:"), r.out());
    assertEquals("", noise(r.out()) + noise(r.err()), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
  }

  @Test
  void theNoticeCheckSeesWarningsWhenAskedToShowThem() throws Exception {
    Run r = launch(Map.of("RECSYS_JVM_WARNINGS", "1"), "--version");
    assertEquals(0, r.status(), r.err());
    assertEquals("WARNING: Using incubator modules: jdk.incubator.vector", noise(r.err()).strip());
    Run quiet = launch(Map.of(), "--version");
    assertEquals("", quiet.err());
    assertTrue(quiet.out().startsWith("recsys "), quiet.out());
  }

  private static String noise(String text) {
    StringBuilder sb = new StringBuilder();
    NOISE.matcher(text).results().forEach(m -> sb.append(m.group()).append('\n'));
    return sb.toString();
  }
}
