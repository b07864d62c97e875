package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;

/**
 * The track side {@code t} of the popularity-affinity term of the history two-tower recommender (the track's
 * standardised log popularity, which {@link PopularityExponent} turns into a within-genre log-probability), and the
 * listener side {@code m_u} of the term's earlier form {@code beta * m_u * t_i} (format versions 2 to 4): the mean
 * of {@code t} over the listener's pooled plays, a popularity slope per listener read off the history.
 *
 * <p>Stateless; the methods are pure functions.
 */
public final class PopularityAffinity {
  private PopularityAffinity() {}

  /**
   * The track side {@code t}: the log of 1 + the catalogue's popularity when any track of the catalogue has one (a
   * track without one sits at the mean), else the log of 1 + the track's training plays; standardised over the
   * tracks (all zeros when they do not vary).
   *
   * @param plays training plays per track index
   * @param items the track dictionary
   * @param catalog the catalogue, or null for none
   * @return {@code t} per track index
   */
  public static float[] trackFeature(int[] plays, IdIndex items, Catalog catalog) {
    int n = plays.length;
    double[] listed = new double[n];
    boolean anyListed = false;
    for (int i = 0; i < n; i++) {
      Track t = catalog == null ? null : catalog.find(items.id(i)).orElse(null);
      listed[i] = t != null && t.popularity().isPresent() ? Math.log1p(t.popularity().getAsInt()) : Double.NaN;
      anyListed |= !Double.isNaN(listed[i]);
    }
    if (!anyListed) {
      for (int i = 0; i < n; i++) {
        listed[i] = Math.log1p(plays[i]);
      }
    }
    return Standardisation.standardised(listed);
  }

  /**
   * The listener side {@code m_u}: the mean of {@code t} over the latest {@code limit} plays of a time-ordered
   * history (latest last), summed from the latest backwards.
   *
   * @param history track indices, oldest first
   * @param limit how many of the latest plays count, at least 1
   * @param t the track side
   * @return the mean, or 0 for an empty history
   */
  public static float listenerMean(int[] history, int limit, float[] t) {
    int m = Math.min(history.length, limit);
    if (m == 0) {
      return 0f;
    }
    double s = 0;
    for (int a = 0; a < m; a++) {
      s += t[history[history.length - 1 - a]];
    }
    return (float) (s / m);
  }
}
