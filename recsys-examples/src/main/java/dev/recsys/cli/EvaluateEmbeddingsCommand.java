package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.Activation;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.ContrastiveConfig;
import dev.recsys.embedding.NeighbourhoodQuality;
import dev.recsys.embedding.PcaConfig;
import dev.recsys.quality.EmbeddingEvaluation;
import dev.recsys.quality.Labelings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-embeddings}: the held-out comparison of raw features, PCA, PCA + autoencoder and the
 * playlist-contrastive embedding ({@link EmbeddingEvaluation}), or with {@code --tune} the validation grid from which
 * the autoencoder's defaults are chosen.
 */
@Command(name = "evaluate-embeddings", mixinStandardHelpOptions = true,
    description = {"Compare track embeddings on held-out tracks: reconstruction error (autoencoder against PCA of",
        "the same width), genre agreement and held-out playlist co-membership of the k nearest neighbours, for raw",
        "features, PCA, PCA + autoencoder and the playlist-contrastive fine-tune, with paired bootstrap intervals.",
        "--tune runs a grid of autoencoder settings on validation tracks carved from the training part."})
final class EvaluateEmbeddingsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", paramLabel = "synthetic|KIND:FILE", defaultValue = "synthetic",
      description = "'synthetic' (a seeded world) or a dataset spec such as spotify-songs:FILE (default ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--tracks", paramLabel = "N", defaultValue = "10000", description = "Synthetic world: tracks (default ${DEFAULT-VALUE}).")
  int tracks;

  @Option(names = "--listeners", paramLabel = "N", defaultValue = "1500", description = "Synthetic world: listeners (default ${DEFAULT-VALUE}).")
  int listeners;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of world, split, models, bootstrap (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--neighbours", paramLabel = "K", defaultValue = "10", description = "Neighbours per track (default ${DEFAULT-VALUE}).")
  int neighbours;

  @Option(names = "--held-out", paramLabel = "F", defaultValue = "0.2", description = "Share of playlists held out (default ${DEFAULT-VALUE}).")
  double heldOut;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--dim", paramLabel = "D", description = "Autoencoder bottleneck (default: the library default).")
  Integer dim;

  @Option(names = "--hidden", paramLabel = "H", split = ",", description = "Hidden widths, e.g. 128,64 (default: the library default).")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "A", description = "Hidden activation: ${COMPLETION-CANDIDATES}.")
  Activation activation;

  @Option(names = "--noise", paramLabel = "S", description = "Denoising input noise in standard deviations.")
  Double noise;

  @Option(names = "--swap-noise", paramLabel = "P", description = "Denoising swap noise: probability that a feature column takes another track's value.")
  Double swapNoise;

  @Option(names = "--group-weight", paramLabel = "W", description = "Weight of the artist-contrastive term (0: off).")
  Double groupWeight;

  @Option(names = "--ssl-weight", paramLabel = "W", description = "Weight of the self-supervised contrastive term (0: off).")
  Double sslWeight;

  @Option(names = "--ssl-corruption", paramLabel = "C", description = "Share of columns corrupted in the self-supervised positive.")
  Double sslCorruption;

  @Option(names = "--variance", paramLabel = "V", description = "PCA variance target of the autoencoder's input.")
  Double variance;

  @Option(names = "--epochs", paramLabel = "N", description = "Maximum autoencoder epochs.")
  Integer epochs;

  @Option(names = "--temperature", paramLabel = "T", description = "Contrastive temperature.")
  Double temperature;

  @Option(names = "--no-contrastive", description = "Skip the playlist-contrastive fine-tune.")
  boolean noContrastive;

  @Option(names = "--tune", description = "Run the validation grid instead of the test evaluation.")
  boolean tune;

  @Option(names = "--tune-widths", paramLabel = "D", split = ",",
      description = "Widths of the --tune grid (default: the autoencoder's).")
  List<Integer> tuneWidths;

  @Option(names = "--tune-hidden", paramLabel = "H",
      description = "Hidden layers of the --tune grid, repeatable: --tune-hidden 64 --tune-hidden 128,64 (default: the autoencoder's).")
  List<String> tuneHidden;

  @Option(names = "--tune-activations", paramLabel = "A", split = ",",
      description = "Activations of the --tune grid (default: the autoencoder's).")
  List<Activation> tuneActivations;

  @Option(names = "--tune-noise", paramLabel = "S", split = ",",
      description = "Denoising noises of the --tune grid (default: the autoencoder's).")
  List<Double> tuneNoises;

  @Option(names = "--tune-swap-noise", paramLabel = "P", split = ",",
      description = "Swap-noise probabilities of the --tune grid (default: the autoencoder's).")
  List<Double> tuneSwapNoises;

  @Option(names = "--tune-group-weights", paramLabel = "W", split = ",",
      description = "Artist-contrastive weights of the --tune grid (default: the autoencoder's).")
  List<Double> tuneGroupWeights;

  @Option(names = "--tune-ssl-weights", paramLabel = "W", split = ",",
      description = "Self-supervised weights of the --tune grid (default: the autoencoder's).")
  List<Double> tuneWeights;

  @Option(names = "--verbose", description = "Print training progress.")
  boolean verbose;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    EmbeddingEvaluation.Data data = load(err);
    AutoencoderConfig ac = autoencoder(AutoencoderConfig.DEFAULT);
    ContrastiveConfig cc = noContrastive ? null : contrastive();
    PrintWriter out = spec.commandLine().getOut();
    if (tune) {
      List<EmbeddingEvaluation.Result> results;
      try (ProgressBar bar = new ProgressBar("evaluate embeddings (grid)", 1); PrintWriter notes = bar.notes()) {
        TrainingListener listener = verbose ? EmbedCommand.progress(notes) : messages(notes);
        results = EmbeddingEvaluation.tune(data, grid(ac, tuneWidths, tuneHidden, tuneActivations, tuneNoises,
            tuneWeights, tuneSwapNoises, tuneGroupWeights), cc, neighbours, heldOut, bootstrap, seed, listener);
        bar.step("");
      }
      if (json) {
        Json.print(out, results);
      } else {
        for (EmbeddingEvaluation.Result r : results) {
          print(out, r);
        }
      }
      return 0;
    }
    EmbeddingEvaluation.Result r;
    try (ProgressBar bar = new ProgressBar("evaluate embeddings", 1); PrintWriter notes = bar.notes()) {
      TrainingListener listener = verbose ? EmbedCommand.progress(notes) : messages(notes);
      r = new EmbeddingEvaluation(ac, cc, neighbours, heldOut, bootstrap, seed).run(data, listener);
      bar.step("");
    }
    if (json) {
      Json.print(out, r);
    } else {
      print(out, r);
    }
    return 0;
  }

  private EmbeddingEvaluation.Data load(PrintWriter err) throws java.io.IOException {
    if (dataset.equals("synthetic")) {
      SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(tracks).listeners(listeners).seed(seed)
          .build());
      int[][] genres = new int[w.catalog().size()][];
      for (int t = 0; t < genres.length; t++) {
        genres[t] = new int[] {w.trackGenre(t)};
      }
      return new EmbeddingEvaluation.Data("synthetic (seed " + seed + ")", w.catalog(),
          EmbeddingEvaluation.Data.playlistRows(w.catalog(), w.playlists()), genres);
    }
    MusicDataset ds = Datasets.load(EmbedCommand.datasetSpec(dataset), ReadOptions.LENIENT);
    err.printf(Locale.ROOT, "%s: %,d rows read, %,d skipped; %,d tracks, %,d playlists%n", ds.report().source(),
        ds.report().rowsRead(), ds.report().rowsSkipped(), ds.catalog().size(), ds.playlists().size());
    int[][] genres = Labelings.of(ds).stream().filter(l -> l.name().equals("genre")).findFirst()
        .map(NeighbourhoodQuality.Labels::labels).orElseThrow(() -> new IllegalArgumentException(dataset
            + ": no genre labels (tracks without genres and playlists without a genre)"));
    return new EmbeddingEvaluation.Data(dataset, ds.catalog(),
        EmbeddingEvaluation.Data.playlistRows(ds.catalog(), ds.playlists()), genres);
  }

  private AutoencoderConfig autoencoder(AutoencoderConfig base) {
    AutoencoderConfig.Builder b = base.toBuilder().seed(seed);
    if (dim != null) {
      b.bottleneck(dim);
    }
    if (hidden != null) {
      b.hiddenSizes(hidden);
    }
    if (activation != null) {
      b.activation(activation);
    }
    if (noise != null) {
      b.noise(noise);
    }
    if (swapNoise != null) {
      b.swapNoise(swapNoise);
    }
    if (groupWeight != null) {
      b.groupContrast(new AutoencoderConfig.GroupContrast(groupWeight, base.groupContrast().temperature()));
    }
    if (sslWeight != null || sslCorruption != null) {
      AutoencoderConfig.SelfSupervision s = base.selfSupervision();
      b.selfSupervision(new AutoencoderConfig.SelfSupervision(sslWeight != null ? sslWeight : s.weight(),
          sslCorruption != null ? sslCorruption : s.corruption(), s.temperature()));
    }
    if (variance != null) {
      b.pca(PcaConfig.ofVariance(variance));
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    return b.build();
  }

  private ContrastiveConfig contrastive() {
    ContrastiveConfig.Builder b = ContrastiveConfig.DEFAULT.toBuilder();
    if (temperature != null) {
      b.temperature(temperature);
    }
    return b.build();
  }

  /**
   * The validation grid around {@code base}: every combination of the listed widths, hidden layers, activations,
   * denoising noises, self-supervised weights, swap noises and artist-contrastive weights (an empty list keeps
   * {@code base}'s value).
   */
  static List<AutoencoderConfig> grid(AutoencoderConfig base, List<Integer> widths, List<String> hidden,
      List<Activation> activations, List<Double> noises, List<Double> weights, List<Double> swaps,
      List<Double> groupWeights) {
    List<AutoencoderConfig> out = new ArrayList<>();
    AutoencoderConfig.SelfSupervision s = base.selfSupervision();
    for (int width : orDefault(widths, base.bottleneck())) {
      for (String h : orDefault(hidden, base.hiddenSizes().stream().map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(",")))) {
        for (Activation act : orDefault(activations, base.activation())) {
          for (double noise : orDefault(noises, base.noise())) {
            for (double weight : orDefault(weights, s.weight())) {
              for (double swap : orDefault(swaps, base.swapNoise())) {
                for (double gw : orDefault(groupWeights, base.groupContrast().weight())) {
                  out.add(base.toBuilder().bottleneck(width).hiddenSizes(hiddenSizes(h)).activation(act).noise(noise)
                      .selfSupervision(new AutoencoderConfig.SelfSupervision(weight, s.corruption(), s.temperature()))
                      .swapNoise(swap)
                      .groupContrast(new AutoencoderConfig.GroupContrast(gw, base.groupContrast().temperature()))
                      .build());
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static <T> List<T> orDefault(List<T> values, T base) {
    return values == null || values.isEmpty() ? List.of(base) : values;
  }

  /** {@code "128,64"} as widths; {@code "none"} for no hidden layer. */
  static List<Integer> hiddenSizes(String spec) {
    if (spec.equals("none")) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (String p : spec.split(",")) {
      try {
        out.add(Integer.parseInt(p.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--tune-hidden takes widths like 128,64 or 'none'; got '" + spec + "'");
      }
    }
    return out;
  }

  private static TrainingListener messages(PrintWriter err) {
    return new TrainingListener() {
      @Override
      public void message(String text) {
        if (!text.startsWith("epoch")) {
          err.println(text);
          err.flush();
        }
      }
    };
  }

  static void print(PrintWriter pw, EmbeddingEvaluation.Result r) {
    pw.printf(Locale.ROOT, "%s: %,d tracks, %,d training, %,d held out; %d training and %d held-out playlists;"
        + " PCA %d -> autoencoder %d (%d epochs); k=%d%n", r.dataset(), r.tracks(), r.trainingTracks(),
        r.heldOutTracks(), r.trainingPlaylists(), r.heldOutPlaylists(), r.pcaComponents(), r.dimension(),
        r.autoencoderEpochs(), r.k());
    AutoencoderConfig c = r.autoencoder();
    pw.printf(Locale.ROOT, "  autoencoder: hidden %s, width %d, %s, noise %s, swap noise %s, self-supervised weight %s,"
        + " artist-contrastive weight %s%n", c.hiddenSizes(), c.bottleneck(), c.activation(), c.noise(), c.swapNoise(),
        c.selfSupervision().weight(), c.groupContrast().weight());
    String metric = null;
    for (EmbeddingEvaluation.Value v : r.values()) {
      if (!v.metric().equals(metric)) {
        metric = v.metric();
        pw.printf(Locale.ROOT, "  %s%n", metric);
      }
      pw.printf(Locale.ROOT, "    %-22s %s%n", v.embedding(), format(v.estimate()));
    }
    pw.println("  paired differences (a - b) over held-out tracks, 95% bootstrap intervals:");
    for (EmbeddingEvaluation.Difference d : r.differences()) {
      pw.printf(Locale.ROOT, "    %-20s %-22s - %-16s %s  %s%n", d.metric(), d.a(), d.b(), format(d.difference()),
          d.better() ? "a better" : "not shown better");
    }
    pw.flush();
  }

  private static String format(Estimate e) {
    return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f] (n=%d)", e.mean(), e.lower(), e.upper(), e.n());
  }
}
