package dev.recsys.spotify.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.spotify.SpotifyException;
import java.util.Optional;

/** Parsing of Web API responses with precise errors. */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses a response body.
   *
   * @throws SpotifyException with reason {@code MALFORMED_RESPONSE}, naming the endpoint, line and column
   */
  public static JsonNode parse(String body, String endpoint) throws SpotifyException {
    if (body == null || body.isBlank()) {
      throw new SpotifyException(SpotifyException.Reason.MALFORMED_RESPONSE, 200, endpoint,
          "malformed response from " + endpoint + ": empty body where JSON was expected", null);
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new SpotifyException(SpotifyException.Reason.MALFORMED_RESPONSE, 200, endpoint,
          "malformed JSON from " + endpoint + where + ": " + e.getOriginalMessage(), e);
    }
  }

  /** A text field, empty when absent, null or blank. */
  public static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
  }

  /** The error message Spotify put in an error body ({@code error.message} or {@code error_description}), if any. */
  static Optional<String> errorMessage(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null) {
        return Optional.empty();
      }
      Optional<String> d = text(n, "error_description");
      if (d.isPresent()) {
        return d;
      }
      JsonNode err = n.get("error");
      if (err != null && err.isObject()) {
        return text(err, "message");
      }
      return text(n, "error");
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
