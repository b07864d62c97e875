package dev.recsys.embedding.matching;

import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Artist tokens: a listener's bag extended by one pseudo-item per artist of their tracks (the catalogue's
 * {@link ArtistRef#key()}), with the plays of that artist's tracks. Two listeners who share no track but play the
 * same artists then share tokens, and the item table learns artist embeddings from many more listeners than any
 * one track has. Token ids start with a NUL character, which no item id of a data file holds.
 */
final class ArtistTokens {
  /** Prefix of token ids. */
  static final String PREFIX = "\u0000artist\u0000";

  private ArtistTokens() {}

  /**
   * The profiles of {@code p}'s listeners extended by artist tokens, in the same listener order; null when no
   * item of {@code p} has an artist in the catalogue.
   */
  static ListenerProfiles extend(ListenerProfiles p, Catalog catalog) {
    if (catalog.size() == 0) {
      return null;
    }
    boolean any = false;
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < p.size(); u++) {
      int[] items = p.items(u);
      float[] plays = p.plays(u);
      Map<String, Double> bag = new LinkedHashMap<>();
      for (int j = 0; j < items.length; j++) {
        bag.put(p.itemId(items[j]), (double) plays[j]);
      }
      Map<String, Double> ext = extend(bag, catalog);
      any |= ext.size() > bag.size();
      for (Map.Entry<String, Double> e : ext.entrySet()) {
        b.add(p.id(u), e.getKey(), e.getValue(), 0, false);
      }
    }
    if (!any) {
      return null;
    }
    ListenerProfiles out = ListenerProfiles.of(b.build());
    for (int u = 0; u < p.size(); u++) {
      if (!out.id(u).equals(p.id(u))) {
        throw new IllegalStateException("artist tokens changed the listener order at " + u);
      }
    }
    return out;
  }

  /** A bag of plays by item id with the artist tokens added (the items first, in their order). */
  static Map<String, Double> extend(Map<String, Double> playsByItem, Catalog catalog) {
    Map<String, Double> out = new LinkedHashMap<>(playsByItem);
    for (Map.Entry<String, Double> e : playsByItem.entrySet()) {
      Optional<Track> t = catalog.find(e.getKey());
      if (t.isPresent()) {
        for (ArtistRef a : t.get().artists()) {
          out.merge(PREFIX + a.key(), e.getValue(), Double::sum);
        }
      }
    }
    return out;
  }

  /** Listener {@code u}'s bag of {@code p} by item id. */
  static Map<String, Double> bag(ListenerProfiles p, int u) {
    Map<String, Double> bag = new LinkedHashMap<>();
    int[] items = p.items(u);
    float[] plays = p.plays(u);
    for (int j = 0; j < items.length; j++) {
      bag.put(p.itemId(items[j]), (double) plays[j]);
    }
    return bag;
  }

  /**
   * A bag of {@code base}'s items (a view of a listener) as a bag of {@code extended}'s vocabulary with its artist
   * tokens, weighted by {@code w} with {@code extended}'s frequencies; items and tokens unknown to
   * {@code extended} are left out.
   */
  static Views.Bag map(ListenerProfiles base, ListenerProfiles extended, Catalog catalog, int[] items, float[] plays,
      ItemWeighting w) {
    Map<String, Double> bag = new LinkedHashMap<>();
    for (int j = 0; j < items.length; j++) {
      bag.put(base.itemId(items[j]), (double) plays[j]);
    }
    Map<String, Double> ext = extend(bag, catalog);
    int[] it = new int[ext.size()];
    float[] pl = new float[ext.size()];
    int n = 0;
    for (Map.Entry<String, Double> e : ext.entrySet()) {
      int i = extended.itemIndex(e.getKey());
      if (i >= 0) {
        it[n] = i;
        pl[n++] = (float) (double) e.getValue();
      }
    }
    it = java.util.Arrays.copyOf(it, n);
    pl = java.util.Arrays.copyOf(pl, n);
    return new Views.Bag(it, pl, extended.weights(it, pl, w));
  }
}
