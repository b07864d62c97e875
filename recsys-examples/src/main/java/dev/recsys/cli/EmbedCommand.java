package dev.recsys.cli;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.AutoencoderFit;
import dev.recsys.embedding.EmbeddingQualityReport;
import dev.recsys.embedding.NeighbourhoodQuality;
import dev.recsys.embedding.PcaAutoencoderEmbedder;
import dev.recsys.embedding.TrackGroups;
import dev.recsys.embedding.PcaAutoencoderModel;
import dev.recsys.embedding.PcaAutoencoderPlugin;
import dev.recsys.embedding.PcaConfig;
import dev.recsys.embedding.PcaModel;
import dev.recsys.embedding.PlaylistContrastiveEmbedder;
import dev.recsys.embedding.PlaylistContrastivePlugin;
import dev.recsys.embedding.ContrastiveConfig;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.quality.EmbeddingEvaluation;
import dev.recsys.quality.Labelings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys embed}: reads a track catalogue, fits the feature pipeline (audio and metadata, no genre columns),
 * PCA and the autoencoder (or, with {@code --embedder playlist-contrastive}, the autoencoder fine-tuned on the data
 * set's playlists), writes the model directory and prints the quality report, including the genre,
 * subgenre and playlist agreement of nearest neighbours for raw features, PCA and PCA + autoencoder.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Fit track embeddings (features -> PCA -> autoencoder), write a model directory and print the",
        "quality report: explained variance, held-out reconstruction error, and how often the 10 nearest",
        "neighbours share genre / subgenre / playlist for raw features, PCA and PCA + autoencoder.",
        "Genre and playlist columns are not model inputs, so the neighbour agreement is an honest test."})
final class EmbedCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", paramLabel = "FILE", required = true,
      description = "Track catalogue: a Spotify CSV (TidyTuesday, Kaggle) or a dataset spec KIND:PATH.")
  String tracks;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Model directory to write.")
  Path out;

  @Option(names = "--embedder", paramLabel = "NAME", defaultValue = PcaAutoencoderPlugin.NAME,
      description = {"Embedder plugin: " + PcaAutoencoderPlugin.NAME + " (unsupervised) or "
          + PlaylistContrastivePlugin.NAME + " (fine-tuned on the data set's playlists) (default ${DEFAULT-VALUE})."})
  String embedder;

  @Option(names = "--variance", paramLabel = "V", description = "PCA variance target (default ${DEFAULT-VALUE}).")
  double variance = 0.95;

  @Option(names = "--dim", paramLabel = "D", description = "Embedding dimension (default ${DEFAULT-VALUE}).")
  int dim = AutoencoderConfig.DEFAULT.bottleneck();

  @Option(names = "--epochs", paramLabel = "N", description = "Maximum training epochs (default ${DEFAULT-VALUE}).")
  int epochs = AutoencoderConfig.DEFAULT.training().epochs();

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--neighbours", paramLabel = "K", description = "Neighbours per track in the report (default ${DEFAULT-VALUE}).")
  int neighbours = 10;

  @Option(names = "--export-vectors", paramLabel = "FILE", description = "Also write track_id,v0..vN as CSV.")
  Path exportVectors;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** What the command prints with --json. */
  record Result(String directory, int tracks, List<String> featureColumns, String readSummary,
      Report report, boolean reloadIdentical, Map<String, Long> millis) {}

  /**
   * The quality report: the autoencoder's fit report (null for a fine-tuned embedder) and the neighbour agreement
   * of raw features, PCA and the embedder.
   */
  record Report(String embedder, int dimension, EmbeddingQualityReport autoencoder,
      List<NeighbourhoodQuality.Score> neighbourhood) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Long> millis = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    MusicDataset ds = Datasets.load(datasetSpec(tracks), ReadOptions.LENIENT);
    Catalog catalog = ds.catalog();
    String readSummary = String.format(Locale.ROOT, "%s: %,d rows read, %,d skipped; %,d tracks, %,d playlists",
        ds.report().source(), ds.report().rowsRead(), ds.report().rowsSkipped(), catalog.size(), ds.playlists().size());
    err.println(readSummary);
    ds.report().firstProblems().forEach(p -> err.println("  skipped: " + p));
    long t1 = System.nanoTime();
    millis.put("read", (t1 - t0) / 1_000_000);

    FittedFeatures features = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog);
    FeatureMatrix x = features.transform(catalog);
    long t2 = System.nanoTime();
    millis.put("features", (t2 - t1) / 1_000_000);
    err.printf(Locale.ROOT, "features: %d columns (audio and metadata, no genre columns)%n", x.cols());

    AutoencoderConfig config = AutoencoderConfig.DEFAULT.toBuilder().pca(PcaConfig.ofVariance(variance)).bottleneck(dim)
        .epochs(epochs).seed(seed).build();
    EmbedderPlugin<?> plugin = PluginRegistry.load(EmbedderPlugin.class).get(embedder);
    EmbeddingModel model;
    PcaModel pca;
    EmbeddingQualityReport fitReport = null;
    ProgressBar bar = new ProgressBar("embed (" + embedder + ")", epochs);
    PrintWriter notes = bar.notes();
    TrainingListener both = both(bar.asEpochCounter(), progress(notes));
    try (bar; notes) {
      if (plugin instanceof PcaAutoencoderPlugin) {
        AutoencoderFit fit = new PcaAutoencoderEmbedder(config).fitWithReport(x, TrackGroups.byArtist(catalog), both);
        model = fit.model();
        pca = fit.model().pca();
        fitReport = fit.report();
      } else if (plugin instanceof PlaylistContrastivePlugin) {
        int[][] groups = EmbeddingEvaluation.Data.playlistRows(catalog, ds.playlists());
        PlaylistContrastiveEmbedder e = new PlaylistContrastiveEmbedder(ContrastiveConfig.DEFAULT.toBuilder()
            .autoencoder(config).build());
        var fitted = e.fit(x, groups, both);
        model = fitted;
        pca = fitted.pca();
      } else {
        throw new IllegalArgumentException("--embedder must be " + PcaAutoencoderPlugin.NAME + " or "
            + PlaylistContrastivePlugin.NAME + "; got '" + embedder + "'");
      }
    }
    FeatureMatrix vectors = model.embedAll(x);
    long t3 = System.nanoTime();
    millis.put("fit", (t3 - t2) / 1_000_000);

    List<NeighbourhoodQuality.Labels> labels = Labelings.of(ds);
    NeighbourhoodQuality nq = new NeighbourhoodQuality(neighbours);
    List<NeighbourhoodQuality.Score> scores = new ArrayList<>();
    if (!labels.isEmpty() && catalog.size() > neighbours) {
      scores.addAll(nq.evaluate("raw", x, labels));
      scores.addAll(nq.evaluate("pca", pca.embedAll(x), labels));
      scores.addAll(nq.evaluate(embedder, vectors, labels));
    }
    Report report = new Report(embedder, vectors.cols(), fitReport, scores);
    long t4 = System.nanoTime();
    millis.put("neighbourhood", (t4 - t3) / 1_000_000);

    ModelDirectory dir = new ModelDirectory(out);
    Files.createDirectories(out);
    features.save(dir.features());
    model.save(dir.embedder());
    dev.recsys.core.io.Provenance provenance = model.toContainer().provenance();
    TrackVectors tv = trackVectors(catalog, vectors, provenance);
    tv.withProvenance(provenance).save(dir.trackVectors());
    CatalogJsonl.write(catalog, dir.catalog());
    java.io.StringWriter reportJson = new java.io.StringWriter();
    Json.print(new PrintWriter(reportJson), report);
    Files.writeString(dir.report(), reportJson.toString(), StandardCharsets.UTF_8);
    if (exportVectors != null) {
      exportCsv(tv, exportVectors);
    }
    boolean identical = reloadsIdentically(dir, catalog, tv);
    long t5 = System.nanoTime();
    millis.put("write", (t5 - t4) / 1_000_000);

    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, new Result(out.toAbsolutePath().toString(), catalog.size(), x.columns(), readSummary, report,
          identical, millis));
    } else {
      printText(pw, report, catalog.size(), identical);
    }
    return identical ? 0 : 1;
  }

  /** A plain file becomes a Spotify CSV spec; {@code KIND:PATH} specs pass through. */
  static String datasetSpec(String arg) {
    int colon = arg.indexOf(':');
    if (colon > 0 && Datasets.KINDS.contains(arg.substring(0, colon))) {
      return arg;
    }
    return "spotify-songs:" + arg;
  }

  /** A training listener that passes every call to {@code a}, then to {@code b}. */
  static TrainingListener both(TrainingListener a, TrainingListener b) {
    return new TrainingListener() {
      @Override
      public void epochEnd(int epoch, int totalEpochs, double trainLoss, double validationLoss) {
        a.epochEnd(epoch, totalEpochs, trainLoss, validationLoss);
        b.epochEnd(epoch, totalEpochs, trainLoss, validationLoss);
      }

      @Override
      public void message(String text) {
        a.message(text);
        b.message(text);
      }
    };
  }

  /** Prints epochs and messages of a fit to {@code err}. */
  static TrainingListener progress(PrintWriter err) {
    return new TrainingListener() {
      @Override
      public void epochEnd(int epoch, int totalEpochs, double trainLoss, double validationLoss) {
        err.printf(Locale.ROOT, "epoch %3d/%d  train %.5f  validation %.5f%n", epoch, totalEpochs, trainLoss, validationLoss);
        err.flush();
      }

      @Override
      public void message(String text) {
        err.println(text);
        err.flush();
      }
    };
  }

  static TrackVectors trackVectors(Catalog catalog, FeatureMatrix vectors, Provenance provenance) {
    List<String> ids = new ArrayList<>(catalog.size());
    List<Metadata> meta = new ArrayList<>(catalog.size());
    for (Track t : catalog.tracks()) {
      ids.add(t.id());
      Metadata.Builder b = Metadata.builder();
      t.title().ifPresent(title -> b.put("title", title));
      t.primaryArtist().ifPresent(a -> b.put("artist", a.name()));
      if (!t.genres().isEmpty()) {
        b.put("genre", t.genres());
      }
      meta.add(b.build());
    }
    return new TrackVectors(ids, vectors.cols(), vectors.data(), meta);
  }

  /**
   * Loads the written directory back (catalogue, feature pipeline, embedder, vectors) and checks that it embeds
   * every track to the saved vectors, bit for bit.
   */
  static boolean reloadsIdentically(ModelDirectory dir, Catalog catalog, TrackVectors saved) throws IOException {
    FittedFeatures f = FittedFeatures.load(dir.features());
    ModelContainer c = ModelContainer.readFrom(dir.embedder());
    EmbeddingModel m = PluginRegistry.load(EmbedderPlugin.class).get(c.provider()).load(c);
    Catalog back = CatalogJsonl.read(dir.catalog());
    if (!back.tracks().equals(catalog.tracks())) {
      return false;
    }
    FeatureMatrix again = m.embedAll(f.transform(back));
    TrackVectors loaded = TrackVectors.load(dir.trackVectors());
    return Arrays.equals(again.data(), saved.data()) && loaded.equals(saved);
  }

  static void exportCsv(TrackVectors tv, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(abs, StandardCharsets.UTF_8)) {
      w.write("track_id");
      for (int j = 0; j < tv.dimension(); j++) {
        w.write(",v" + j);
      }
      w.newLine();
      for (int i = 0; i < tv.size(); i++) {
        String id = tv.ids().get(i);
        boolean quote = id.indexOf(',') >= 0 || id.indexOf('"') >= 0;
        w.write(quote ? "\"" + id.replace("\"", "\"\"") + "\"" : id);
        for (int j = 0; j < tv.dimension(); j++) {
          w.write(',');
          w.write(Float.toString(tv.data()[i * tv.dimension() + j]));
        }
        w.newLine();
      }
    }
  }

  private void printText(PrintWriter pw, Report report, int tracks, boolean identical) {
    EmbeddingQualityReport r = report.autoencoder();
    if (r == null) {
      pw.printf(Locale.ROOT, "embedded %,d tracks with %s: %d dimensions%n", tracks, report.embedder(),
          report.dimension());
    } else {
      printAutoencoder(pw, r, tracks);
    }
    if (!report.neighbourhood().isEmpty()) {
      pw.printf(Locale.ROOT, "neighbour agreement (share of the %d nearest neighbours, cosine, sharing the label):%n",
          report.neighbourhood().get(0).k());
      pw.printf(Locale.ROOT, "  %-10s %-20s %9s %9s %7s%n", "label", "embedding", "agreement", "chance", "lift");
      for (NeighbourhoodQuality.Score s : report.neighbourhood()) {
        pw.printf(Locale.ROOT, "  %-10s %-20s %9.4f %9.4f %7.2f%n", s.label(), s.embedding(), s.agreement(),
            s.chance(), s.lift());
      }
    }
    pw.println("reload check: " + (identical ? "the saved directory embeds every track to the saved vectors" : "MISMATCH"));
    pw.flush();
  }

  private static void printAutoencoder(PrintWriter pw, EmbeddingQualityReport r, int tracks) {
    pw.printf(Locale.ROOT, "embedded %,d tracks: %d features -> PCA %d -> autoencoder %d%n", tracks, r.inputDimension(),
        r.pcaComponents(), r.dimension());
    pw.println("explained variance per component (cumulative):");
    for (int i = 0; i < r.explainedVarianceRatio().size(); i++) {
      pw.printf(Locale.ROOT, "  pc%-3d %6.4f  (%6.4f)%s%n", i, r.explainedVarianceRatio().get(i),
          r.cumulativeExplainedVarianceRatio().get(i), i < r.pcaComponents() ? "" : "  dropped");
    }
    EmbeddingQualityReport.Reconstruction rec = r.reconstruction();
    pw.printf(Locale.ROOT, "held-out reconstruction MSE (%,d tracks; predicting the mean: %.4f):%n", rec.heldOutRows(),
        rec.totalVariance());
    pw.printf(Locale.ROOT, "  PCA + autoencoder (%d dims)      %.4f%n", r.dimension(), rec.autoencoderMse());
    pw.printf(Locale.ROOT, "  PCA truncated to %d components   %.4f%n", Math.min(r.dimension(), r.inputDimension()),
        rec.pcaSameDimensionMse());
    pw.printf(Locale.ROOT, "  PCA (%d components)              %.4f%n", r.pcaComponents(), rec.pcaMse());
    pw.printf(Locale.ROOT, "training: %d epochs (best %d, %s)%n", r.training().epochsRun(), r.training().bestEpoch(),
        r.training().stoppedEarly() ? "stopped early" : "ran to the limit");
  }
}
