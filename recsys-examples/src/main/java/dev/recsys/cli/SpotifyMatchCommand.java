package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.twotower.TwoTowerMatcherTrainer;
import dev.recsys.embedding.twotower.MatcherConfig;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import dev.recsys.spotify.AudioFeatureSource;
import dev.recsys.spotify.SpotifyClient;
import dev.recsys.spotify.SpotifyLibrary;
import dev.recsys.spotify.SpotifyRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recsys spotify match URL}: the listeners of a store most similar to a Spotify profile or playlist, with
 * overlapping genres, shared artists and tracks and their top tracks. The Spotify listener is added to the store.
 * Listeners are named by their playlist names (kept beside the store in {@code FILE.names} when the store is
 * trained with {@code --train-on}), and the Spotify listener's own playlists are never offered as their matches.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = "Find the listeners of a store (a saved two-tower matcher trained on open data) most similar to a"
        + " Spotify profile or playlist, and add the listener to the store.")
final class SpotifyMatchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SpotifyOptions options;

  @Parameters(index = "0", paramLabel = "URL", description = "Profile or playlist: link, spotify: URI, bare playlist id, or 'me'.")
  String ref;

  @Option(names = "--store", required = true, paramLabel = "FILE", description = "The listener store (a saved matcher).")
  Path store;

  @Option(names = "--train-on", paramLabel = "SPEC",
      description = "Create the store when FILE does not exist, from open data (a Datasets specification, e.g."
          + " spotify-songs:../shared/data/spotify-songs-tidytuesday/spotify_songs.csv: its playlists are the listeners).")
  String trainOn;

  @Option(names = "--k", defaultValue = "5", description = "Number of similar listeners (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--no-save", description = "Do not add the listener to the store file.")
  boolean noSave;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TwoTowerUserMatcher matcher;
    if (Files.exists(store)) {
      matcher = TwoTowerUserMatcher.load(store, dim -> ExactIndex.inMemory(dim, Similarity.COSINE));
    } else if (trainOn != null) {
      MusicDataset open = Datasets.load(trainOn, ReadOptions.LENIENT);
      err.println("training a listener store on " + trainOn + " (" + open.interactions().users().size()
          + " listeners, " + open.catalog().size() + " tracks)...");
      err.flush();
      matcher = new TwoTowerMatcherTrainer(MatcherConfig.defaults(), dim -> ExactIndex.inMemory(dim, Similarity.COSINE))
          .fit(open.interactions(), open.catalog(), TrainingListener.NONE);
      matcher.save(store);
      writeNames(namesFile(store), open.playlists());
    } else {
      throw new IllegalArgumentException("no listener store at " + store
          + "; create one from open data with --train-on spotify-songs:PATH/spotify_songs.csv");
    }
    try (matcher) {
      SpotifyLibrary lib;
      try (SpotifyOptions.Session session = options.client(err)) {
        SpotifyClient client = session.client();
        SpotifyRef r = SpotifyProfileCommand.resolve(ref, client);
        lib = SpotifyLibrary.fetch(client, r, AudioFeatureSource.none());
      }
      String id = lib.listener().id();
      List<String> history = lib.listeningHistory();
      try {
        matcher.addListener(id, history);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("none of the " + history.size() + " tracks of " + lib.report().source()
            + " is in the store's catalogue (" + store + "); train the store on data that holds them", e);
      }
      // the listener's own playlists may be in the store (trained on open data holding them): never a match
      java.util.Set<String> own = new java.util.HashSet<>();
      for (var pl : lib.playlists()) {
        own.add(pl.id());
        own.add("spotify-playlist-" + pl.id());
      }
      if (id.startsWith("spotify-playlist-")) {
        own.add(id.substring("spotify-playlist-".length()));
      }
      List<ListenerMatch> matches = matcher.similarListeners(id, Math.min(10_000, k + own.size())).stream()
          .filter(m -> !own.contains(m.listenerId())).limit(k).toList();
      Map<String, String> names = readNames(namesFile(store));
      if (!noSave) {
        matcher.save(store);
      }
      if (json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ListenerMatch m : matches) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("listener", m.listenerId());
          row.put("name", name(m, names, matcher));
          row.put("score", m.score());
          row.put("summary", m.explanation().summary());
          List<Map<String, Object>> factors = new ArrayList<>();
          for (Explanation.Factor f : m.explanation().factors()) {
            factors.add(Map.of("kind", f.kind(), "label", f.label(), "value", f.value()));
          }
          row.put("factors", factors);
          rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listener", id);
        m.put("source", lib.report().source());
        m.put("tracks", lib.tracks().size());
        m.put("addedToStore", !noSave);
        m.put("matches", rows);
        Json.print(out, m);
        return 0;
      }
      String shown = id.startsWith("spotify-playlist-")
          ? "playlist \u201c" + lib.listener().displayName().orElse(id) + "\u201d" : id;
      out.println("listener " + shown + " (" + lib.tracks().size() + " tracks) matched against " + store
          + (noSave ? "" : "; added to the store"));
      int rank = 1;
      for (ListenerMatch m : matches) {
        out.printf("%2d. %s  %.3f%n", rank++, name(m, names, matcher), m.score());
        out.println("    " + m.explanation().summary());
        List<String> genres = m.explanation().factors("shared-genre").stream().limit(3)
            .map(f -> String.format("%s %.0f%%", f.label(), 100 * f.value())).toList();
        if (!genres.isEmpty()) {
          out.println("    shared genres: " + String.join(", ", genres));
        }
        List<String> top = m.explanation().factors("top-track").stream().map(f -> matcher.title(f.label())).toList();
        if (!top.isEmpty()) {
          out.println("    their top tracks: " + String.join("; ", top));
        }
      }
      if (matches.isEmpty()) {
        out.println("no other listeners in the store");
      }
      out.flush();
      return 0;
    }
  }

  /** Where the playlist names of a store are kept: beside it, as Java properties (id = name). */
  static Path namesFile(Path store) {
    return store.resolveSibling(store.getFileName() + ".names");
  }

  private static void writeNames(Path file, List<dev.recsys.core.model.Playlist> playlists) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    for (dev.recsys.core.model.Playlist pl : playlists) {
      pl.name().filter(n -> !n.isBlank()).ifPresent(n -> p.setProperty(pl.id(), n));
    }
    try (java.io.Writer w = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
      p.store(w, "playlist names of the listener store " + file.getFileName());
    }
  }

  private static Map<String, String> readNames(Path file) throws java.io.IOException {
    Map<String, String> m = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      java.util.Properties p = new java.util.Properties();
      try (java.io.Reader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    }
    return m;
  }

  /** A match's name: its playlist name, else "a listener of" their top track, else a neutral label. */
  private static String name(ListenerMatch m, Map<String, String> names, TwoTowerUserMatcher matcher) {
    String n = names.get(m.listenerId());
    if (n != null) {
      return "\u201c" + n + "\u201d";
    }
    return m.explanation().factors("top-track").stream().findFirst()
        .map(f -> "a listener of \u201c" + matcher.title(f.label()) + "\u201d").orElse("a listener in the store");
  }
}
