package dev.recsys.cli;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.graph.gat.GatModel;
import dev.recsys.graph.gat.GatV2Model;
import dev.recsys.graph.gat.HeteroGraph;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared query and printing of {@code continue-playlist} and {@code next-track}: the content GAT of
 * {@code DIR/gat2.model}, else a version 1 model of {@code DIR/gat.model}.
 */
final class GatQueryCommand {
  private GatQueryCommand() {}

  static int run(PrintWriter pw, Path dir, List<String> seeds, int k, boolean explain, boolean json, boolean playlist)
      throws java.io.IOException {
    Path file = dir.resolve(GatV2Model.FILE_NAME);
    Path v1 = dir.resolve(GatModel.FILE_NAME);
    HeteroGraph graph;
    Recommender r;
    if (Files.exists(file)) {
      GatV2Model model = GatV2Model.load(file);
      graph = model.graph();
      r = model.recommender(playlist ? "gat-playlist" : "gat-next");
    } else if (Files.exists(v1)) {
      GatModel model = GatModel.load(v1);
      graph = model.graph();
      r = playlist ? model.playlistContinuation() : model.nextTrack();
    } else {
      throw new IllegalArgumentException(file + " does not exist; create it with 'recsys train-gat --out " + dir + "'");
    }
    Path catFile = dir.resolve("catalog.jsonl");
    Catalog catalog = Files.exists(catFile) ? CatalogJsonl.read(catFile) : Catalog.of(List.of());
    List<String> unknown = seeds.stream().filter(s -> !graph.tracks().contains(s)).toList();
    if (unknown.size() == seeds.size()) {
      throw new IllegalArgumentException("none of the given track ids is in the model: " + unknown);
    }
    List<Recommendation> recs = r.recommend(new RecommendationQuery(Optional.empty(), seeds, k, Set.of(), true, Set.of()));
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Recommendation rec : recs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rec.itemId());
        m.put("title", title(catalog, rec.itemId()));
        m.put("score", rec.score());
        if (explain) {
          m.put("explanation", rec.explanation());
        }
        rows.add(m);
      }
      Map<String, Object> outMap = new LinkedHashMap<>();
      outMap.put("task", r.name());
      outMap.put("unknownSeeds", unknown);
      outMap.put("recommendations", rows);
      Json.print(pw, outMap);
      return 0;
    }
    if (!unknown.isEmpty()) {
      pw.println("ignored unknown track ids: " + unknown);
    }
    pw.println(r.name() + " for " + seeds.size() + " seed tracks:");
    int rank = 1;
    for (Recommendation rec : recs) {
      pw.printf(Locale.ROOT, "%2d. %-24s %-50s score %.4f%n", rank++, rec.itemId(), title(catalog, rec.itemId()),
          rec.score());
      if (explain) {
        Explanation e = rec.explanation();
        pw.println("      " + e.summary());
        for (String kind : List.of("seed", "path", "session-knn", "neighbour", "artist", "genre", "genre-influence")) {
          List<Explanation.Factor> fs = e.factors(kind);
          if (fs.isEmpty()) {
            continue;
          }
          StringBuilder sb = new StringBuilder("      " + kind + ": ");
          for (int i = 0; i < Math.min(3, fs.size()); i++) {
            Explanation.Factor f = fs.get(i);
            String label = kind.equals("seed") || kind.equals("neighbour") ? title(catalog, f.label()) : f.label();
            sb.append(i > 0 ? ", " : "").append(label).append(String.format(Locale.ROOT, " (%.3f)", f.value()));
          }
          pw.println(sb);
        }
      }
    }
    pw.flush();
    return 0;
  }

  private static String title(Catalog catalog, String id) {
    return catalog.find(id).map(Track::displayTitle).orElse(id);
  }
}
