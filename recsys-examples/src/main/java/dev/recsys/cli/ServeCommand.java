package dev.recsys.cli;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.embedding.AutoencoderFit;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleExperiment;
import dev.recsys.report.EmbeddingMap;
import dev.recsys.web.WebDemo;
import dev.recsys.web.WebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys serve}: the web demo. Without {@code --model} it serves a synthetic world (features, embeddings,
 * similarity graph, choice-model weights, two-tower listener models): the first start builds it with progress bars
 * and saves it under {@code --state}, later starts load it in seconds. With {@code --model DIR} it serves the
 * catalogue, vectors, graph and choice model of a model directory. Binds to 127.0.0.1 unless told otherwise.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web demo (smart shuffle, listeners) on 127.0.0.1.")
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--model", paramLabel = "DIR", description = "A model directory from 'recsys embed' (and 'recsys graph').")
  Path model;

  @Option(names = "--size", paramLabel = "N", description = "Tracks of the synthetic world (default ${DEFAULT-VALUE}).")
  int size = 5_000;

  @Option(names = "--listeners", paramLabel = "N", description = "Listeners of the synthetic world (default ${DEFAULT-VALUE}).")
  int listeners = 500;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--state", paramLabel = "DIR", description = "Where the synthetic world's models are kept between "
      + "starts (default: ~/.cache/recsys/serve).")
  Path state = Path.of(System.getProperty("user.home"), ".cache", "recsys", "serve");

  @Option(names = "--no-tsne", description = "Map the track embeddings with PCA instead of t-SNE (faster; the map is"
      + " made when models are built, or at each start with --model).")
  boolean noTsne;

  @Option(names = "--rebuild", description = "Build the synthetic world's models again even when saved ones exist.")
  boolean rebuild;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    WebDemo demo;
    if (model != null) {
      demo = fromModel(new ModelDirectory(model), !noTsne, seed);
    } else {
      Path dir = state.resolve("synthetic-" + size + "-" + listeners + "-" + seed);
      Saved saved = savedSynthetic(dir, size, listeners, seed, 8, 1, rebuild, spotifyPlaylists(System.getenv()), !noTsne);
      o.println((saved.built() ? "built and saved the models in " : "loaded the saved models from ") + dir
          + (saved.built() ? "" : " (--rebuild builds them again)"));
      demo = saved.demo();
    }
    try (WebServer server = WebServer.start(new InetSocketAddress(host, port), demo.routes())) {
      o.printf(java.util.Locale.ROOT, "recsys web demo at %s (ready in %.1f s; Ctrl-C to stop)%n", server.url(),
          (System.nanoTime() - t0) / 1e9);
      o.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }

  /** A demo over a model directory: catalogue, track vectors, the graph (built when absent) and the choice model. */
  static WebDemo fromModel(ModelDirectory dir) throws IOException {
    return fromModel(dir, false, 7);
  }

  /**
   * A demo over a model directory, with a map of its track vectors (by t-SNE when {@code tsne}, else PCA) when the
   * directory has them.
   */
  static WebDemo fromModel(ModelDirectory dir, boolean tsne, long seed) throws IOException {
    Catalog catalog = CatalogJsonl.read(dir.require(dir.catalog(), "recsys embed"));
    SimilarityGraph graph;
    TrackVectors tv = Files.exists(dir.trackVectors()) ? TrackVectors.load(dir.trackVectors()) : null;
    if (Files.exists(dir.similarityGraph())) {
      graph = SimilarityGraph.load(dir.similarityGraph());
    } else {
      dir.require(dir.trackVectors(), "recsys embed");
      graph = SimilarityGraphBuilder.exact(tv, catalog, SimilarityGraphConfig.defaults()).graph();
    }
    double[] weights = Files.exists(dir.choiceModel()) ? ChoiceModel.load(dir.choiceModel()).weights()
        : SoftmaxWalkConfig.defaults().weightArray();
    Path name = dir.root().toAbsolutePath().normalize().getFileName();
    WebDemo demo = new WebDemo("model " + (name == null ? "" : "'" + name + "'") + " \u00b7 "
        + String.format(java.util.Locale.ROOT, "%,d tracks", catalog.size()), catalog, graph,
        DemoPipeline.genreClusters(catalog), weights);
    return tv == null ? demo : demo.withMap(map(catalog, tv, tsne, seed));
  }

  /** The map of the track vectors the page shows, with a progress bar. */
  static EmbeddingMap map(Catalog catalog, TrackVectors vectors, boolean tsne, long seed) {
    try (ProgressBar bar = new ProgressBar(tsne ? "embedding map (t-SNE)" : "embedding map (PCA)", 1)) {
      return EmbeddingMap.of(catalog, vectors, EmbeddingMap.DEFAULT_POINTS, tsne, seed, bar.asListener());
    }
  }

  /**
   * A served demo and whether it was built (true) or loaded from saved models (false).
   *
   * @param demo the demo
   * @param built whether the models were trained in this call
   */
  record Saved(WebDemo demo, boolean built) {}

  /** What is saved beside the models: the page's description, the walk's weights, the clusters, the listeners. */
  record Meta(int format, String description, double[] weights, int[] clusters, Map<String, List<String>> histories) {}

  private static final int STATE_FORMAT = 1;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = dev.recsys.core.util.JsonCodec.json();

  /**
   * The synthetic world's demo from {@code dir} when a complete saved copy is there, otherwise built (with progress
   * bars) and saved there first. A copy is complete when its {@code meta.json} exists; it is written last.
   */
  static Saved savedSynthetic(Path dir, int size, int listeners, long seed, int epochs, int twoTowerEpochs,
      boolean rebuild) throws IOException {
    return savedSynthetic(dir, size, listeners, seed, epochs, twoTowerEpochs, rebuild, null);
  }

  /** As {@link #savedSynthetic(Path, int, int, long, int, int, boolean)}, with playlist import (or null). */
  static Saved savedSynthetic(Path dir, int size, int listeners, long seed, int epochs, int twoTowerEpochs,
      boolean rebuild, WebDemo.PlaylistResolver playlists) throws IOException {
    return savedSynthetic(dir, size, listeners, seed, epochs, twoTowerEpochs, rebuild, playlists, true);
  }

  /**
   * As {@link #savedSynthetic(Path, int, int, long, int, int, boolean, WebDemo.PlaylistResolver)}; a new build maps
   * the track embeddings by t-SNE when {@code tsne}, else by PCA, and saves the map ({@code map.json}).
   */
  static Saved savedSynthetic(Path dir, int size, int listeners, long seed, int epochs, int twoTowerEpochs,
      boolean rebuild, WebDemo.PlaylistResolver playlists, boolean tsne) throws IOException {
    Path meta = dir.resolve("meta.json");
    if (!rebuild && Files.exists(meta)) {
      try {
        return new Saved(load(dir, playlists), false);
      } catch (IOException | RuntimeException e) {
        System.err.println("the saved models in " + dir + " could not be read (" + e.getMessage() + "); building them again");
      }
    }
    Built b = build(size, listeners, seed, epochs, twoTowerEpochs, tsne);
    Files.createDirectories(dir);
    Files.deleteIfExists(meta);
    try (ProgressBar bar = new ProgressBar("save models", 4)) {
      JSON.writeValue(dir.resolve("map.json").toFile(), b.map());
      CatalogJsonl.write(b.catalog(), dir.resolve("catalog.jsonl"));
      bar.step("catalogue");
      b.graph().withProvenance(Provenance.now(seed, "synthetic-" + size + "-" + listeners)).save(dir.resolve("graph.bin"));
      bar.step("similarity graph");
      b.matcher().save(dir.resolve("matcher.bin"));
      b.recommender().save(dir.resolve("recommender.bin"));
      bar.step("two-tower models");
      Path tmp = dir.resolve("meta.json.tmp");
      JSON.writeValue(tmp.toFile(), new Meta(STATE_FORMAT, b.description(), b.weights(), b.clusters(), b.histories()));
      Files.move(tmp, meta, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      bar.step("description");
    }
    return new Saved(b.demo(playlists), true);
  }

  /** The listener histories saved with a synthetic world's models. */
  static Map<String, List<String>> savedHistories(Path dir) throws IOException {
    return JSON.readValue(dir.resolve("meta.json").toFile(), Meta.class).histories();
  }

  /**
   * Playlist import through the Spotify Web API when app credentials are in the environment
   * ({@code SPOTIFY_CLIENT_ID}, {@code SPOTIFY_CLIENT_SECRET}; a development-mode app also needs
   * {@code SPOTIFY_REFRESH_TOKEN} of a user who owns or collaborates on the playlists; {@code RECSYS_SPOTIFY_API_BASE}
   * points elsewhere), otherwise null: the page then offers song picking only.
   */
  static WebDemo.PlaylistResolver spotifyPlaylists(Map<String, String> env) {
    dev.recsys.spotify.SpotifyConfig config;
    try {
      config = dev.recsys.spotify.SpotifyConfig.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      System.err.println("Spotify settings ignored: " + e.getMessage());
      return null;
    }
    dev.recsys.spotify.SpotifyClient client = dev.recsys.spotify.SpotifyClient.create(config);
    if (!client.hasAppCredentials()) {
      client.close();
      return null;
    }
    return url -> {
      dev.recsys.spotify.SpotifyRef ref;
      try {
        ref = dev.recsys.spotify.SpotifyRef.parse(url, dev.recsys.spotify.SpotifyRef.Kind.PLAYLIST);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("That is not a Spotify playlist link: paste one like"
            + " https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M (in Spotify: Share, then Copy link to"
            + " playlist).", e);
      }
      List<String> ids = new java.util.ArrayList<>();
      try {
        for (dev.recsys.spotify.PlaylistItems.Entry e : client.playlistItems(ref.id()).entries()) {
          ids.add(e.track().id());
        }
      } catch (dev.recsys.spotify.SpotifyException e) {
        throw new IllegalArgumentException(playlistRefusal(e.reason()), e);
      }
      return ids;
    };
  }

  /** Why a playlist could not be imported, in words for the person at the page (not the library's diagnostics). */
  static String playlistRefusal(dev.recsys.spotify.SpotifyException.Reason reason) {
    return switch (reason) {
      case RESTRICTED -> "Spotify does not let this server read that playlist: an app in development mode may only"
          + " read playlists its signed-in user owns or collaborates on. Pick songs instead.";
      case NOT_FOUND -> "Spotify has no playlist at that link, or it is private; check the link.";
      case UNAUTHORIZED, BAD_REQUEST -> "Spotify refused this server's credentials, so playlists cannot be imported"
          + " now; pick songs instead.";
      case RATE_LIMITED -> "Spotify asks this server to slow down; try again in a minute.";
      case SERVER_ERROR, TIMEOUT, NETWORK, MALFORMED_RESPONSE, UNEXPECTED -> "Spotify could not be reached just now;"
          + " try again later or pick songs instead.";
    };
  }

  private static WebDemo load(Path dir, WebDemo.PlaylistResolver playlists) throws IOException {
    Meta m = JSON.readValue(dir.resolve("meta.json").toFile(), Meta.class);
    if (m.format() != STATE_FORMAT) {
      throw new IOException("saved format " + m.format() + ", this version reads " + STATE_FORMAT);
    }
    Catalog catalog;
    SimilarityGraph graph;
    TwoTowerUserMatcher matcher;
    TwoTowerRecommender recommender;
    try (ProgressBar bar = new ProgressBar("load models", 3)) {
      catalog = CatalogJsonl.read(dir.resolve("catalog.jsonl"));
      graph = SimilarityGraph.load(dir.resolve("graph.bin"));
      bar.step("catalogue and graph");
      matcher = TwoTowerUserMatcher.load(dir.resolve("matcher.bin"),
          dim -> TwoTowerSupport.index(dim, m.histories().size()));
      bar.step("listener matcher");
      recommender = TwoTowerRecommender.load(dir.resolve("recommender.bin"),
          dim -> TwoTowerSupport.index(dim, catalog.size()));
      bar.step("recommender");
    }
    Path mapFile = dir.resolve("map.json");
    EmbeddingMap map = Files.exists(mapFile) ? JSON.readValue(mapFile.toFile(), EmbeddingMap.class) : null;
    return new WebDemo(m.description(), catalog, graph, m.clusters(), m.weights(),
        new WebDemo.Listeners(matcher, recommender, m.histories()), playlists).withMap(map);
  }

  private record Built(String description, Catalog catalog, SimilarityGraph graph, int[] clusters, double[] weights,
      TwoTowerUserMatcher matcher, TwoTowerRecommender recommender, Map<String, List<String>> histories,
      EmbeddingMap map) {
    WebDemo demo(WebDemo.PlaylistResolver playlists) {
      return new WebDemo(description, catalog, graph, clusters, weights,
          new WebDemo.Listeners(matcher, recommender, histories), playlists).withMap(map);
    }
  }

  /** A demo over a synthetic world built in-process (the steps of {@code recsys demo}, smaller), not saved. */
  static WebDemo synthetic(int size, int listeners, long seed, int epochs, int twoTowerEpochs) {
    return build(size, listeners, seed, epochs, twoTowerEpochs, false).demo(null);
  }

  private static Built build(int size, int listeners, long seed, int epochs, int twoTowerEpochs, boolean tsne) {
    DemoPipeline.World world = DemoPipeline.synthetic(size, listeners, seed);
    Catalog catalog = world.catalog();
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    AutoencoderFit fit;
    try (ProgressBar bar = new ProgressBar("PCA + autoencoder", epochs)) {
      fit = DemoPipeline.embed(x, epochs, seed, bar.asTrainingListener());
    }
    TrackVectors tv = EmbedCommand.trackVectors(catalog, fit.model().embedAll(x), fit.model().provenance());
    EmbeddingMap map = map(catalog, tv, tsne, seed);
    SimilarityGraph graph;
    ShuffleExperiment.Result choice;
    try (ProgressBar bar = new ProgressBar("similarity graph + choice model", 2)) {
      graph = SimilarityGraphBuilder.exact(tv, catalog, SimilarityGraphConfig.defaults()).graph();
      bar.step("similarity graph");
      choice = ShuffleExperiment.run(ShuffleExperiment.Config.of(100, seed), catalog, tv, world.clusters(), graph, false);
      bar.step("choice model");
    }
    TwoTowerUserMatcher matcher;
    TwoTowerRecommender recommender;
    try (ProgressBar bar = new ProgressBar("two-tower models", 2)) {
      matcher = DemoPipeline.matcher(world.interactions(), catalog, twoTowerEpochs, seed, dev.recsys.core.spi.TrainingListener.NONE);
      bar.step("listener matcher");
      recommender = DemoPipeline.recommender(world.interactions(), catalog, twoTowerEpochs, seed, dev.recsys.core.spi.TrainingListener.NONE);
      bar.step("recommender");
    }
    // the listeners offered: those both models know, with the history the recommender was trained on
    Map<String, List<String>> histories = new LinkedHashMap<>();
    for (String id : matcher.listenerIds()) {
      if (recommender.knowsListener(id)) {
        histories.put(id, recommender.history(id));
      }
    }
    return new Built(world.description(), catalog, graph, world.clusters(), choice.model().weights(), matcher,
        recommender, histories, map);
  }
}
