package dev.recsys.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.util.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses pipeline configuration files (JSON, or YAML for {@code .yaml}/{@code .yml}) into a
 * {@link PipelineConfig}. A file looks like:
 * <pre>
 * seed: 42
 * index:
 *   type: lucene-hnsw
 *   params: { dimension: 16, maxConnections: 16 }
 * </pre>
 * Each section names a plugin of the section's kind by {@code type}; {@code params} overrides fields of the
 * plugin's default configuration record, and the result is validated by the record's constructor. Unknown
 * sections, unknown keys, unknown plugin names and invalid values are {@link ConfigException}s that name the
 * file, line and column, the key and the rule. Immutable and thread-safe.
 */
public final class ConfigLoader {
  private static final ObjectMapper JSON = JsonCodec.json();
  private static final ObjectMapper YAML = JsonCodec.yaml();

  private final Map<String, PluginRegistry<?>> sections;

  private ConfigLoader(Map<String, PluginRegistry<?>> sections) {
    this.sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  /**
   * A loader with a section per {@linkplain PluginKind#ALL plugin kind} ({@code data}, {@code embedder},
   * {@code index}, {@code store}, {@code recommender}, {@code sampler}, {@code matcher}), each resolved against the
   * plugins on the class path.
   *
   * @return a loader with every kind's section
   */
  public static ConfigLoader standard() {
    ConfigLoader loader = empty();
    for (PluginKind<?, ?> kind : PluginKind.ALL) {
      loader = loader.withSection(kind.section(), kind.registry());
    }
    return loader;
  }

  /**
   * A loader with no sections.
   *
   * @return a loader with no sections
   */
  public static ConfigLoader empty() {
    return new ConfigLoader(Map.of());
  }

  /**
   * A new loader that also accepts {@code section}, resolving its plugin names in {@code registry}.
   *
   * @param section the section
   * @param registry the registry
   * @return a new loader that also accepts {@code section}, resolving its plugin names in {@code registry}
   */
  public ConfigLoader withSection(String section, PluginRegistry<?> registry) {
    Map<String, PluginRegistry<?>> m = new LinkedHashMap<>(sections);
    m.put(section, registry);
    return new ConfigLoader(m);
  }

  /**
   * Section names this loader accepts.
   *
   * @return the section names this loader accepts
   */
  public Set<String> sections() {
    return sections.keySet();
  }

  /**
   * Parses a file; YAML if its name ends in {@code .yaml} or {@code .yml}, else JSON.
   *
   * @param file the file
   * @return the {@code PipelineConfig}
   * @throws IOException if the data cannot be read or is malformed
   */
  public PipelineConfig load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return parse(text, file.toString(), name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /**
   * Parses configuration text.
   *
   * @param source a name for messages (the file path)
   * @param yaml true for YAML, false for JSON
   * @param text the text
   * @return the {@code PipelineConfig}
   */
  public PipelineConfig parse(String text, String source, boolean yaml) {
    ObjectMapper mapper = yaml ? YAML : JSON;
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new ConfigException(source + where(l) + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source + ": the configuration must be an object of sections; known sections: " + known());
    }
    long seed = 42;
    Map<String, Component<?>> components = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (key.equals("seed")) {
        if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
          throw new ConfigException(at(source, text, yaml, "/seed") + ": seed must be a whole number; seed=" + e.getValue());
        }
        seed = e.getValue().asLong();
        continue;
      }
      PluginRegistry<?> registry = sections.get(key);
      if (registry == null) {
        throw new ConfigException(at(source, text, yaml, "/" + key) + ": unknown key '" + key + "'; known keys: " + known());
      }
      components.put(key, component(mapper, source, text, yaml, key, e.getValue(), registry));
    }
    return new PipelineConfig(seed, components);
  }

  private List<String> known() {
    List<String> k = new ArrayList<>();
    k.add("seed");
    k.addAll(sections.keySet());
    return k;
  }

  private static <P> Component<?> component(ObjectMapper mapper, String source, String text, boolean yaml,
      String section, JsonNode node, PluginRegistry<P> registry) {
    String here = "/" + section;
    if (!node.isObject()) {
      throw new ConfigException(at(source, text, yaml, here) + ": section '" + section + "' must be an object with 'type' and 'params'");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (!n.equals("type") && !n.equals("params")) {
        throw new ConfigException(at(source, text, yaml, here + "/" + n) + ": unknown key '" + n + "' in section '" + section
            + "'; known keys: [type, params]");
      }
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new ConfigException(at(source, text, yaml, here) + ": section '" + section + "' needs a 'type' naming a plugin; available: "
          + registry.names());
    }
    Plugin<?> plugin;
    try {
      plugin = (Plugin<?>) registry.get(type.asText());
    } catch (IllegalArgumentException ex) {
      throw new ConfigException(at(source, text, yaml, here + "/type") + ": " + ex.getMessage(), ex);
    }
    Object config = parseParams(mapper, source, text, yaml, section, plugin, node.get("params"));
    return new Component<>(section, plugin, config);
  }

  private static Object parseParams(ObjectMapper mapper, String source, String text, boolean yaml, String section,
      Plugin<?> plugin, JsonNode params) {
    String here = "/" + section + "/params";
    ObjectNode merged = JSON.valueToTree(plugin.defaultConfig());
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        throw new ConfigException(at(source, text, yaml, here) + ": '" + section + ".params' must be an object");
      }
      Set<String> allowed = new TreeSet<>();
      merged.fieldNames().forEachRemaining(allowed::add);
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!allowed.contains(p.getKey())) {
          throw new ConfigException(at(source, text, yaml, here + "/" + p.getKey()) + ": unknown key '" + p.getKey() + "' in "
              + section + ".params for plugin '" + plugin.name() + "'; known keys: " + allowed);
        }
        merged.set(p.getKey(), p.getValue());
      }
    }
    try {
      return JsonCodec.requireAll(plugin.configType()).treeToValue(merged, plugin.configType());
    } catch (JsonProcessingException ex) {
      Throwable root = ex;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = root instanceof IllegalArgumentException ? root.getMessage() : ex.getOriginalMessage();
      throw new ConfigException(at(source, text, yaml, here) + ": invalid " + section + ".params for plugin '" + plugin.name()
          + "': " + why, ex);
    }
  }

  /** "file:line:column" of the JSON pointer {@code path} in the text (or just the file when not found). */
  private static String at(String source, String text, boolean yaml, String path) {
    JsonPointer target = JsonPointer.compile(path);
    JsonFactory f = yaml ? YAML.getFactory() : JSON.getFactory();
    try (JsonParser p = f.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().equals(target)) {
          return source + where(p.currentTokenLocation());
        }
      }
    } catch (IOException e) {
      // fall through: the location is a courtesy
    }
    return source;
  }

  private static String where(JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
  }
}
