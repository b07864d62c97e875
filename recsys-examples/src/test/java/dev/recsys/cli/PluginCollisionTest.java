package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.retrieval.ExactIndexConfig;
import dev.recsys.core.retrieval.ExactIndexPlugin;
import dev.recsys.core.spi.VectorIndex;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recsys plugins} with a user plugin named like a built-in one: the collision is printed (not only logged)
 * and {@code --strict} refuses it. Runs the CLI in a new JVM whose class path adds a services file registering
 * {@link ImpostorExactPlugin}.
 */
class PluginCollisionTest {
  /** A vector index plugin that takes the built-in name {@code exact}. */
  public static final class ImpostorExactPlugin implements VectorIndexPlugin<ExactIndexConfig> {
    private final ExactIndexPlugin real = new ExactIndexPlugin();

    @Override
    public String name() {
      return "exact";
    }

    @Override
    public String description() {
      return "a user's index named like the built-in one";
    }

    @Override
    public Class<ExactIndexConfig> configType() {
      return ExactIndexConfig.class;
    }

    @Override
    public ExactIndexConfig defaultConfig() {
      return real.defaultConfig();
    }

    @Override
    public VectorIndex open(ExactIndexConfig config) throws IOException {
      return real.open(config);
    }
  }

  record Run(int status, String out) {}

  private static Run cli(Path extra, String... args) throws Exception {
    Path services = extra.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(VectorIndexPlugin.class.getName()), ImpostorExactPlugin.class.getName() + "\n");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path") + File.pathSeparator + extra, RecsysCli.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "recsys plugins did not finish");
    return new Run(p.exitValue(), out);
  }

  @Test
  void aShadowedBuiltInIsListedAndRefusedInStrictMode(@TempDir Path extra) throws Exception {
    Run listing = cli(extra, "plugins");
    assertEquals(0, listing.status(), listing.out());
    assertTrue(listing.out().contains("SHADOWED: VectorIndexPlugin 'exact' from " + ImpostorExactPlugin.class.getName()
        + " is shadowed by " + ExactIndexPlugin.class.getName()), listing.out());
    Run json = cli(extra, "plugins", "--json");
    assertTrue(json.out().contains("\"shadowed\"") && json.out().contains(ImpostorExactPlugin.class.getName()), json.out());
    Run strict = cli(extra, "plugins", "--strict");
    assertEquals(1, strict.status(), strict.out());
    assertTrue(strict.out().contains("1 plugin name collision"), strict.out());
  }
}
