package dev.recsys.core.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec of the SDK for configurations, pipeline files, model containers, index manifests and reports:
 * every module reads and writes those through these two mappers, so they share one set of rules.
 *
 * <ul>
 *   <li>Reading is strict: an unknown property or a value the record's constructor refuses fails instead of
 *       loading half-understood. A property missing from a stored configuration reads as the type's default
 *       ({@code 0}, {@code false}, {@code null}), so configurations written before a field existed keep loading;
 *       {@link #requireAll(Class)} also refuses {@code null} primitives, for documents people write (pipeline
 *       files, after their defaults are merged in). {@link #lenientReader(Class)} is for the few documents whose
 *       readers check a format version first and must then tolerate newer fields (index manifests).</li>
 *   <li>Writing is deterministic: map entries in key order, records in component order, so the same value always
 *       gives the same bytes (model files are checksummed and compared).</li>
 *   <li>Modules on the class path (e.g. {@code java.time} support) are registered.</li>
 * </ul>
 *
 * <p>The mappers are shared and thread-safe; callers must not reconfigure them. Not API: exported only to the SDK's
 * own modules.
 */
public final class JsonCodec {
  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML = configure(new YAMLMapper(new YAMLFactory()));

  private JsonCodec() {}

  private static ObjectMapper configure(ObjectMapper m) {
    return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .findAndRegisterModules();
  }

  /**
   * The shared JSON mapper (trees, conversions, streaming). Do not reconfigure it.
   *
   * @return the shared JSON mapper
   */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * The shared YAML mapper for pipeline files, with the same rules as {@link #json()}. Do not reconfigure it.
   *
   * @return the shared YAML mapper
   */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /**
   * A reader of {@code type} that ignores unknown properties, for documents whose format version is checked
   * separately.
   *
   * @param type the type read
   * @return a lenient reader
   */
  public static ObjectReader lenientReader(Class<?> type) {
    return JSON.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * A reader of {@code type} that also refuses {@code null} (or missing) values of primitive fields.
   *
   * @param type the type read
   * @return a reader refusing null primitives
   */
  public static ObjectReader requireAll(Class<?> type) {
    return JSON.readerFor(type).with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /**
   * {@code value} as compact JSON.
   *
   * @param value the value
   * @return compact JSON
   */
  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code value} as indented JSON, for files people read.
   *
   * @param value the value
   * @return indented JSON
   */
  public static String writePretty(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@code json} into {@code type} under the strict rules.
   *
   * @param json the JSON text
   * @param type the type to read
   * @param <T> the type
   * @return the value
   * @throws IOException if the JSON is malformed or does not fit {@code type}
   */
  public static <T> T read(String json, Class<T> type) throws IOException {
    return JSON.readValue(json, type);
  }
}
