package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class GenreAffinityTest {
  /** Six tracks: a, b in rock; c in jazz; d in rock and jazz; e in pop; f without genres. */
  static final IdIndex ITEMS = IdIndex.of(List.of("a", "b", "c", "d", "e", "f"));
  static final Catalog CATALOG = Catalog.of(List.of(
      Track.builder("a").genres(List.of("rock")).build(), Track.builder("b").genres(List.of("rock")).build(),
      Track.builder("c").genres(List.of("jazz")).build(), Track.builder("d").genres(List.of("rock", "jazz")).build(),
      Track.builder("e").genres(List.of("pop")).build(), Track.builder("f").build()));
  static final GenreAffinity GENRES = GenreAffinity.of(ITEMS, CATALOG);

  @Test
  void genresAreReadFromTheCatalogueInSortedOrder() {
    assertEquals(3, GENRES.numGenres());
    // jazz 0, pop 1, rock 2
    assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6, 6}, GENRES.offsets());
    assertArrayEquals(new int[] {2, 2, 0, 0, 2, 1}, GENRES.ids());
    assertEquals(0, GenreAffinity.of(ITEMS, null).numGenres());
  }

  @Test
  void sharesAreSmoothedCountsWithMultiGenrePlaysSplitEvenly() {
    // plays a, d, f: rock 1 + 0.5, jazz 0.5; f has no genre, so n = 2
    double[] s = GENRES.shares(new int[] {0, 3, 5}, 10, 1.0);
    assertArrayEquals(new double[] {1.5 / 5, 1.0 / 5, 2.5 / 5}, s, 1e-12);
    // only the latest play (f, no genre) is pooled: the prior alone
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, GENRES.shares(new int[] {0, 3, 5}, 1, 1.0), 1e-12);
  }

  @Test
  void aTrackScoresTheLogOfTheMeanShareOfItsGenres() {
    float[] t = GENRES.logShares(new int[] {0, 3, 5}, 10, 1.0);
    double jazz = 1.5 / 5;
    double pop = 1.0 / 5;
    double rock = 2.5 / 5;
    assertEquals(Math.log(rock), t[0], 1e-6);
    assertEquals(Math.log(rock), t[1], 1e-6);
    assertEquals(Math.log(jazz), t[2], 1e-6);
    assertEquals(Math.log((rock + jazz) / 2), t[3], 1e-6);
    assertEquals(Math.log(pop), t[4], 1e-6);
    // no genres: the share of a genre never played, a / (n + a G)
    assertEquals(Math.log(1.0 / 5), t[5], 1e-6);
    assertArrayEquals(new float[6], GenreAffinity.of(ITEMS, null).logShares(new int[] {0, 1}, 10, 1.0));
  }

  @Test
  void malformedRowsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GenreAffinity(new int[] {0, 2}, new int[] {0}, 1));
    assertThrows(IllegalArgumentException.class, () -> new GenreAffinity(new int[] {0, 1}, new int[] {3}, 2));
    assertThrows(IllegalArgumentException.class, () -> new GenreAffinity(new int[] {0, 2, 1, 2},
        new int[] {0, 0}, 1));
  }

  /** A random catalogue of {@code genresPerTrack.size()} tracks over {@code g} genres. */
  private static GenreAffinity random(List<Integer> genresPerTrack, int g) {
    List<String> ids = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < genresPerTrack.size(); i++) {
      List<String> names = new ArrayList<>();
      for (int k = 0; k < genresPerTrack.get(i); k++) {
        names.add("g" + ((i * 7 + k * 3) % g));
      }
      ids.add("t" + i);
      tracks.add(Track.builder("t" + i).genres(names).build());
    }
    return GenreAffinity.of(IdIndex.of(ids), Catalog.of(tracks));
  }

  @Property(tries = 100)
  void theSharesArePositiveAndSumToOne(
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 3) Integer> genresPerTrack,
      @ForAll @IntRange(min = 1, max = 6) int g,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1000) Integer> plays,
      @ForAll @DoubleRange(min = 0.01, max = 10) double smoothing) {
    GenreAffinity genres = random(genresPerTrack, g);
    int[] history = plays.stream().mapToInt(p -> p % genresPerTrack.size()).toArray();
    double[] s = genres.shares(history, 25, smoothing);
    double sum = 0;
    for (double v : s) {
      assertTrue(v > 0, "share " + v);
      sum += v;
    }
    assertEquals(genres.numGenres() == 0 ? 0 : 1, sum, 1e-9);
  }

  @Property(tries = 100)
  void aWeightOfZeroLeavesTheScoresBitIdentical(
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 3) Integer> genresPerTrack,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1000) Integer> plays,
      @ForAll @FloatRange(min = -5, max = 5) float base) {
    GenreAffinity genres = random(genresPerTrack, 4);
    int[] history = plays.stream().mapToInt(p -> p % genresPerTrack.size()).toArray();
    float[] scores = new float[genresPerTrack.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = base * (i - 3.5f);
    }
    float[] before = scores.clone();
    genres.addTo(scores, 0f, history, 25, 1.0);
    for (int i = 0; i < scores.length; i++) {
      assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(scores[i]));
    }
  }

  @Property(tries = 100)
  void anotherPlayOfAGenreRaisesItsTracksAgainstTheOthers(
      @ForAll @Size(min = 2, max = 20) List<@IntRange(min = 1, max = 1) Integer> oneGenreEach,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1000) Integer> plays,
      @ForAll @IntRange(min = 0, max = 1000) int extra) {
    GenreAffinity genres = random(oneGenreEach, 4);
    int n = oneGenreEach.size();
    int[] history = plays.stream().mapToInt(p -> p % n).toArray();
    int[] more = java.util.Arrays.copyOf(history, history.length + 1);
    more[history.length] = extra % n;
    float[] before = genres.logShares(history, 1000, 1.0);
    float[] after = genres.logShares(more, 1000, 1.0);
    int played = genres.ids()[extra % n];
    for (int i = 0; i < n; i++) {
      if (genres.ids()[i] == played) {
        assertTrue(after[i] > before[i], "the played genre's tracks gain");
      } else {
        assertTrue(after[i] < before[i], "every other genre's tracks lose");
      }
    }
  }
}
