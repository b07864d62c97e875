package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.spotify.AudioFeatureSource;
import dev.recsys.spotify.ListenerProfile;
import dev.recsys.spotify.SpotifyClient;
import dev.recsys.spotify.SpotifyLibrary;
import dev.recsys.spotify.SpotifyRef;
import java.io.PrintWriter;
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

/** {@code recsys spotify profile URL}: the listener profile behind a Spotify profile or playlist link. */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Print the listener profile (top genres with weights, top artists, track count, audio-feature"
        + " availability) of a Spotify profile or playlist link, URI or id.")
final class SpotifyProfileCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SpotifyOptions options;

  @Parameters(index = "0", paramLabel = "URL",
      description = "Profile or playlist: link, spotify: URI, bare playlist id, or 'me' for the signed-in user.")
  String ref;

  @Option(names = "--top", defaultValue = "10", description = "Genres and artists to show (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--audio-catalog", paramLabel = "SPEC",
      description = "Local catalogue with audio features keyed by Spotify track id, used when Spotify refuses audio"
          + " features, e.g. spotify-songs:../shared/data/spotify-songs-tidytuesday/spotify_songs.csv.")
  String audioCatalog;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** A reference from the command line: a link, URI, bare playlist id, or {@code me} for the signed-in user. */
  static SpotifyRef resolve(String text, SpotifyClient client) throws java.io.IOException {
    String t = text.strip();
    if (t.equals("me")) {
      return new SpotifyRef(SpotifyRef.Kind.USER, client.currentUser().id());
    }
    return SpotifyRef.parse(t.matches("[0-9A-Za-z]{22}") ? "spotify:playlist:" + t : text);
  }

  @Override
  public Integer call() throws Exception {
    SpotifyRef r;
    ListenerProfile p;
    SpotifyLibrary lib;
    try (SpotifyOptions.Session session = options.client(spec.commandLine().getErr())) {
      SpotifyClient client = session.client();
      r = resolve(ref, client);
      AudioFeatureSource fallback = audioCatalog == null ? AudioFeatureSource.none()
          : AudioFeatureSource.of(Datasets.open(audioCatalog, ReadOptions.LENIENT));
      lib = SpotifyLibrary.fetch(client, r, fallback);
      p = ListenerProfile.of(lib, top);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("listener", p.listenerId());
      m.put("displayName", p.displayName().orElse(null));
      m.put("source", r.uri());
      m.put("tracks", p.trackCount());
      m.put("playlists", p.playlistCount());
      m.put("playlistsSkipped", lib.report().playlistsSkipped());
      m.put("tracksWithGenres", p.tracksWithGenres());
      List<Map<String, Object>> genres = new ArrayList<>();
      p.topGenres().forEach(g -> genres.add(Map.of("genre", g.genre(), "weight", g.weight())));
      m.put("topGenres", genres);
      List<Map<String, Object>> artists = new ArrayList<>();
      p.topArtists().forEach(a -> artists.add(Map.of("id", a.id(), "name", a.name(), "tracks", a.tracks())));
      m.put("topArtists", artists);
      m.put("audioFeatures", p.audioOrigin().name());
      m.put("tracksWithAudio", p.tracksWithAudio());
      m.put("meanAudio", p.meanAudio());
      m.put("audioDistributions", p.audioDistributions());
      m.put("genresAndMetadataOnly", p.genresAndMetadataOnly());
      m.put("notes", p.notes());
      Json.print(out, m);
      return 0;
    }
    out.println("listener " + p.listenerId() + p.displayName().map(n -> " (" + n + ")").orElse("") + "  from " + r.uri());
    out.println("tracks: " + p.trackCount() + " distinct in " + p.playlistCount() + " playlist(s); "
        + p.tracksWithGenres() + " with genres");
    out.println("audio features: " + switch (p.audioOrigin()) {
      case SPOTIFY -> "from Spotify for " + p.tracksWithAudio() + " track(s)";
      case LOCAL -> "from a local catalogue for " + p.tracksWithAudio() + " track(s)";
      case NONE -> "none (profile built from genres and metadata alone)";
    });
    out.println("top genres:");
    p.topGenres().forEach(g -> out.printf("  %.3f  %s%n", g.weight(), g.genre()));
    if (p.topGenres().isEmpty()) {
      out.println("  (none)");
    }
    out.println("top artists:");
    p.topArtists().forEach(a -> out.printf("  %3d  %s%n", a.tracks(), a.name()));
    if (!p.meanAudio().isEmpty()) {
      out.println("mean audio features:");
      p.meanAudio().forEach((k, v) -> out.printf("  %-17s %.3f%n", k, v));
    }
    p.audioDistributions().forEach((feature, shares) -> {
      StringBuilder line = new StringBuilder();
      shares.forEach((label, share) -> line.append(line.length() == 0 ? "" : ", ")
          .append(String.format(java.util.Locale.ROOT, "%s %.0f%%", label, 100 * share)));
      out.printf("%-19s %s%n", feature + ":", line);
    });
    if (!p.notes().isEmpty()) {
      out.println("notes:");
      p.notes().forEach(n -> out.println("  - " + n));
    }
    out.flush();
    return 0;
  }
}
