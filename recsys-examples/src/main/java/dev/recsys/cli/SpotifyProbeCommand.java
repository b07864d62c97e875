package dev.recsys.cli;

import dev.recsys.spotify.CapabilityProbe;
import dev.recsys.spotify.SpotifyClient;
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
import picocli.CommandLine.Spec;

/**
 * {@code recsys spotify probe}: which Web API endpoints this app may use (development vs extended quota mode). The
 * sample tracks, artists and playlist come from the flags, else from the signed-in user's playlists, else from
 * well-known public objects. Exits 3 when a check fails with an error (a sample that does not exist on the server,
 * a network or server fault), so a script can tell a probe that could not decide.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Check which Spotify Web API endpoints this app may call (one live call each); exits 3 when a check"
        + " fails with an error.")
final class SpotifyProbeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SpotifyOptions options;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--track", paramLabel = "ID", description = "Sample track (default: from your playlists when signed"
      + " in, else a well-known track).")
  String track;

  @Option(names = "--other-track", paramLabel = "ID", description = "Second sample track, for the batch check.")
  String otherTrack;

  @Option(names = "--artist", paramLabel = "ID", description = "Sample artist.")
  String artist;

  @Option(names = "--other-artist", paramLabel = "ID", description = "Second sample artist, for the batch check.")
  String otherArtist;

  @Option(names = "--playlist", paramLabel = "ID", description = "A public playlist you do not own.")
  String playlist;

  @Option(names = "--user", paramLabel = "ID", description = "A user other than you, for their public playlists.")
  String user;

  /** Exit status when a check failed with an error. */
  static final int CHECK_ERRORS = 3;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CapabilityProbe.Report r;
    try (SpotifyOptions.Session session = options.client(spec.commandLine().getErr())) {
      SpotifyClient client = session.client();
      CapabilityProbe.Samples base = CapabilityProbe.Samples.fromLibrary(client, CapabilityProbe.Samples.DEFAULT);
      CapabilityProbe.Samples samples = new CapabilityProbe.Samples(or(track, base.trackId()),
          or(otherTrack, base.otherTrackId()), or(artist, base.artistId()), or(otherArtist, base.otherArtistId()),
          or(playlist, base.playlistId()), or(user, base.userId()));
      r = CapabilityProbe.run(client, samples);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mode", r.mode().name());
      m.put("userSignedIn", r.userSignedIn());
      List<Map<String, Object>> checks = new ArrayList<>();
      for (CapabilityProbe.Check c : r.checks()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("name", c.name());
        cm.put("endpoint", c.endpoint());
        cm.put("status", c.status().name());
        cm.put("httpStatus", c.httpStatus());
        cm.put("detail", c.detail());
        checks.add(cm);
      }
      m.put("checks", checks);
      m.put("errors", r.errors().size());
      Json.print(out, m);
      return r.errors().isEmpty() ? 0 : CHECK_ERRORS;
    }
    out.printf("%-26s %-12s %-5s %s%n", "check", "status", "http", "endpoint");
    for (CapabilityProbe.Check c : r.checks()) {
      out.printf("%-26s %-12s %-5s %s%s%n", c.name(), c.status(), c.httpStatus() < 0 ? "-" : c.httpStatus(),
          c.endpoint(), c.status() == CapabilityProbe.Status.ERROR || c.status() == CapabilityProbe.Status.NOT_CHECKED
              ? "  (" + c.detail() + ")" : "");
    }
    out.println();
    out.println("mode: " + r.mode() + switch (r.mode()) {
      case DEVELOPMENT -> " (audio features, recommendations and related artists are unavailable; profiles use genres"
          + " and metadata, audio features only from a local catalogue)";
      case EXTENDED -> " (extended quota: the restricted endpoints answer)";
      case UNKNOWN -> " (mixed answers; see the checks above)";
    });
    if (!r.errors().isEmpty()) {
      spec.commandLine().getErr().println("error: " + r.errors().size() + " of " + r.checks().size() + " checks failed ("
          + String.join(", ", r.errors().stream().map(CapabilityProbe.Check::name).toList()) + "); a 404 means the"
          + " sample does not exist on this server: pass --track, --artist, --playlist or --user, or sign in (--login)"
          + " so samples come from your playlists");
    }
    out.flush();
    return r.errors().isEmpty() ? 0 : CHECK_ERRORS;
  }

  private static String or(String given, String fallback) {
    return given == null || given.isBlank() ? fallback : given.strip();
  }
}
