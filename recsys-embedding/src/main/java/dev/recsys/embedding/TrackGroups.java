package dev.recsys.embedding;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups of catalogue rows known to belong together without any label, for the autoencoder's
 * {@link AutoencoderConfig.GroupContrast group-contrastive term}.
 */
public final class TrackGroups {
  private TrackGroups() {}

  /**
   * The tracks of each artist: rows of {@code catalog} grouped by their first (main) artist's
   * {@link dev.recsys.core.model.ArtistRef#key() key}, in order of first appearance; artists with a single track and
   * tracks without an artist are left out.
   *
   * @param catalog the tracks
   * @return per artist with two or more tracks, its rows in ascending order
   */
  public static int[][] byArtist(Catalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < catalog.size(); i++) {
      Track t = catalog.get(i);
      if (!t.artists().isEmpty()) {
        byKey.computeIfAbsent(t.artists().get(0).key(), k -> new ArrayList<>()).add(i);
      }
    }
    return byKey.values().stream().filter(g -> g.size() >= 2)
        .map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }
}
