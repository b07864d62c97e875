package dev.recsys.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.recsys.core.util.JsonCodec;
import java.io.IOException;

/**
 * Configuration records as stored in model containers and checkpoints, through the SDK's one JSON codec: compact
 * output with map entries in key order, unknown properties refused on read (a config written by a newer release fails
 * instead of loading half-understood), missing fields read as their type's default (a config written before a field
 * existed keeps loading).
 */
public final class ConfigJson {

  private ConfigJson() {}

  /**
   * The record as compact JSON.
   *
   * @param value the value
   * @return the record as compact JSON
   */
  public static String write(Object value) {
    return JsonCodec.write(value);
  }

  /**
   * Parses the configuration stored in a model: JSON {@code null}, malformed JSON and values the record's
   * validation refuses give a {@link ModelFormatException} naming {@code source}.
   *
   * @param <T> the configuration record type
   * @param json the configuration as stored in the model
   * @param type the configuration record class
   * @param source names the model in messages (its file)
   * @return the validated configuration, never null
   * @throws ModelFormatException naming {@code source} when the JSON is null, malformed or refused by validation
   */
  public static <T> T readModelConfig(String json, Class<T> type, String source) throws ModelFormatException {
    T value;
    try {
      value = JsonCodec.read(json, type);
    } catch (IOException | IllegalArgumentException e) {
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
   * @param <T> the record type
   * @param json the JSON text
   * @param type the record class to bind to
   * @return the parsed value; null for JSON {@code null}
   * @throws IOException if the JSON is malformed or does not fit {@code type}
   */
  public static <T> T read(String json, Class<T> type) throws IOException {
    return JsonCodec.read(json, type);
  }
}
