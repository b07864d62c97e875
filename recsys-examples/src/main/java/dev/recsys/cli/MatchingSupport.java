package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.plugin.ListenerMatcherPlugin;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.core.synth.WorldDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loading listening data for the matching commands, and matcher trainers by plugin name. */
final class MatchingSupport {
  private MatchingSupport() {}

  /**
   * Loaded listening data.
   *
   * @param interactions the listener-item rows
   * @param catalog track metadata (may be empty)
   * @param labels hidden labels per listener (a synthetic world's dominant genre), empty otherwise
   * @param note skipped rows, for the log
   */
  record Loaded(Interactions interactions, Catalog catalog, Map<String, String> labels, String note) {}

  /**
   * Reads a dataset specification in lenient mode (bad rows skipped and counted). A directory written by
   * {@code recsys generate} (it holds {@code manifest.json}) is read as its tracks, playlists and events, with the
   * listeners' hidden dominant genre as labels.
   */
  static Loaded load(String spec) throws IOException {
    Path dir = Path.of(spec);
    MusicDataset d;
    Map<String, String> labels = new HashMap<>();
    if (Files.isDirectory(dir) && Files.exists(dir.resolve("manifest.json"))) {
      WorldDirectory world = WorldDirectory.open(dir);
      d = Datasets.load(world.specs(), ReadOptions.LENIENT);
      for (Listener l : world.readListeners()) {
        String g = l.attributes().get(SyntheticWorld.ATTR_DOMINANT_GENRE);
        if (g != null) {
          labels.put(l.id(), g);
        }
      }
    } else {
      d = Datasets.load(spec, ReadOptions.LENIENT);
    }
    ReadReport report = d.report();
    String note = report.rowsSkipped() == 0 ? "" : " (" + report.rowsSkipped() + " rows skipped"
        + (report.firstProblems().isEmpty() ? "" : ", first: " + report.firstProblems().get(0)) + ")";
    if (d.interactions().size() == 0) {
      throw new IllegalArgumentException("dataset '" + spec + "' has no interactions (" + report + ")");
    }
    return new Loaded(d.interactions(), d.catalog(), labels, note);
  }

  /** The registered matcher plugins. */
  static PluginRegistry<ListenerMatcherPlugin<?>> registry() {
    return PluginKind.LISTENER_MATCHER.registry();
  }

  /**
   * The trainer of a registered matcher with its default configuration and the given seed.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  static ListenerMatcherTrainer trainer(String name, long seed) {
    PluginRegistry<ListenerMatcherPlugin<?>> reg = registry();
    ListenerMatcherPlugin<?> p = reg.find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown matcher '" + name + "'; available: " + reg.names()));
    return seeded(p, seed);
  }

  /** The section of a pipeline file that names a listener matcher ({@code recsys tune} writes it). */
  static final String SECTION = "matcher";

  /**
   * The trainer of a registered matcher: its default configuration with every {@code seed} field set to
   * {@code seed}, then {@code overrides} (a JSON object, or null for none) merged field by field and validated.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones) or invalid overrides
   */
  static ListenerMatcherTrainer trainer(String name, String overrides, long seed) {
    if (overrides == null) {
      return trainer(name, seed);
    }
    PluginRegistry<ListenerMatcherPlugin<?>> reg = registry();
    ListenerMatcherPlugin<?> p = RecommenderModels.plugin(reg, "matcher", name);
    return create(p, RecommenderModels.configure(reg, p, "--params " + name, overrides, seed));
  }

  /**
   * The trainer configured by the {@code matcher} section of a pipeline file (YAML or JSON), e.g. the
   * {@code best.yaml} of {@code recsys tune} on a matcher.
   *
   * @throws dev.recsys.core.config.ConfigException naming the file, line and rule when the file is invalid or has no
   *     {@code matcher} section
   */
  static ListenerMatcherTrainer fromPipeline(Path file) throws IOException {
    dev.recsys.core.config.PipelineConfig pc = dev.recsys.core.config.ConfigLoader.standard()
        .withSection(SECTION, registry()).load(file);
    dev.recsys.core.config.Component<?> c = pc.components().get(SECTION);
    if (c == null) {
      throw new dev.recsys.core.config.ConfigException(file + ": no '" + SECTION + "' section; expected e.g. "
          + SECTION + ": {type: matcher, params: {dimension: 64}}");
    }
    return create(PluginKind.LISTENER_MATCHER.cast(c.plugin(), SECTION), c.config());
  }

  private static <C> ListenerMatcherTrainer create(ListenerMatcherPlugin<C> p, Object config) {
    return p.create(p.checkConfig(config));
  }

  private static <C> ListenerMatcherTrainer seeded(ListenerMatcherPlugin<C> p, long seed) {
    return p.create(p.withSeed(p.defaultConfig(), seed));
  }

  /** The default model list: the learned matcher first, then every baseline. */
  static final List<String> DEFAULT_MODELS = List.of("matcher", "random", "most-active", "cosine-binary",
      "cosine-logplays", "cosine-tfidf", "cosine-bm25", "content", "svd", "ials");
}
