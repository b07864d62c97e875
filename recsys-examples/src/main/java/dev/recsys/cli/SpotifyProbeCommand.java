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

/** {@code recsys spotify probe}: which Web API endpoints this app may use (development vs extended quota mode). */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Check which Spotify Web API endpoints this app may call (one live call each).")
final class SpotifyProbeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SpotifyOptions options;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CapabilityProbe.Report r;
    try (SpotifyOptions.Session session = options.client(spec.commandLine().getErr())) {
      SpotifyClient client = session.client();
      r = client.probe();
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
      Json.print(out, m);
      return 0;
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
    out.flush();
    return 0;
  }
}
