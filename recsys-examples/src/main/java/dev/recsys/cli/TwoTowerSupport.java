package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.synth.WorldExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared parts of the two-tower commands: dataset loading, indexes, the model file, the progress bar. */
final class TwoTowerSupport {
  /** The model file inside a two-tower model directory. */
  static final String MODEL_FILE = "two-tower.rsm";
  /** The training report inside a two-tower model directory. */
  static final String REPORT_FILE = "two-tower-report.json";
  /** Catalogues up to this size are searched exactly; larger ones through Lucene HNSW. */
  static final int EXACT_LIMIT = dev.recsys.embedding.twotower.TwoTowerRecommenderPlugin.EXACT_LIMIT;

  private TwoTowerSupport() {}

  /** A dataset as interactions plus a catalogue that names every interaction item, and the listener profiles. */
  record Data(Interactions interactions, Catalog catalog, List<Listener> listeners, String description) {}

  /**
   * Loads {@code movielens:DIR}, {@code interactions:FILE}, {@code synthetic:DIR} (a directory written by
   * {@code recsys generate}: {@code tracks.csv}, {@code events.csv} and, when present, the listener demographics
   * {@code listener-attributes.csv}) or any other dataset specification.
   * Items missing from the catalogue get a bare track (id only), so id-only data works too. Reading is lenient:
   * bad rows are skipped, and the description counts them and quotes the first problem.
   */
  static Data load(String spec) throws IOException {
    return load(List.of(spec));
  }

  /** Like {@link #load(String)} over several specifications read together (e.g. a {@code listeners:FILE} beside). */
  static Data load(List<String> specs) throws IOException {
    List<String> expanded = new java.util.ArrayList<>();
    for (String s : specs) {
      if (s.startsWith("synthetic:")) {
        Path dir = Path.of(s.substring("synthetic:".length()));
        expanded.add("spotify-csv:" + dir.resolve(WorldExporter.TRACKS));
        expanded.add("interactions:" + dir.resolve(WorldExporter.EVENTS));
        Path attributes = dir.resolve(WorldExporter.LISTENER_ATTRIBUTES);
        if (Files.isRegularFile(attributes)) {
          expanded.add("listeners:" + attributes);
        }
      } else {
        expanded.add(s);
      }
    }
    String spec = String.join(" + ", specs);
    MusicDataset ds = Datasets.load(expanded, ReadOptions.LENIENT);
    Interactions in = ds.interactions();
    if (in.size() == 0) {
      throw new IllegalArgumentException(spec + ": no interactions to train on (" + ds + ")");
    }
    Catalog catalog = dev.recsys.quality.QualityHarness.withEveryItem(ds.catalog(), in);
    return new Data(in, catalog, ds.listeners(), in.size() + " interactions, " + in.users().size() + " listeners, " + in.items().size()
        + " items, " + ds.catalog().size() + " catalogue tracks"
        + (ds.listeners().isEmpty() ? "" : ", " + ds.listeners().size() + " listener profiles")
        + (ds.report().rowsSkipped() == 0 ? "" : ", " + ds.report().rowsSkipped() + " rows skipped"
            + (ds.report().firstProblems().isEmpty() ? "" : " (first: " + ds.report().firstProblems().get(0) + ")")));
  }

  /** An empty in-memory index: exact up to {@link #EXACT_LIMIT} vectors expected, Lucene HNSW above. */
  static VectorIndex index(int dimension, int expected) {
    return dev.recsys.embedding.twotower.TwoTowerRecommenderPlugin.index(dimension, expected);
  }


  /** The job ("recommend" or "match") of a saved two-tower model. */
  static String job(Path modelFile) throws IOException {
    ModelContainer c = ModelContainer.readFrom(modelFile);
    c.require("two-tower", Integer.MAX_VALUE);
    return Payload.reader(c.payload()).getString();
  }

  /** The model file of a model directory, with a helpful error when absent. */
  static Path modelFile(Path dir) {
    Path f = dir.resolve(MODEL_FILE);
    if (!Files.exists(f)) {
      throw new IllegalArgumentException(f + " not found: run 'recsys train-two-tower --out " + dir + "' first");
    }
    return f;
  }
}
