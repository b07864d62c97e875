package dev.recsys.core.matching;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Explanation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Explains a match from the two listeners' profiles: the shared tracks (by title) and shared artists (by name)
 * weighted by both listeners' log plays, the genre overlap ({@code min} of the two listeners' genre shares), and
 * which part of the profile drove the score. Items missing from the catalogue (id-only data, e.g. listener-artist
 * counts) are named by id as {@code "shared-item"} factors.
 *
 * <p>Factor kinds: {@code "part"} (label {@code "co-listening"}, {@code "content"} or {@code "item-overlap"}
 * (the exact TF-IDF cosine of the two bags, weighted), value its share of the score), {@code "shared-track"}, {@code "shared-item"}, {@code "shared-artist"}, {@code "shared-genre"} (value
 * the overlap share in [0, 1]).
 */
public final class MatchExplainer {
  /** How many shared tracks, artists and genres an explanation lists at most. */
  public static final int LIMIT = 5;

  private MatchExplainer() {}

  /**
   * The explanation of listener {@code b} as a match of listener {@code a}.
   *
   * @param parts the score split by part ({@code "co-listening"}, {@code "content"}, {@code "item-overlap"})
   * @param p the profiles holding both listeners
   * @param catalog track metadata for the shared artists and genres; may be empty
   * @param a index of the querying listener
   * @param b index of the matched listener
   * @return the factors of the match (parts, then shared tracks, artists and genres, at most {@link #LIMIT} of each)
   *     and the part that contributes most
   */
  public static Explanation explain(ListenerProfiles p, Catalog catalog, int a, int b, Map<String, Double> parts) {
    List<Explanation.Factor> factors = new ArrayList<>();
    String driver = null;
    double best = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, Double> e : parts.entrySet()) {
      factors.add(new Explanation.Factor("part", e.getKey(), e.getValue(), e.getValue()));
      if (e.getValue() > best) {
        best = e.getValue();
        driver = e.getKey();
      }
    }
    int[] shared = p.shared(a, b);
    Map<Integer, Double> wa = logShares(p, a);
    Map<Integer, Double> wb = logShares(p, b);
    List<Explanation.Factor> items = new ArrayList<>();
    int tracks = 0;
    for (int i : shared) {
      Optional<Track> t = catalog.size() == 0 ? Optional.empty() : catalog.find(p.itemId(i));
      double c = wa.get(i) * wb.get(i);
      if (t.isPresent()) {
        tracks++;
        items.add(new Explanation.Factor("shared-track", t.get().displayTitle(), c, c));
      } else {
        items.add(new Explanation.Factor("shared-item", p.itemId(i), c, c));
      }
    }
    items.sort(Comparator.comparingDouble((Explanation.Factor f) -> -f.contribution()).thenComparing(Explanation.Factor::label));
    factors.addAll(items.subList(0, Math.min(LIMIT, items.size())));
    List<Explanation.Factor> artists = overlap("shared-artist", artistShares(p, catalog, a), artistShares(p, catalog, b));
    List<Explanation.Factor> genres = overlap("shared-genre", genreShares(p, catalog, a), genreShares(p, catalog, b));
    factors.addAll(artists.subList(0, Math.min(LIMIT, artists.size())));
    factors.addAll(genres.subList(0, Math.min(LIMIT, genres.size())));
    StringBuilder s = new StringBuilder();
    if (driver != null) {
      s.append(driver).append(" drove the match");
    } else {
      s.append("match");
    }
    s.append(String.format(Locale.ROOT, ": %d shared %s", shared.length, tracks == shared.length && tracks > 0 ? "tracks" : "items"));
    if (!items.isEmpty()) {
      s.append(" (").append(String.join(", ", items.subList(0, Math.min(3, items.size())).stream().map(Explanation.Factor::label).toList())).append(')');
    }
    if (!artists.isEmpty()) {
      s.append(String.format(Locale.ROOT, ", %d shared artists (%s)", artists.size(),
          String.join(", ", artists.subList(0, Math.min(3, artists.size())).stream().map(Explanation.Factor::label).toList())));
    }
    if (!genres.isEmpty()) {
      List<String> g = new ArrayList<>();
      for (Explanation.Factor f : genres.subList(0, Math.min(3, genres.size()))) {
        g.add(String.format(Locale.ROOT, "%s %.0f%%", f.label(), 100 * f.value()));
      }
      s.append(", genre overlap ").append(String.join(", ", g));
    }
    return new Explanation(s.toString(), factors);
  }

  private static Map<Integer, Double> logShares(ListenerProfiles p, int u) {
    return logShares(p.items(u), p.plays(u));
  }

  private static Map<Integer, Double> logShares(int[] it, float[] pl) {
    double total = 0;
    for (float x : pl) {
      total += Math.log1p(x);
    }
    Map<Integer, Double> out = new HashMap<>();
    for (int j = 0; j < it.length; j++) {
      out.put(it[j], Math.log1p(pl[j]) / total);
    }
    return out;
  }

  private static Map<String, Double> artistShares(ListenerProfiles p, Catalog catalog, int u) {
    Map<String, Double> out = new HashMap<>();
    if (catalog.size() == 0) {
      return out;
    }
    logShares(p, u).forEach((i, w) -> catalog.find(p.itemId(i)).ifPresent(t -> {
      for (ArtistRef ar : t.artists()) {
        out.merge(ar.name(), w / t.artists().size(), Double::sum);
      }
    }));
    return out;
  }

  /**
   * Listener {@code u}'s genre shares: log-play-weighted, each track's weight split among its genres.
   *
   * @param p the profiles holding the listener
   * @param catalog track metadata giving each track's genres
   * @param u listener index in {@code p}
   * @return genre name to share, summing to 1; empty when the catalogue is empty or no track has a genre
   */
  public static Map<String, Double> genreShares(ListenerProfiles p, Catalog catalog, int u) {
    return genreShares(p, catalog, p.items(u), p.plays(u));
  }

  /**
   * The genre shares of a bag of items (indices into {@code p}'s vocabulary) with their plays: log-play-weighted,
   * each track's weight split among its genres, summing to 1 (empty when no item has a genre).
   *
   * @param p the profiles whose vocabulary the item indexes refer to
   * @param catalog track metadata giving each track's genres
   * @param items item indexes of the bag
   * @param plays play counts parallel to {@code items}
   * @return genre name to share
   */
  public static Map<String, Double> genreShares(ListenerProfiles p, Catalog catalog, int[] items, float[] plays) {
    Map<String, Double> out = new HashMap<>();
    if (catalog.size() == 0) {
      return out;
    }
    double[] total = {0};
    logShares(items, plays).forEach((i, w) -> catalog.find(p.itemId(i)).ifPresent(t -> {
      for (String g : t.genres()) {
        out.merge(g, w / t.genres().size(), Double::sum);
        total[0] += w / t.genres().size();
      }
    }));
    if (total[0] > 0) {
      out.replaceAll((g, w) -> w / total[0]);
    }
    return out;
  }

  private static List<Explanation.Factor> overlap(String kind, Map<String, Double> a, Map<String, Double> b) {
    List<Explanation.Factor> out = new ArrayList<>();
    a.forEach((key, wa) -> {
      Double wb = b.get(key);
      if (wb != null) {
        double m = Math.min(wa, wb);
        out.add(new Explanation.Factor(kind, key, m, m));
      }
    });
    out.sort(Comparator.comparingDouble((Explanation.Factor f) -> -f.value()).thenComparing(Explanation.Factor::label));
    return out;
  }
}
