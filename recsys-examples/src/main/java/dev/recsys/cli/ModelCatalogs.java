package dev.recsys.cli;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Metadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue the graph and shuffle commands work on: read from a data set ({@code --data SPEC}), else from the
 * model directory's {@code catalog.jsonl} (written by {@code recsys embed}, with every track field), else rebuilt
 * from the track vectors' metadata (id, title, artist, genres; audio features unknown, so the key and tempo
 * features contribute nothing).
 */
final class ModelCatalogs {
  private ModelCatalogs() {}

  /**
   * The catalogue for {@code vectors}: from {@code dataSpec} when given, else the directory's catalogue file, else
   * the vectors' metadata.
   */
  static Catalog load(ModelDirectory dir, String dataSpec, TrackVectors vectors) throws IOException {
    if (dataSpec != null) {
      return Datasets.load(dataSpec, ReadOptions.LENIENT).catalog();
    }
    if (Files.exists(dir.catalog())) {
      return CatalogJsonl.read(dir.catalog());
    }
    List<Track> tracks = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      Metadata m = vectors.metadata().get(i);
      Track.Builder b = Track.builder(vectors.ids().get(i));
      String title = first(m, "title");
      if (title != null) {
        b.title(title);
      }
      List<String> artists = values(m, "artist", "artists");
      b.artists(artists.stream().filter(a -> !a.isBlank()).map(ArtistRef::named).toList());
      b.genres(values(m, "genre", "genres"));
      tracks.add(b.build());
    }
    return Catalog.of(tracks);
  }

  private static String first(Metadata m, String field) {
    List<String> v = m.fields().get(field);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static List<String> values(Metadata m, String... fields) {
    for (String f : fields) {
      List<String> v = m.fields().get(f);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return List.of();
  }

  /**
   * Resolves a track by id, else by exact title (ignoring case), else by a unique title substring.
   *
   * @throws IllegalArgumentException naming the query and a few candidates
   */
  static int resolve(Catalog catalog, String query) {
    int i = catalog.indexOf(query);
    if (i >= 0) {
      return i;
    }
    List<Integer> exact = new ArrayList<>();
    List<Integer> partial = new ArrayList<>();
    String q = query.toLowerCase(java.util.Locale.ROOT);
    for (int t = 0; t < catalog.size(); t++) {
      String title = catalog.get(t).title().orElse("").toLowerCase(java.util.Locale.ROOT);
      String display = catalog.get(t).displayTitle().toLowerCase(java.util.Locale.ROOT);
      if (title.equals(q) || display.equals(q)) {
        exact.add(t);
      } else if (title.contains(q)) {
        partial.add(t);
      }
    }
    if (!exact.isEmpty()) {
      return exact.get(0);
    }
    if (partial.size() == 1) {
      return partial.get(0);
    }
    List<String> some = partial.stream().limit(5).map(t -> catalog.get(t).id() + " \"" + catalog.get(t).displayTitle() + "\"").toList();
    throw new IllegalArgumentException(partial.isEmpty()
        ? "no track with id or title '" + query + "' in the catalogue of " + catalog.size() + " tracks"
        : "'" + query + "' matches " + partial.size() + " titles; use an id or the full title, e.g. " + some);
  }
}
