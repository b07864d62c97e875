package dev.recsys.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a model directory, the output of {@code recsys embed} that later commands ({@code index},
 * {@code similar}, {@code graph}, {@code shuffle}, {@code serve}) read and add to. Every file is written atomically.
 *
 * @param root the directory
 */
public record ModelDirectory(Path root) {
  /**
   * The tracks of the catalogue, as JSON lines (one track object per line).
   *
   * @return the tracks of the catalogue, as JSON lines (one track object per line)
   */
  public Path catalog() {
    return root.resolve("catalog.jsonl");
  }

  /**
   * The fitted feature pipeline.
   *
   * @return the fitted feature pipeline
   */
  public Path features() {
    return root.resolve("features.rsm");
  }

  /**
   * The fitted embedding model.
   *
   * @return the fitted embedding model
   */
  public Path embedder() {
    return root.resolve("embedder.rsm");
  }

  /**
   * The track vectors ({@link TrackVectors}).
   *
   * @return the track vectors ({@link TrackVectors})
   */
  public Path trackVectors() {
    return root.resolve("track-vectors.rsm");
  }

  /**
   * The persistent vector index of the track vectors (a directory).
   *
   * @return the persistent vector index of the track vectors (a directory)
   */
  public Path trackIndex() {
    return root.resolve("track-index");
  }

  /**
   * The song-similarity graph.
   *
   * @return the song-similarity graph
   */
  public Path similarityGraph() {
    return root.resolve("similarity-graph.rsm");
  }

  /**
   * The fitted next-track choice model weights.
   *
   * @return the fitted next-track choice model weights
   */
  public Path choiceModel() {
    return root.resolve("choice-model.rsm");
  }

  /**
   * The quality report of the fit, as JSON.
   *
   * @return the quality report of the fit, as JSON
   */
  public Path report() {
    return root.resolve("report.json");
  }

  /**
   * Checks that {@code file} exists, naming the command that creates it otherwise.
   *
   * @throws IllegalStateException if it does not
   * @param file the file
   * @param createdBy the created by
   * @return {@code file}
   */
  public Path require(Path file, String createdBy) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " not found: run '" + createdBy + "' first");
    }
    return file;
  }
}
