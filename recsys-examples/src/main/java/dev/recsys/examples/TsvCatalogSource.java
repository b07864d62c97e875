package dev.recsys.examples;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Track;
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

/**
 * A custom {@link DataSource}: a tab-separated catalogue with the columns
 * {@code id, title, artist, genre, energy, valence} (header line first). Registered under the name
 * {@code "tsv-catalog"}. In strict mode a malformed line throws an {@link IOException} naming file, line and
 * column; in lenient mode it is skipped and counted in the {@link ReadReport}.
 */
public final class TsvCatalogSource implements DataSource {
  /**
   * Configuration.
   *
   * @param path the file to read
   * @param strict whether the first malformed line fails the read
   */
  public record Config(String path, boolean strict) {
    /** Validates. */
    public Config {
      java.util.Objects.requireNonNull(path, "path");
    }
  }

  /** The plugin that makes this source selectable by name. */
  public static final class Plugin implements DataSourcePlugin<Config> {
    @Override
    public String name() {
      return "tsv-catalog";
    }

    @Override
    public String description() {
      return "example: tab-separated catalogue id/title/artist/genre/energy/valence (recsys-examples)";
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaultConfig() {
      return new Config("catalog.tsv", true);
    }

    @Override
    public DataSource open(Config config) {
      return new TsvCatalogSource(config);
    }
  }

  private static final String HEADER = "id\ttitle\tartist\tgenre\tenergy\tvalence";
  private final Config config;

  /** A source over the configured file. */
  public TsvCatalogSource(Config config) {
    this.config = config;
  }

  @Override
  public String description() {
    return "tsv-catalog " + config.path();
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Path file = Path.of(config.path());
    long rows = 0;
    long skipped = 0;
    List<String> problems = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (!HEADER.equals(header)) {
        throw new IOException(file + ":1: header must be '" + HEADER.replace("\t", "\\t") + "'; found '" + header + "'");
      }
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        rows++;
        try {
          handler.track(parse(line, file, lineNo));
        } catch (IOException e) {
          if (config.strict()) {
            throw e;
          }
          skipped++;
          if (problems.size() < 10) {
            problems.add(e.getMessage());
          }
        }
      }
    }
    return new ReadReport(file.toString(), rows, skipped, Map.of("tracks", rows - skipped),
        skipped == 0 ? Map.of() : Map.of("malformed line", skipped), problems);
  }

  private static Track parse(String line, Path file, int lineNo) throws IOException {
    String[] f = line.split("\t", -1);
    if (f.length != 6) {
      throw new IOException(file + ":" + lineNo + ": expected 6 tab-separated columns; found " + f.length);
    }
    try {
      AudioFeatures audio = AudioFeatures.builder()
          .set(AudioFeature.ENERGY, Double.parseDouble(f[4]))
          .set(AudioFeature.VALENCE, Double.parseDouble(f[5]))
          .build();
      return Track.builder(f[0]).title(f[1]).artists(List.of(ArtistRef.named(f[2]))).genres(List.of(f[3])).audio(audio).build();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
    }
  }
}
