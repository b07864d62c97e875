package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PopularityExponentTest {
  /** The six tracks of {@link GenreAffinityTest}: a, b in rock; c in jazz; d in rock and jazz; e in pop; f none. */
  private static final IdIndex ITEMS = GenreAffinityTest.ITEMS;
  private static final GenreAffinity GENRES = GenreAffinityTest.GENRES;
  private static final float[] T = {1.5f, -0.5f, 0.25f, -1f, 0.75f, 0f};

  /** {@code log sum exp(alpha t)} over the given tracks. */
  private static double logSum(double alpha, int... tracks) {
    double s = 0;
    for (int i : tracks) {
      s += Math.exp(alpha * T[i]);
    }
    return Math.log(s);
  }

  /** The log-likelihood of the plays at {@code alpha}, each play's log-partition the mean over its genres. */
  private static double likelihood(double alpha, int... plays) {
    double[] z = {logSum(alpha, 2, 3), logSum(alpha, 4), logSum(alpha, 0, 1, 3), logSum(alpha, 5)}; // jazz pop rock -
    int[][] groups = {{2}, {2}, {0}, {2, 0}, {1}, {3}};
    double ll = 0;
    for (int p : plays) {
      double m = 0;
      for (int g : groups[p]) {
        m += z[g];
      }
      ll += alpha * T[p] - m / groups[p].length;
    }
    return ll;
  }

  @Test
  void theExponentIsTheGridMaximumOfThePosterior() {
    PopularityExponent e = new PopularityExponent(T, GENRES);
    int[][] histories = {{0}, {1}, {0, 1, 2}, {3, 4, 5}, {1, 1, 2, 3}, {0, 3, 3, 5, 4}};
    for (int[] h : histories) {
      double best = Double.NEGATIVE_INFINITY;
      double arg = Double.NaN;
      for (int a = 0; a <= 80; a++) {
        double alpha = -4 + a * 0.1;
        double ll = likelihood(alpha, h) - alpha * alpha / 8; // normal prior, standard deviation 2
        if (ll > best + 1e-9) {
          best = ll;
          arg = alpha;
        }
      }
      assertEquals(arg, e.exponent(h, 100), 1e-9, java.util.Arrays.toString(h));
    }
    // the hit of its genre: a positive exponent, growing with the plays; the most obscure of both its genres: negative
    assertTrue(e.exponent(new int[] {0}, 100) > 0);
    assertTrue(e.exponent(new int[] {0, 0, 0, 0, 0, 0}, 100) > e.exponent(new int[] {0}, 100));
    assertTrue(e.exponent(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 100)
        > e.exponent(new int[] {0, 0, 0, 0, 0, 0}, 100));
    assertTrue(e.exponent(new int[] {3}, 100) < 0);
    // only the latest plays count; no plays: exponent 0
    assertEquals(e.exponent(new int[] {1}, 100), e.exponent(new int[] {0, 0, 1}, 1), 1e-12);
    assertEquals(0, e.exponent(new int[0], 100), 1e-12);
  }

  @Test
  void theTermIsTheWithinGenreLogProbability() {
    PopularityExponent e = new PopularityExponent(T, GENRES);
    int[] h = {0, 1, 0, 2};
    double alpha = e.exponent(h, 100);
    float[] p = e.logProbabilities(h, 100);
    assertEquals(alpha * T[0] - logSum(alpha, 0, 1, 3), p[0], 1e-5);
    assertEquals(alpha * T[2] - logSum(alpha, 2, 3), p[2], 1e-5);
    assertEquals(alpha * T[3] - (logSum(alpha, 2, 3) + logSum(alpha, 0, 1, 3)) / 2, p[3], 1e-5);
    assertEquals(alpha * T[4] - logSum(alpha, 4), p[4], 1e-5);
    // tracks without genres form one group of their own
    assertEquals(alpha * T[5] - logSum(alpha, 5), p[5], 1e-5);
  }

  @Test
  void withoutGenresEveryTrackIsInOneGroup() {
    PopularityExponent e = new PopularityExponent(T, GenreAffinity.of(ITEMS, null));
    int[] h = {0, 4};
    double alpha = e.exponent(h, 100);
    assertTrue(alpha > 0, "plays above the mean popularity: a positive exponent, got " + alpha);
    float[] p = e.logProbabilities(h, 100);
    double z = logSum(alpha, 0, 1, 2, 3, 4, 5);
    for (int i = 0; i < T.length; i++) {
      assertEquals(alpha * T[i] - z, p[i], 1e-5);
    }
  }

  @Test
  void mismatchedTracksAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PopularityExponent(new float[5], GENRES));
  }

  /**
   * In a catalogue where every track has one genre (or none), the term's probabilities sum to 1 over every genre,
   * and a listener who plays only the most popular track of each genre gets an exponent at least as large as one who
   * plays only the least popular.
   */
  @Property(tries = 60)
  void probabilitiesAreNormalisedPerGenreAndTheExponentFollowsThePlays(@ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @IntRange(min = 0, max = 5) int numGenres, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> ids = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    int[] genre = new int[n];
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      ids.add("t" + i);
      genre[i] = numGenres == 0 ? -1 : r.nextInt(numGenres + 1) - 1; // -1: no genre
      t[i] = (float) (2 * r.nextGaussian());
      tracks.add(genre[i] < 0 ? Track.builder("t" + i).build()
          : Track.builder("t" + i).genres(List.of("g" + genre[i])).build());
    }
    GenreAffinity g = GenreAffinity.of(IdIndex.of(ids), Catalog.of(tracks));
    PopularityExponent e = new PopularityExponent(t, g);
    int[] history = r.ints(1 + r.nextInt(20), 0, n).toArray();
    float[] p = e.logProbabilities(history, 200);
    java.util.Map<Integer, Double> total = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      total.merge(genre[i], Math.exp(p[i]), Double::sum);
    }
    for (var entry : total.entrySet()) {
      assertEquals(1.0, entry.getValue(), 1e-4, "genre " + entry.getKey());
    }
    java.util.Map<Integer, Integer> top = new java.util.HashMap<>();
    java.util.Map<Integer, Integer> bottom = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      top.merge(genre[i], i, (a, b) -> t[a] >= t[b] ? a : b);
      bottom.merge(genre[i], i, (a, b) -> t[a] <= t[b] ? a : b);
    }
    int[] hits = top.values().stream().mapToInt(Integer::intValue).toArray();
    int[] obscure = bottom.values().stream().mapToInt(Integer::intValue).toArray();
    assertTrue(e.exponent(hits, 200) >= e.exponent(obscure, 200),
        e.exponent(hits, 200) + " < " + e.exponent(obscure, 200));
  }
}
