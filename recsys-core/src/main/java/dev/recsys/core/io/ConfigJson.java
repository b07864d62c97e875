package dev.recsys.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON codec of configuration records as stored in model containers and checkpoints: compact output, unknown
 * properties refused on read (a config written by a newer release fails instead of loading half-understood).
 */
public final class ConfigJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigJson() {}

  /**
   * The record as compact JSON.
   *
   * @param value the value
   * @return the record as compact JSON
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the configuration stored in a model: JSON {@code null}, malformed JSON and values the record's
   * validation refuses give a {@link ModelFormatException} naming {@code source}.
   */
  public static <T> T readModelConfig(String json, Class<T> type, String source) throws ModelFormatException {
    T value;
    try {
      value = MAPPER.readValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ModelFormatException(source + ": bad " + type.getSimpleName() + " configuration: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
    if (value == null) {
      throw new ModelFormatException(source + ": the " + type.getSimpleName() + " configuration is null");
    }
    return value;
  }

  /**
   * Parses JSON written by {@link #write}.
   *
   * @throws IOException if the JSON is malformed or does not fit {@code type}
   */
  public static <T> T read(String json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }
}
