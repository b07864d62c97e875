package dev.recsys.cli;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.core.eval.protocol.RandomSplit;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.AutoencoderFit;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import dev.recsys.graph.gat.GatConfig;
import dev.recsys.graph.gat.GatModel;
import dev.recsys.graph.gat.GatTrainer;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.UniformShuffleSampler;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleExperiment;
import dev.recsys.report.DemoReport;
import dev.recsys.report.AttentionPicture;
import dev.recsys.report.EmbeddingMap;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys demo}: the whole library on one catalogue, in about a minute. Generates the synthetic world (or
 * reads {@code --tracks FILE}), fits features, PCA and the autoencoder, indexes the track vectors in Lucene HNSW,
 * builds the similarity graph, fits the choice model on simulated listener choices, and shows a smart-shuffle
 * playlist with "why this song" beside a plain shuffle, the shuffle evaluation, and recommenders evaluated against
 * baselines. Writes an HTML report with plots and prints its path.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on the synthetic world (or --tracks FILE) and write an HTML report."})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", paramLabel = "FILE", description = "A real catalogue (e.g. the TidyTuesday Spotify CSV) instead of the synthetic world.")
  String tracksFile;

  @Option(names = "--size", paramLabel = "N", description = "Tracks in the synthetic world (default ${DEFAULT-VALUE}).")
  int size = 10_000;

  @Option(names = "--listeners", paramLabel = "N", description = "Listeners in the synthetic world (default ${DEFAULT-VALUE}).")
  int listeners = 1_000;

  @Option(names = "--epochs", paramLabel = "N", description = "Autoencoder epochs (default ${DEFAULT-VALUE}).")
  int epochs = 15;

  @Option(names = "--two-tower-epochs", paramLabel = "N", description = "Two-tower training epochs (default ${DEFAULT-VALUE}).")
  int twoTowerEpochs = 1;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--gat-epochs", paramLabel = "N", description = "Graph-attention training epochs for the attention"
      + " picture (default ${DEFAULT-VALUE}; 0 leaves it out).")
  int gatEpochs = 2;

  @Option(names = "--no-tsne", description = "Map the track embeddings with PCA instead of t-SNE (faster).")
  boolean noTsne;

  @Option(names = "--map-points", paramLabel = "N", description = "Tracks on the embedding map (default ${DEFAULT-VALUE}; t-SNE takes O(N^2) time).")
  int mapPoints = EmbeddingMap.DEFAULT_POINTS;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default ${DEFAULT-VALUE}).")
  Path out = Path.of("target", "demo");

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    long start = System.nanoTime();
    Files.createDirectories(out);
    DemoReport report = new DemoReport();

    DemoPipeline.World world = tracksFile != null ? DemoPipeline.fromFile(tracksFile) : DemoPipeline.synthetic(size, listeners, seed);
    Catalog catalog = world.catalog();
    o.printf(Locale.ROOT, "%n== 1. Catalogue: %s%n", world.description());
    o.flush();
    java.util.Map<String, Integer> perGenre = new java.util.HashMap<>();
    for (int t = 0; t < catalog.size(); t++) {
      List<String> g = catalog.get(t).genres();
      perGenre.merge(g.isEmpty() ? "(none)" : g.get(0), 1, Integer::sum);
    }
    report.data(world.description(), perGenre);

    FeatureMatrix x;
    try (ProgressBar bar = new ProgressBar("features", 1)) {
      FittedFeatures features = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog);
      x = features.transform(catalog);
      bar.step(x.cols() + " columns");
    }
    AutoencoderFit fit;
    try (ProgressBar bar = new ProgressBar("PCA + autoencoder", epochs)) {
      fit = DemoPipeline.embed(x, epochs, seed, bar.asTrainingListener());
    }
    FeatureMatrix vectors = fit.model().embedAll(x);
    TrackVectors tv = EmbedCommand.trackVectors(catalog, vectors, fit.model().provenance());
    report.embedding(fit.report());
    o.printf(Locale.ROOT, "%n== 2. Track embeddings: %d features -> PCA %d components (%.1f%% of variance) -> autoencoder %d dims%n",
        x.cols(), fit.report().pcaComponents(),
        100 * fit.report().cumulativeExplainedVarianceRatio().get(fit.report().pcaComponents() - 1), vectors.cols());
    o.printf(Locale.ROOT, "   held-out reconstruction error: autoencoder %.4f, PCA of the same size %.4f%n",
        fit.report().reconstruction().autoencoderMse(), fit.report().reconstruction().pcaSameDimensionMse());
    EmbeddingMap map;
    try (ProgressBar bar = new ProgressBar(noTsne ? "embedding map (PCA)" : "embedding map (t-SNE)", 1)) {
      map = EmbeddingMap.of(catalog, tv, mapPoints, !noTsne, seed, bar.asListener());
    }
    report.map(map);
    o.printf(Locale.ROOT, "   %s map of %,d tracks coloured by genre in the report (trustworthiness %.3f at 10 neighbours)%n",
        map.method(), map.points().size(), map.trustworthiness());

    int startTrack = DemoPipeline.mostPopular(catalog);
    SimilarityGraph graph;
    try (LuceneHnswIndex index = LuceneHnswIndex.open(LuceneHnswConfig.builder().dimension(vectors.cols())
        .similarity(Similarity.COSINE).build())) {
      try (ProgressBar bar = new ProgressBar("HNSW index", 1)) {
        index.upsertAll(tv.ids(), tv.data(), tv.metadata(), Runtime.getRuntime().availableProcessors());
        index.commit();
        bar.step(index.size() + " vectors");
      }
      o.printf(Locale.ROOT, "%n== 3. Nearest tracks to \"%s\" (Lucene HNSW, cosine)%n", catalog.get(startTrack).displayTitle());
      StringBuilder nearest = new StringBuilder("nearest tracks to \"" + catalog.get(startTrack).displayTitle() + "\"\n");
      for (SearchHit h : index.searchByKey(catalog.get(startTrack).id(), 5, SearchFilter.NONE)) {
        Track t = catalog.require(h.key());
        o.printf(Locale.ROOT, "   %.3f  %-60s %s%n", h.score(), cut(t.displayTitle(), 60), String.join(", ", t.genres()));
        nearest.append(String.format(Locale.ROOT, "%.3f  %s  (%s)%n", h.score(), t.displayTitle(), String.join(", ", t.genres())));
      }
      report.text(DemoReport.Chapter.RETRIEVAL, "The track vectors in a Lucene HNSW index answer \"what sounds like"
          + " this?\" by cosine similarity; the similarity graph the shuffle walks is built from the same queries.",
          nearest.toString());
      try (ProgressBar bar = new ProgressBar("similarity graph (k=50)", 1)) {
        SimilarityGraphBuilder.Result g = SimilarityGraphBuilder.fromIndex(index, catalog, SimilarityGraphConfig.defaults().withK(50));
        graph = g.graph();
        bar.step(graph.edgeCount() + " edges");
      }
    }

    ShuffleExperiment.Result choice;
    try (ProgressBar bar = new ProgressBar("choice model", 1)) {
      ShuffleExperiment.Config cfg = ShuffleExperiment.Config.of(250, seed);
      choice = ShuffleExperiment.run(cfg, catalog, tv, world.clusters(), graph, true);
      bar.step(choice.choices() + " simulated choices");
    }
    report.shuffle(choice);
    o.printf(Locale.ROOT, "%n== 4. Choice model fitted on %,d simulated listener choices (cosine to the hidden weights %.3f)%n",
        choice.choices(), choice.cosine());
    o.print(indent(choice.recoveryTable()));

    TrackAttributes attributes = TrackAttributes.of(catalog, world.clusters());
    SoftmaxWalkSampler smart = SoftmaxWalkSampler.create(graph, attributes, SoftmaxWalkConfig.defaults())
        .withWeights(choice.model().weights());
    o.printf(Locale.ROOT, "%n== 5. Smart shuffle from \"%s\" (learned weights), beside a plain shuffle%n",
        catalog.get(startTrack).displayTitle());
    report.smartShuffle(printShuffle(o, catalog, smart, new UniformShuffleSampler(catalog.size()), startTrack, 12));
    o.printf("%n   Shuffle evaluation over simulated sessions:%n");
    o.print(indent(choice.evaluation().table()));

    String listener = world.interactions().users().id(0);
    try (ProgressBar bar = new ProgressBar("two-tower listener matcher", twoTowerEpochs);
        TwoTowerUserMatcher matcher = DemoPipeline.matcher(world.interactions(), catalog, twoTowerEpochs, seed,
            bar.asTrainingListener())) {
      o.printf(Locale.ROOT, "%n== 6. Listeners most similar to %s (two-tower matcher), with what they share%n", listener);
      StringBuilder similar = new StringBuilder("listeners most similar to " + listener + "\n");
      for (ListenerMatch m : matcher.similarListeners(listener, 5)) {
        o.printf(Locale.ROOT, "   %.3f  %-10s %s%n", m.score(), m.listenerId(), cut(m.explanation().summary(), 90));
        similar.append(String.format(Locale.ROOT, "%.3f  %-12s %s%n", m.score(), m.listenerId(), m.explanation().summary()));
      }
      report.text(DemoReport.Chapter.LISTENERS, "A two-tower model embeds each listener's history; the nearest"
          + " listeners are shown with the genres, artists and tracks they share.", similar.toString());
    }

    if (gatEpochs > 0) {
      attention(o, report, world, listener);
    }

    o.printf(Locale.ROOT, "%n== 7. Recommenders against baselines (%s)%n", world.timed() ? "temporal split, last 20% per listener" : "random 20% split");
    Split split = (world.timed() ? TemporalSplit.lastFraction(0.2, seed) : new RandomSplit(0.2, seed)).split(world.interactions());
    RecommenderTrainer twoTower = new RecommenderTrainer() {
      @Override
      public String name() {
        return "two-tower";
      }

      @Override
      public Recommender fit(Interactions train) {
        TwoTowerRecommender rec = DemoPipeline.recommender(train, catalog, twoTowerEpochs, seed, TrainingListener.NONE);
        List<Recommendation> top = rec.recommend(RecommendationQuery.forListener(listener, 5));
        o.printf(Locale.ROOT, "   two-tower recommendations for %s:%n", listener);
        StringBuilder recs = new StringBuilder("two-tower recommendations for " + listener + " (trained on the"
            + " training split)\n");
        for (Recommendation r : top) {
          o.printf(Locale.ROOT, "     %.3f  %-50s %s%n", r.score(), cut(catalog.require(r.itemId()).displayTitle(), 50),
              cut(r.explanation().summary(), 50));
          recs.append(String.format(Locale.ROOT, "%.3f  %s  -- %s%n", r.score(), catalog.require(r.itemId()).displayTitle(),
              r.explanation().summary()));
        }
        report.text(DemoReport.Chapter.RECOMMENDATIONS, "The two-tower recommender's next tracks for one listener,"
            + " each with the part of their history it matches.", recs.toString());
        return rec;
      }
    };
    List<RecommenderTrainer> trainers = new ArrayList<>(List.of(Baselines.trainer("popularity", seed),
        Baselines.trainer("itemknn", seed), Baselines.trainer("userknn", seed), twoTower));
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(10).seed(seed).build());
    List<EvaluationResult> results;
    try (ProgressBar bar = new ProgressBar("evaluation", trainers.size())) {
      results = new ArrayList<>();
      for (RecommenderTrainer t : trainers) {
        results.add(evaluator.evaluate(split, t));
        bar.step(t.name());
      }
    }
    EvaluationReport eval = EvaluationReport.of(world.description(), split, results,
        List.of(evaluator.compare(results.get(1), results.get(0), "ndcg@10"),
            evaluator.compare(results.get(3), results.get(1), "ndcg@10")));
    report.evaluation(eval);
    o.print(indent(TextTable.render(eval)));

    Path html = report.write(out, world.description());
    o.printf(Locale.ROOT, "%nReport: %s%nTotal time: %.1f s%n", html.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
    o.flush();
    return 0;
  }

  /**
   * Trains the graph-attention model briefly and draws the attention behind its first next-track recommendation
   * after the listener's last five tracks ({@code attention.svg}).
   */
  private void attention(PrintWriter o, DemoReport report, DemoPipeline.World world, String listener) {
    Catalog catalog = world.catalog();
    GatModel gat;
    try (ProgressBar bar = new ProgressBar("graph attention", gatEpochs)) {
      gat = new GatTrainer(GatConfig.defaults().withEpochs(gatEpochs).withSeed(seed)).fit(catalog, world.interactions(),
          bar.asTrainingListener());
    }
    Interactions data = world.interactions();
    int[] rows = data.rowsByUser()[data.users().indexOf(listener)];
    List<String> seeds = new ArrayList<>();
    for (int i = Math.max(0, rows.length - 5); i < rows.length; i++) {
      seeds.add(data.items().id(data.item(rows[i])));
    }
    List<Recommendation> recs = gat.nextTrack().recommend(RecommendationQuery.forSeeds(seeds, 5));
    if (recs.isEmpty()) {
      return;
    }
    Recommendation top = recs.get(0);
    java.util.function.UnaryOperator<String> title = id -> {
      int t = catalog.indexOf(id);
      return t < 0 ? null : catalog.get(t).displayTitle();
    };
    o.printf(Locale.ROOT, "   graph attention after %s's last %d tracks recommends \"%s\" (%s)%n", listener, seeds.size(),
        title.apply(top.itemId()), cut(top.explanation().summary(), 60));
    report.svg(DemoReport.Chapter.RECOMMENDATIONS, "attention", "Why the graph-attention model recommends \""
        + title.apply(top.itemId()) + "\" after " + listener + "'s last " + seeds.size() + " tracks: line thickness"
        + " is how much each seed track weighs in the listener's representation (left) and how much the recommended"
        + " track attends to each of its neighbouring tracks, artists and genres (right).",
        AttentionPicture.svg(top, title));
  }

  /** Prints the smart shuffle beside a plain one (the "why" cut to fit) and returns it with the "why" in full. */
  private static String printShuffle(PrintWriter o, Catalog catalog, SoftmaxWalkSampler smart, UniformShuffleSampler plain,
      int start, int length) {
    StringBuilder full = new StringBuilder(String.format(Locale.ROOT, "%-3s %-44s %-44s %s%n", "", "smart shuffle",
        "plain shuffle", "why (top feature contributions)"));
    full.append(String.format(Locale.ROOT, "%-3d %-44s %-44s %s%n", 0, cut(catalog.get(start).displayTitle(), 44),
        cut(catalog.get(start).displayTitle(), 44), "start"));
    ListeningHistory hs = new ListeningHistory(catalog.size(), 200);
    ListeningHistory hp = new ListeningHistory(catalog.size(), 200);
    SplittableRandom rs = new SplittableRandom(1);
    int[] plainWalk = plain.walk(start, length, hp, new SplittableRandom(1));
    int cur = start;
    hs.play(cur);
    o.printf(Locale.ROOT, "   %-3s %-44s %-34s | %s%n", "", "smart shuffle", "why (top feature contributions)", "plain shuffle");
    o.printf(Locale.ROOT, "   %-3d %-44s %-34s | %s%n", 0, cut(catalog.get(cur).displayTitle(), 44), "start", cut(catalog.get(start).displayTitle(), 40));
    for (int i = 1; i < length; i++) {
      NextTrackDistribution d = smart.distribution(cur, hs);
      if (d.size() == 0) {
        break;
      }
      int c = d.draw(rs.nextDouble());
      int next = d.candidates()[c];
      String why = top(d.explain(c), 3);
      hs.play(next);
      cur = next;
      o.printf(Locale.ROOT, "   %-3d %-44s %-34s | %s%n", i, cut(catalog.get(next).displayTitle(), 44), cut(why, 34),
          i < plainWalk.length ? cut(catalog.get(plainWalk[i]).displayTitle(), 40) : "");
      full.append(String.format(Locale.ROOT, "%-3d %-44s %-44s %s%n", i, cut(catalog.get(next).displayTitle(), 44),
          i < plainWalk.length ? cut(catalog.get(plainWalk[i]).displayTitle(), 44) : "", why));
    }
    return full.toString();
  }

  private static String top(Explanation e, int n) {
    StringBuilder b = new StringBuilder();
    for (Explanation.Factor f : e.factors().subList(0, Math.min(n, e.factors().size()))) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(String.format(Locale.ROOT, "%s%+.1f", f.label(), f.contribution()));
    }
    return b.toString();
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
  }

  private static String indent(String text) {
    return ("   " + text.replace("\n", "\n   ")).stripTrailing() + "\n";
  }
}
