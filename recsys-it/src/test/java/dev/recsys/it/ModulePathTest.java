package dev.recsys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Launches {@link ShuffleApp} in a new JVM with the application and its runtime dependencies (recsys-core,
 * recsys-graph and theirs) on the module path, as {@code java --module-path ... -m dev.recsys.it/...}: fails when a
 * module descriptor of the SDK or of a dependency breaks the module graph, or when graph pulls in ND4J again.
 */
class ModulePathTest {
  private static List<String> runtimePath() {
    String deps = System.getProperty("recsys.it.runtime.path");
    String classes = System.getProperty("recsys.it.classes");
    assertTrue(deps != null && classes != null, "run through Maven: the POM passes the runtime path");
    List<String> path = new ArrayList<>();
    path.add(classes);
    path.addAll(Arrays.stream(deps.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList());
    return path;
  }

  @Test
  void theRuntimePathHasNoNativeCode() {
    for (String entry : runtimePath()) {
      String name = Path.of(entry).toString().toLowerCase(Locale.ROOT);
      assertFalse(name.contains("nd4j") || name.contains("javacpp") || name.contains("openblas")
          || name.contains("recsys-embedding"), "core + graph pull in " + entry);
    }
  }

  @Test
  void theSmartShuffleRunsOnTheModulePath() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "--module-path", String.join(File.pathSeparator, runtimePath()),
        "-m", "dev.recsys.it/dev.recsys.it.ShuffleApp", "300", "7");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the application did not finish in 120 s");
    String out = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("module: dev.recsys.it\n"), out);
    assertTrue(out.contains("graph-module: dev.recsys.graph\n"), "graph ran unnamed, not on the module path:\n" + out);
    assertTrue(out.contains("core-module: dev.recsys.core\n"), out);
    assertTrue(out.contains("nd4j: absent\n"), out);
    String smart = line(out, "smart-shuffle: ");
    assertEquals(12, smart.split(", ").length, smart);
    assertTrue(out.contains("smart-shuffle-last-pick: p="), out);
    assertEquals(12, line(out, "tempo-shuffle: ").split(", ").length, out);
    String plugins = line(out, "index-plugins: ");
    assertTrue(plugins.contains("flat-scan") && plugins.contains("lucene-hnsw") && plugins.contains("exact"), plugins);
    assertEquals(5, line(out, "similar-to-first: ").split(", ").length, out);
    assertEquals(5, line(out, "recommend-first-listener: ").split(", ").length, out);
    assertTrue(line(out, "sampler-plugins: ").contains("tempo-step"), out);
    assertTrue(out.contains("shadowed-plugins: 0\n"), out);
  }

  private static String line(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no '" + prefix
        + "' line in:\n" + out)).substring(prefix.length());
  }
}
