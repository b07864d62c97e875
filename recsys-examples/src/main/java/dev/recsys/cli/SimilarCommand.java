package dev.recsys.cli;

import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
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
 * {@code recsys similar --model DIR --track ID|TITLE}: the tracks nearest to a track, from the persistent index
 * that {@code recsys index} built. A track is named by id, or by title (exact match first, then case-insensitive
 * substring); an ambiguous title fails with the candidates.
 */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = "List the tracks most similar to a track (by id or title), from the model's vector index.")
final class SimilarCommand implements Callable<Integer> {
  private static final int MAX_CANDIDATES = 10;

  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory.")
  java.nio.file.Path model;

  @Option(names = "--track", required = true, paramLabel = "ID|TITLE", description = "Track id, or title.")
  String track;

  @Option(names = "--k", defaultValue = "10", description = "Number of similar tracks (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--genre", split = ",", paramLabel = "GENRE", description = "Only tracks with one of these genres.")
  List<String> genres;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** One hit as printed. */
  record Hit(int rank, String key, float score, Map<String, List<String>> metadata) {}

  /** The JSON result. */
  record Result(String track, Map<String, List<String>> metadata, List<Hit> hits) {}

  @Override
  public Integer call() throws IOException {
    ModelDirectory dir = new ModelDirectory(model);
    try (LuceneHnswIndex index = LuceneHnswIndex.openExisting(dir.require(dir.trackIndex(), "recsys index --model " + model))) {
      String key = resolve(index, track);
      SearchFilter filter = genres == null || genres.isEmpty() ? SearchFilter.NONE
          : SearchFilter.builder().anyOf("genre", genres).build();
      List<SearchHit> hits = index.searchByKey(key, k, filter);
      Metadata self = index.metadata(key).orElse(Metadata.EMPTY);
      List<Hit> out = new ArrayList<>();
      for (int i = 0; i < hits.size(); i++) {
        out.add(new Hit(i + 1, hits.get(i).key(), hits.get(i).score(), hits.get(i).metadata().fields()));
      }
      PrintWriter pw = spec.commandLine().getOut();
      if (json) {
        Json.print(pw, new Result(key, self.fields(), out));
      } else {
        pw.println("similar to " + describe(key, self) + ":");
        for (Hit h : out) {
          pw.printf(Locale.ROOT, "%3d  %.4f  %s%n", h.rank(), h.score(), describe(h.key(), new Metadata(h.metadata())));
        }
        pw.flush();
      }
    }
    return 0;
  }

  /** The key of a track named by id or title. */
  static String resolve(LuceneHnswIndex index, String idOrTitle) throws IOException {
    if (index.metadata(idOrTitle).isPresent()) {
      return idOrTitle;
    }
    List<String> exact = index.keysWhere("title", idOrTitle);
    if (exact.size() == 1) {
      return exact.get(0);
    }
    Map<String, Metadata> candidates = new LinkedHashMap<>();
    if (exact.size() > 1) {
      for (String key : exact) {
        candidates.put(key, index.metadata(key).orElse(Metadata.EMPTY));
      }
    } else {
      String needle = idOrTitle.toLowerCase(Locale.ROOT);
      index.forEach((key, m) -> {
        for (String title : m.get("title")) {
          if (title.toLowerCase(Locale.ROOT).contains(needle)) {
            candidates.put(key, m);
            break;
          }
        }
      });
    }
    if (candidates.size() == 1) {
      return candidates.keySet().iterator().next();
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no track with id or title '" + idOrTitle + "' in the index");
    }
    List<String> listed = new ArrayList<>();
    for (Map.Entry<String, Metadata> e : candidates.entrySet()) {
      if (listed.size() == MAX_CANDIDATES) {
        listed.add("... " + (candidates.size() - MAX_CANDIDATES) + " more");
        break;
      }
      listed.add(describe(e.getKey(), e.getValue()));
    }
    throw new IllegalArgumentException("'" + idOrTitle + "' matches " + candidates.size() + " tracks; name one by id: "
        + String.join("; ", listed));
  }

  static String describe(String key, Metadata m) {
    StringBuilder sb = new StringBuilder(key);
    String title = m.first("title");
    if (title != null) {
      sb.append("  \"").append(title).append('"');
    }
    List<String> artists = new ArrayList<>(m.get("artist"));
    artists.addAll(m.get("artists"));
    if (!artists.isEmpty()) {
      sb.append(" by ").append(String.join(", ", artists));
    }
    List<String> genre = new ArrayList<>(m.get("genre"));
    genre.addAll(m.get("genres"));
    if (!genre.isEmpty()) {
      sb.append(" [").append(String.join(", ", new java.util.LinkedHashSet<>(genre))).append(']');
    }
    return sb.toString();
  }
}
