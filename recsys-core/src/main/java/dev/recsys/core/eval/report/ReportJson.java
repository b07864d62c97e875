package dev.recsys.core.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON form of an {@link EvaluationReport}. Undefined values ({@code NaN}) are written as the string
 * {@code "NaN"}. Thread-safe.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReportJson() {}

  /**
   * The report as indented JSON.
   *
   * @param report the report
   * @return the report as indented JSON
   */
  public static String toJson(EvaluationReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the report to {@code file} (parent directories are created).
   *
   * @param report the report
   * @param file the file
   * @throws IOException if the file cannot be written
   */
  public static void write(EvaluationReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(report) + "\n");
  }

  /**
   * Reads a report written by {@link #write}.
   *
   * @param file the file
   * @return the {@code EvaluationReport}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static EvaluationReport read(Path file) throws IOException {
    try {
      return MAPPER.readValue(file.toFile(), EvaluationReport.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": not an evaluation report: " + e.getOriginalMessage(), e);
    }
  }
}
