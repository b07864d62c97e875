package dev.recsys.quality;

import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Playlist;
import dev.recsys.embedding.NeighbourhoodQuality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Labellings of a catalogue for {@link NeighbourhoodQuality}: genres, subgenres and playlist memberships. */
public final class Labelings {
  private Labelings() {}

  /**
   * Labellings of the data set's catalogue. With playlists that carry a genre and subgenre (TidyTuesday), a track's
   * genres are those of its playlists' first labels and its subgenres those of the second, and its playlist
   * memberships are a third labelling. Otherwise every genre label of a track counts.
   */
  public static List<NeighbourhoodQuality.Labels> of(MusicDataset ds) {
    Catalog catalog = ds.catalog();
    int n = catalog.size();
    Set<String> topGenres = new LinkedHashSet<>();
    Set<String> subGenres = new LinkedHashSet<>();
    for (Playlist p : ds.playlists()) {
      if (p.genres().size() >= 2) {
        topGenres.add(p.genres().get(0));
        subGenres.add(p.genres().get(1));
      }
    }
    List<NeighbourhoodQuality.Labels> out = new ArrayList<>();
    if (!topGenres.isEmpty()) {
      out.add(new NeighbourhoodQuality.Labels("genre", labelsOf(catalog, topGenres)));
      out.add(new NeighbourhoodQuality.Labels("subgenre", labelsOf(catalog, subGenres)));
    } else {
      Set<String> all = new LinkedHashSet<>();
      catalog.tracks().forEach(t -> all.addAll(t.genres()));
      if (!all.isEmpty()) {
        out.add(new NeighbourhoodQuality.Labels("genre", labelsOf(catalog, all)));
      }
    }
    if (!ds.playlists().isEmpty()) {
      List<List<Integer>> member = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        member.add(new ArrayList<>(2));
      }
      int pid = 0;
      for (Playlist p : ds.playlists()) {
        for (String id : p.trackIds()) {
          int i = catalog.indexOf(id);
          if (i >= 0) {
            member.get(i).add(pid);
          }
        }
        pid++;
      }
      int[][] l = new int[n][];
      for (int i = 0; i < n; i++) {
        l[i] = member.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
      }
      out.add(new NeighbourhoodQuality.Labels("playlist", l));
    }
    return out;
  }

  private static int[][] labelsOf(Catalog catalog, Set<String> vocabulary) {
    Map<String, Integer> ids = new HashMap<>();
    for (String g : vocabulary) {
      ids.put(g, ids.size());
    }
    int[][] l = new int[catalog.size()][];
    for (int i = 0; i < l.length; i++) {
      l[i] = catalog.get(i).genres().stream().filter(ids::containsKey).mapToInt(ids::get).distinct().toArray();
    }
    return l;
  }

  /** A cluster id per track: the index of its first genre label (tracks without one share a cluster). */
  public static int[] firstGenreClusters(Catalog c) {
    Map<String, Integer> ids = new HashMap<>();
    int[] out = new int[c.size()];
    for (int t = 0; t < out.length; t++) {
      List<String> g = c.get(t).genres();
      out[t] = ids.computeIfAbsent(g.isEmpty() ? "" : g.get(0), k -> ids.size());
    }
    return out;
  }
}
