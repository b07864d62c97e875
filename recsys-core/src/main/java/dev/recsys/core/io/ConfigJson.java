package dev.recsys.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
   * Parses JSON written by {@link #write}.
   *
   * @param json the JSON text
   * @param type the type
   * @return the T
   * @param <T> the configuration record type
   * @throws JsonProcessingException if the text is not valid JSON or does not match the type
   */
  public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(json, type);
  }
}
