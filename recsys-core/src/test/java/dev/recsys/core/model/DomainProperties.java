package dev.recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.ListeningHistory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DomainProperties {
  @Property
  void audioFeatureInRangeIsAcceptedAndOutOfRangeRejected(@ForAll AudioFeature f, @ForAll double x) {
    double v = f.isCategorical() ? Math.rint(x) : x;
    boolean valid = Double.isNaN(v) || (v >= f.min() && v <= f.max());
    if (valid) {
      AudioFeatures a = AudioFeatures.builder().set(f, v).build();
      assertEquals(Double.isNaN(v), !a.isPresent(f));
      assertEquals(AudioFeature.values().length - (Double.isNaN(v) ? 0 : 1), a.missingCount());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().set(f, v).build());
      assertTrue(e.getMessage().startsWith(f.column() + " must be in ["), e.getMessage());
    }
  }

  @Property
  void missingIsNeverZero(@ForAll AudioFeature f) {
    assertFalse(AudioFeatures.MISSING.get(f).isPresent());
    assertTrue(Double.isNaN(AudioFeatures.MISSING.value(f)));
  }

  @Provide
  Arbitrary<ReleaseDate> dates() {
    return Combinators.combine(Arbitraries.integers().between(1000, 2999), Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, 28)).as((y, m, d) -> new ReleaseDate(y, m, m == 0 ? 0 : d));
  }

  @Property
  void releaseDateParsesItsOwnText(@ForAll("dates") ReleaseDate d) {
    assertEquals(d, ReleaseDate.parse(d.toString()));
    assertTrue(d.fractionalYear() >= d.year() && d.fractionalYear() < d.year() + 1);
  }

  @Property
  void idIndexIsABijection(@ForAll @Size(max = 50) List<@net.jqwik.api.constraints.AlphaChars @net.jqwik.api.constraints.StringLength(min = 1, max = 5) String> ids) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    IdIndex idx = IdIndex.of(distinct);
    for (int i = 0; i < distinct.size(); i++) {
      assertEquals(i, idx.indexOf(distinct.get(i)));
      assertEquals(distinct.get(i), idx.id(i));
    }
    if (distinct.size() < ids.size()) {
      assertThrows(IllegalArgumentException.class, () -> IdIndex.of(ids));
    }
  }

  @Property
  void interactionSubsetKeepsRowsAndDictionaries(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 9) Integer> users) {
    Interactions.Builder b = Interactions.builder();
    for (int i = 0; i < users.size(); i++) {
      b.add("u" + users.get(i), "i" + (i % 7), i, i * 10L, i % 3 == 0);
    }
    Interactions all = b.build();
    int[] rows = java.util.stream.IntStream.range(0, all.size()).filter(r -> r % 2 == 1).toArray();
    Interactions sub = all.subset(rows);
    assertEquals(rows.length, sub.size());
    for (int i = 0; i < rows.length; i++) {
      assertEquals(all.row(rows[i]), sub.row(i));
    }
    assertEquals(all.users(), sub.users());
  }

  @Property
  void rowsByUserPartitionsTheRowsInOrder(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 7) Integer> users) {
    Interactions.Builder b = Interactions.builder();
    for (int i = 0; i < users.size(); i++) {
      b.add("u" + users.get(i), "i" + i, 1, i, false);
    }
    Interactions t = b.build();
    int[][] byUser = t.rowsByUser();
    assertEquals(t.users().size(), byUser.length);
    int total = 0;
    for (int u = 0; u < byUser.length; u++) {
      for (int i = 0; i < byUser[u].length; i++) {
        assertEquals(u, t.user(byUser[u][i]));
        if (i > 0) {
          assertTrue(byUser[u][i - 1] < byUser[u][i], "row order");
        }
      }
      total += byUser[u].length;
    }
    assertEquals(t.size(), total);
  }

  @Property
  void historyCountsPlaysSince(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 19) Integer> plays,
      @ForAll @IntRange(min = 1, max = 10) int window) {
    ListeningHistory h = new ListeningHistory(20, window);
    for (int p : plays) {
      h.play(p);
    }
    for (int t = 0; t < 20; t++) {
      int last = plays.lastIndexOf(t);
      assertEquals(last < 0 ? -1 : plays.size() - last, h.playsSince(t));
    }
    assertEquals(Math.min(window, plays.size()), h.recentCount());
    for (int i = 0; i < h.recentCount(); i++) {
      assertEquals((int) plays.get(plays.size() - 1 - i), h.recent(i));
    }
    int[] copy = new int[h.recentCount() + 1];
    h.recentInto(copy, h.recentCount());
    for (int i = 0; i < h.recentCount(); i++) {
      assertEquals(h.recent(i), copy[i], "recentInto agrees with recent at " + i);
    }
    assertThrows(IndexOutOfBoundsException.class, () -> h.recentInto(copy, h.recentCount() + 1));
  }

  @Property
  void clearedHistoryBehavesLikeANewOne(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 19) Integer> before,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 19) Integer> after,
      @ForAll @IntRange(min = 1, max = 10) int window) {
    ListeningHistory reused = new ListeningHistory(20, window);
    before.forEach(reused::play);
    reused.clear();
    ListeningHistory fresh = new ListeningHistory(20, window);
    for (int p : after) {
      reused.play(p);
      fresh.play(p);
    }
    assertEquals(fresh.steps(), reused.steps());
    assertEquals(fresh.recentCount(), reused.recentCount());
    assertEquals(fresh.current(), reused.current());
    for (int t = 0; t < 20; t++) {
      assertEquals(fresh.playsSince(t), reused.playsSince(t));
    }
    for (int i = 0; i < fresh.recentCount(); i++) {
      assertEquals(fresh.recent(i), reused.recent(i));
    }
  }

  @Property
  void categoricalFeaturesTakeWholeNumbersOnly(@ForAll AudioFeature f, @ForAll double x) {
    double[] values = new double[AudioFeature.values().length];
    java.util.Arrays.fill(values, Double.NaN);
    values[f.ordinal()] = x;
    boolean inRange = Double.isNaN(x) || (x >= f.min() && x <= f.max());
    boolean valid = inRange && (!f.isCategorical() || Double.isNaN(x) || x == Math.rint(x));
    if (valid) {
      assertEquals(Double.isNaN(x) ? Double.NaN : x, AudioFeatures.of(values).value(f));
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFeatures.of(values));
      assertEquals(f.column() + (inRange ? " must be a whole number; " : " must be in [" + f.min() + ", " + f.max() + "]; ")
          + f.column() + "=" + x, e.getMessage());
    }
  }

  @Property
  void trackListsRejectNullsByIndex(@ForAll @Size(max = 5) List<@net.jqwik.api.constraints.AlphaChars @net.jqwik.api.constraints.StringLength(min = 1, max = 3) String> genres,
      @ForAll @IntRange(min = 0, max = 5) int at) {
    List<String> withNull = new ArrayList<>(genres);
    int i = Math.min(at, withNull.size());
    withNull.add(i, null);
    Track.Builder b = Track.builder("t").genres(withNull);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertEquals("genres must not contain null; genres[" + i + "] is null", e.getMessage());
    assertEquals(genres, Track.builder("t").genres(new ArrayList<>(genres)).build().genres());
    NullPointerException n = assertThrows(NullPointerException.class, () -> new Track("t", java.util.Optional.empty(), null,
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalInt.empty(),
        java.util.Optional.empty(), List.of(), AudioFeatures.MISSING));
    assertEquals("artists", n.getMessage());
  }

  @Property
  void trackRejectsOutOfRangePopularity(@ForAll int popularity) {
    if (popularity >= 0 && popularity <= 100) {
      assertEquals(popularity, Track.builder("t").popularity(popularity).build().popularity().getAsInt());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Track.builder("t").popularity(popularity).build());
      assertEquals("popularity must be in [0, 100]; popularity=" + popularity, e.getMessage());
    }
  }

  @Property
  void catalogIndexMatchesOrder(@ForAll @IntRange(min = 0, max = 30) int n) {
    List<Track> ts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ts.add(Track.builder("t" + i).title("T" + i).build());
    }
    Catalog c = Catalog.of(ts);
    for (int i = 0; i < n; i++) {
      assertEquals(i, c.indexOf("t" + i));
      assertEquals(ts.get(i), c.get(i));
    }
    assertEquals(-1, c.indexOf("missing"));
  }
}
