package dev.recsys.quality;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.report.GitRevision;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.embedding.NeighbourhoodQuality;
import dev.recsys.graph.simulation.ShuffleComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every quality evaluation of the SDK and returns a {@link QualityReport}; {@link QualityWriter} writes it.
 *
 * <ol>
 *   <li>{@code embedding}: neighbour label agreement of PCA + autoencoder vectors vs raw features, PCA and chance.
 *   <li>{@code shuffle}: the learned smart walk vs uniform shuffle, the similarity-only walk and the default weights.
 *   <li>{@code choice-recovery}: hidden choice weights recovered by the choice model (cosine, interval coverage, R²).
 *   <li>{@code two-tower}: the two-tower recommender vs popularity, item-kNN, user-kNN; the listener matcher vs raw
 *       profile cosine and chance.
 *   <li>{@code gat}: the graph attention recommender vs popularity, item-kNN, session-kNN.
 *   <li>{@code importance}: permutation importance of the two-tower input groups and the smart-shuffle walk features.
 * </ol>
 *
 * <p>Every profile evaluates a seeded synthetic world ({@link SyntheticWorld}); the full profile adds TidyTuesday
 * ({@code spotify-songs-tidytuesday/spotify_songs.csv}: embedding, shuffle, playlist continuation) and MovieLens
 * ({@code movielens-latest-small}: recommendation) from {@link QualityConfig#dataDir()}, and records a reason for each
 * file that is missing. Same configuration, same numbers (timings aside). Not thread-safe; one run at a time per
 * instance is the intended use, and runs use all cores.
 */
public final class QualityHarness {
  /** TidyTuesday songs, relative to the data folder. */
  public static final String TIDYTUESDAY = "spotify-songs-tidytuesday/spotify_songs.csv";
  /** MovieLens latest-small, relative to the data folder. */
  public static final String MOVIELENS = "movielens-latest-small";

  private QualityHarness() {}

  /**
   * Runs the harness.
   *
   * @param log progress lines (one per step, with the section's elapsed time)
   * @throws IOException if a data file exists but cannot be read
   */
  public static QualityReport run(QualityConfig cfg, PrintWriter log) throws IOException {
    long start = System.nanoTime();
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String revision = GitRevision.current();
    Boolean dirty = GitRevision.dirty().orElse(null);
    log.printf(Locale.ROOT, "quality: profile %s, seed %d, git %s%s%n", cfg.profile().name().toLowerCase(Locale.ROOT),
        cfg.seed(), revision, Boolean.TRUE.equals(dirty) ? " (dirty)" : "");
    log.flush();

    SyntheticWorld world = SyntheticWorld.generate(SynthConfig.builder().tracks(cfg.tracks()).listeners(cfg.listeners())
        .seed(cfg.seed()).build());
    String synth = String.format(Locale.ROOT, "synthetic world (seed %d): %,d tracks, %,d listeners, %,d plays",
        cfg.seed(), world.catalog().size(), world.listeners().size(), world.eventCount());
    boolean full = cfg.profile() == QualityProfile.FULL;
    Path tidyFile = cfg.dataDir().resolve(TIDYTUESDAY);
    Path movieDir = cfg.dataDir().resolve(MOVIELENS);
    MusicDataset tidy = full && Files.isRegularFile(tidyFile)
        ? Datasets.load("spotify-songs:" + tidyFile, ReadOptions.LENIENT) : null;
    String tidyName = "TidyTuesday spotify_songs.csv";
    String tidyMissing = full ? tidyFile + " not found" : "not part of the " + profileName(cfg) + " profile";
    String movieName = "MovieLens latest-small";
    String movieMissing = full ? movieDir + " not found" : "not part of the " + profileName(cfg) + " profile";

    List<QualityReport.Section> sections = new ArrayList<>();

    SectionBuilder emb = new SectionBuilder("embedding", "Embedding neighbourhood quality", log);
    emb.dataset(synth);
    TrackVectors worldVectors = EmbeddingSection.run(emb, "synthetic", world.catalog(), genreTruth(world), cfg);
    TrackVectors tidyVectors = null;
    if (tidy != null) {
      emb.dataset(tidyName + ": " + tidy.catalog().size() + " tracks, " + tidy.playlists().size() + " playlists");
      tidyVectors = EmbeddingSection.run(emb, "tidytuesday", tidy.catalog(), Labelings.of(tidy), cfg);
    } else {
      emb.skip(tidyName, tidyMissing);
    }
    emb.note("Features are audio and metadata only (no genre or playlist columns), so agreement with genre labels is "
        + "an honest test. Synthetic: the generator's hidden genre of each track. TidyTuesday: playlist genre, "
        + "subgenre and membership, as `recsys embed` reports them.");
    sections.add(emb.build());

    SectionBuilder shuffle = new SectionBuilder("shuffle", "Smart shuffle vs plain shuffle and similarity-only walk", log);
    shuffle.dataset(synth + "; vectors from the embedding section");
    int[] worldClusters = new int[world.catalog().size()];
    for (int t = 0; t < worldClusters.length; t++) {
      worldClusters[t] = world.trackGenre(t);
    }
    ShuffleSection.shuffle(shuffle, "synthetic", world.catalog(), worldVectors, worldClusters, null, cfg);
    if (tidyVectors != null) {
      shuffle.dataset(tidyName + "; vectors from the embedding section, clusters = first genre");
      ShuffleSection.shuffle(shuffle, "tidytuesday", tidy.catalog(), tidyVectors,
          Labelings.firstGenreClusters(tidy.catalog()), ShuffleComparison.playlists(tidy.catalog(), tidy.playlists()), cfg);
    } else {
      shuffle.skip(tidyName, tidyMissing);
    }
    shuffle.note("The samplers of `recsys evaluate-shuffle`: uniform shuffle, the similarity-only walk (temperature chosen "
        + "on validation), the smart walk with hand-set default weights, the learned smart walk (choice model fitted on "
        + "training choices, L2 chosen on validation) and the personal walk (learned plus per-listener offsets). Synthetic: "
        + "simulated listeners with their own weights choose among the walk's candidates; TidyTuesday: each playlist "
        + "transition is a choice of the next track among it and 30 random tracks. Walks are 50-play sessions from the "
        + "same starts and seeds; the smart walks never repeat a track within 50 plays nor an artist within 3 (hard "
        + "constraints). Lower is better for the repeat rates; higher for coherence, travel and held-out likelihood. "
        + "The shipped criterion is coherence >= 0.9 x the similarity walk's, not a win: a walk that may not repeat "
        + "cannot stay as close as one that may (see the checks in the details), and the uniform shuffle wins travel "
        + "by moving at random.");
    sections.add(shuffle.build());

    SectionBuilder choice = new SectionBuilder("choice-recovery", "Choice-model recovery", log);
    ShuffleSection.recovery(choice, cfg);
    sections.add(choice.build());

    SectionBuilder tt = new SectionBuilder("two-tower", "Two-tower models vs baselines", log);
    tt.dataset(synth);
    TwoTowerSection.recommend(tt, "synthetic", world.catalog(), world.interactions(), cfg);
    TwoTowerSection.match(tt, "synthetic", world.catalog(), world.interactions(), dominantGenres(world), cfg);
    if (full && Files.isDirectory(movieDir)) {
      MusicDataset ml = Datasets.load("movielens:" + movieDir, ReadOptions.LENIENT);
      Catalog catalog = withEveryItem(ml.catalog(), ml.interactions());
      tt.dataset(movieName + ": " + ml.interactions().size() + " ratings, " + ml.interactions().users().size()
          + " users, " + catalog.size() + " movies");
      TwoTowerSection.recommend(tt, "movielens", catalog, ml.interactions(), cfg);
    } else {
      tt.skip(movieName, movieMissing);
    }
    tt.note("Recommendation: per-listener temporal split (last 20% held out), full-catalogue ranking, seen items "
        + "excluded; the two-tower model is trained for " + cfg.twoTowerEpochs() + " epochs. Matching: the hidden "
        + "dominant genre of each synthetic listener is the truth.");
    sections.add(tt.build());

    SectionBuilder gat = new SectionBuilder("gat", "Graph attention recommender vs baselines", log);
    gat.dataset(synth + "; sessions split at 30-minute gaps");
    GatSection.run(gat, "synthetic", world.catalog(), Sessions.split(world.interactions(), 1800), false, cfg);
    if (tidy != null) {
      gat.dataset(tidyName + ": " + tidy.playlists().size() + " playlists");
      GatSection.run(gat, "tidytuesday", tidy.catalog(), tidy.interactions(), true, cfg);
    } else {
      gat.skip(tidyName, tidyMissing);
    }
    gat.note("Next track: 20% of sessions with at least 3 plays tested, the last play hidden. Playlist continuation: "
        + "20% of playlists with at least 5 tracks tested, their last 20% hidden. GAT trained for " + cfg.gatEpochs()
        + " epochs.");
    sections.add(gat.build());

    SectionBuilder imp = new SectionBuilder("importance", "Permutation importance on validation data", log);
    imp.dataset(synth + "; shuffle vectors from the embedding section");
    ImportanceSection.twoTower(imp, "synthetic", world.catalog(), world.interactions(), cfg);
    ImportanceSection.shuffle(imp, "synthetic", world.catalog(), worldVectors, worldClusters, null, cfg);
    if (tidyVectors != null) {
      imp.dataset(tidyName + "; vectors from the embedding section, clusters = first genre");
      ImportanceSection.shuffle(imp, "tidytuesday", tidy.catalog(), tidyVectors,
          Labelings.firstGenreClusters(tidy.catalog()), ShuffleComparison.playlists(tidy.catalog(), tidy.playlists()), cfg);
    } else {
      imp.skip(tidyName, tidyMissing);
    }
    imp.note("As `recsys importance`: each input group (two-tower) or walk feature (smart shuffle) is shuffled across "
        + "the rows that carry it (listeners, tracks, or the candidates of each choice set), " + ImportanceSection.REPEATS
        + " times, and the drop of the validation metric is averaged. Two-tower: trained on the training part of a "
        + "temporal split of the training part (the test rows are never read), NDCG@10 on the inner held-out rows. "
        + "Shuffle: choice model fitted on the training choices, log-likelihood of the validation choices. A permuted row "
        + "that ties the intact model is a group the model does not need.");
    sections.add(imp.build());

    long total = (System.nanoTime() - start) / 1_000_000;
    log.printf(Locale.ROOT, "quality: done in %.1f s%n", total / 1000.0);
    log.flush();
    return new QualityReport(revision, dirty, date, System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), profileName(cfg), cfg.seed(), cfg, total, sections);
  }

  private static String profileName(QualityConfig cfg) {
    return cfg.profile().name().toLowerCase(Locale.ROOT);
  }

  /** The generator's hidden genre of every track, as a labelling. */
  private static List<NeighbourhoodQuality.Labels> genreTruth(SyntheticWorld world) {
    int[][] l = new int[world.catalog().size()][];
    for (int t = 0; t < l.length; t++) {
      l[t] = new int[] {world.trackGenre(t)};
    }
    return List.of(new NeighbourhoodQuality.Labels("genre", l));
  }

  /** Listener id to the name of its hidden dominant genre. */
  private static Map<String, String> dominantGenres(SyntheticWorld world) {
    Map<String, String> out = new HashMap<>();
    for (int l = 0; l < world.listeners().size(); l++) {
      out.put(SyntheticWorld.listenerId(l), world.genreName(world.dominantGenre(l)));
    }
    return out;
  }

  /** The catalogue plus a bare track (id only) for every interaction item it does not name. */
  public static Catalog withEveryItem(Catalog catalog, Interactions interactions) {
    return catalog.coveringItemsOf(interactions);
  }

}
