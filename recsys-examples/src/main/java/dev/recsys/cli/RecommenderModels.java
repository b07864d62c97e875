package dev.recsys.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.util.JsonCodec;
import java.util.Iterator;
import java.util.Map;

/**
 * Resolves recommender names on the command line through the {@link RecommenderPlugin} registry: the plugin's
 * default configuration, every {@code seed} field set to the run's seed, then the user's overrides merged field by
 * field (nested objects too), validated by the configuration loader (errors name the model, the key and the rule).
 */
final class RecommenderModels {
  private static final ObjectMapper JSON = JsonCodec.json();

  private RecommenderModels() {}

  /** The registry of recommender plugins on the class path. */
  static PluginRegistry<RecommenderPlugin<?>> registry() {
    return PluginKind.RECOMMENDER.registry();
  }

  /**
   * The trainer of {@code name}, fitted with {@code catalog} at hand.
   *
   * @param overrides JSON object of configuration fields, or null for the defaults
   * @throws IllegalArgumentException for an unknown name (listing the known ones) or invalid overrides
   */
  static RecommenderTrainer trainer(String name, String overrides, long seed, Catalog catalog) {
    PluginRegistry<RecommenderPlugin<?>> reg = registry();
    RecommenderPlugin<?> plugin = plugin(reg, "model", name);
    Object config = configure(reg, plugin, "--params " + name, overrides, seed);
    RecommenderTrainer t = create(plugin, config);
    return RecommenderTrainer.of(t.name(), train -> t.fit(train, catalog));
  }

  /** The plugin named {@code name}, or an error listing the registered names. */
  static <P extends Plugin<?>> P plugin(PluginRegistry<P> reg, String kind, String name) {
    try {
      return reg.get(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; available: " + reg.names(), e);
    }
  }

  /** The plugin's default configuration as a JSON tree with every {@code seed} field set to {@code seed}. */
  static JsonNode defaults(Plugin<?> plugin, long seed) {
    JsonNode params = JSON.valueToTree(plugin.defaultConfig());
    if (params instanceof ObjectNode o) {
      setSeeds(o, seed);
    }
    return params;
  }

  /**
   * The plugin's configuration: its defaults with every {@code seed} set to {@code seed}, then {@code overrides}
   * (a JSON object, or null) merged field by field, validated by the configuration loader.
   *
   * @param where names the overrides in errors ({@code "--params ials"})
   * @throws IllegalArgumentException for invalid JSON, an unknown key (listing the known ones) or a value out of
   *     range
   */
  static Object configure(PluginRegistry<?> reg, Plugin<?> plugin, String where, String overrides, long seed) {
    JsonNode params = defaults(plugin, seed);
    if (params instanceof ObjectNode o) {
      if (overrides != null) {
        JsonNode user;
        try {
          user = JSON.readTree(overrides);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(user instanceof ObjectNode u)) {
          throw new IllegalArgumentException(where + " must be a JSON object; got " + overrides);
        }
        merge(o, u, where);
      }
    } else if (overrides != null) {
      throw new IllegalArgumentException("'" + plugin.name() + "' has no settings to override");
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode section = root.putObject("model");
    section.put("type", plugin.name());
    section.set("params", params);
    PipelineConfig pc = ConfigLoader.empty().withSection("model", reg).parse(root.toString(), where, false);
    return pc.components().get("model").config();
  }

  /** The section of a pipeline file that names a recommender ({@code recsys tune} writes it). */
  static final String SECTION = "recommender";

  /**
   * The trainer configured by the {@code recommender} section of a pipeline file (YAML or JSON), fitted with
   * {@code catalog} at hand.
   *
   * @throws dev.recsys.core.config.ConfigException naming the file, line and rule when the file is invalid or has no
   *     {@code recommender} section
   */
  static RecommenderTrainer fromPipeline(java.nio.file.Path file, Catalog catalog) throws java.io.IOException {
    PipelineConfig pc = ConfigLoader.standard().withSection(SECTION, registry()).load(file);
    dev.recsys.core.config.Component<?> c = pc.components().get(SECTION);
    if (c == null) {
      throw new dev.recsys.core.config.ConfigException(file + ": no '" + SECTION + "' section; expected e.g. "
          + SECTION + ": {type: ials, params: {factors: 64}}");
    }
    RecommenderTrainer t = create(PluginKind.RECOMMENDER.cast(c.plugin(), SECTION), c.config());
    return RecommenderTrainer.of(t.name(), train -> t.fit(train, catalog));
  }

  private static <C> RecommenderTrainer create(RecommenderPlugin<C> plugin, Object config) {
    return plugin.create(plugin.checkConfig(config));
  }

  private static void setSeeds(ObjectNode node, long seed) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("seed") && e.getValue().isNumber()) {
        e.setValue(JSON.getNodeFactory().numberNode(seed));
      } else if (e.getValue() instanceof ObjectNode child) {
        setSeeds(child, seed);
      }
    }
  }

  static void merge(ObjectNode into, ObjectNode from, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode current = into.get(e.getKey());
      if (current == null) {
        throw new IllegalArgumentException(where + ": unknown key '" + e.getKey() + "'; known keys: "
            + fieldNames(into));
      }
      if (current instanceof ObjectNode c && e.getValue() instanceof ObjectNode f) {
        merge(c, f, where + "." + e.getKey());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  private static java.util.List<String> fieldNames(ObjectNode node) {
    java.util.List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
