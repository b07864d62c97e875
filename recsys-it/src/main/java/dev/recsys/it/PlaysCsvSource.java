package dev.recsys.it;

import dev.recsys.core.model.Interaction;
import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads {@code listener,track,plays} lines (after that header) as interactions weighted by play count. A line
 * with another number of fields, an empty id or a play count that is not a positive integer fails a strict read
 * naming file, line and field, and is skipped and counted by rule in a lenient one.
 */
public final class PlaysCsvSource implements DataSource {
  /** The header the file must start with. */
  public static final String HEADER = "listener,track,plays";

  /**
   * Configuration.
   *
   * @param path the file to read
   * @param strict whether the first malformed line fails the read
   */
  public record Config(String path, boolean strict) {
    /** Validates. */
    public Config {
      Objects.requireNonNull(path, "path");
      if (path.isBlank()) {
        throw new IllegalArgumentException("path must not be blank");
      }
    }
  }

  /** The plugin that makes this source selectable by the name {@code plays-csv}. */
  public static final class Plugin implements DataSourcePlugin<Config> {
    @Override
    public String name() {
      return "plays-csv";
    }

    @Override
    public String description() {
      return "listener,track,plays rows as weighted interactions (recsys-it application)";
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaultConfig() {
      return new Config("plays.csv", true);
    }

    @Override
    public DataSource open(Config config) {
      return new PlaysCsvSource(config);
    }
  }

  private final Config config;

  /** A source over the configured file. */
  public PlaysCsvSource(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public String description() {
    return "plays-csv " + config.path();
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Path file = Path.of(config.path());
    long rows = 0;
    long delivered = 0;
    Map<String, Long> reasons = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (!HEADER.equals(header)) {
        throw new IOException(file + ":1: header must be '" + HEADER + "'; found '" + header + "'");
      }
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        rows++;
        String[] f = line.split(",", -1);
        String rule = null;
        String message = null;
        if (f.length != 3) {
          rule = "field count";
          message = "expected 3 fields (" + HEADER + "); found " + f.length;
        } else if (f[0].isBlank() || f[1].isBlank()) {
          rule = "empty id";
          message = "field " + (f[0].isBlank() ? "listener" : "track") + " is empty";
        } else if (!f[2].matches("[1-9][0-9]{0,8}")) {
          rule = "plays";
          message = "field plays must be a positive integer; plays='" + f[2] + "'";
        }
        if (rule != null) {
          String where = file + ":" + lineNo + ": " + message;
          if (config.strict()) {
            throw new IOException(where);
          }
          reasons.merge(rule, 1L, Long::sum);
          if (problems.size() < 10) {
            problems.add(where);
          }
          continue;
        }
        handler.interaction(new Interaction(f[0], f[1], Integer.parseInt(f[2]), Interaction.NO_TIME, false));
        delivered++;
      }
    }
    long skipped = reasons.values().stream().mapToLong(Long::longValue).sum();
    return new ReadReport(file.toString(), rows, skipped, Map.of("interactions", delivered), reasons, problems);
  }
}
