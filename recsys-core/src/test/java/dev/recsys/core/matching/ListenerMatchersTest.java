package dev.recsys.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.ListenerMatcherPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ListenerMatchersTest {
  /** Tracks i0..i59 with titles, two artists per cluster and a genre per cluster. */
  static Catalog catalog() {
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int c = i / 15;
      tracks.add(Track.builder("i" + i).title("Song " + i).artists(List.of(ArtistRef.named("Artist " + c + (i % 2))))
          .genres(List.of("genre" + c)).build());
    }
    return Catalog.of(tracks);
  }

  static List<ListenerMatcherTrainer> baselines() {
    List<ListenerMatcherTrainer> out = new ArrayList<>();
    for (ListenerMatcherPlugin<?> p : registry().plugins()) {
      out.add(p.create());
    }
    return out;
  }

  static PluginRegistry<ListenerMatcherPlugin<?>> registry() {
    return dev.recsys.core.plugin.PluginKind.LISTENER_MATCHER.registry();
  }

  @Test
  void theBaselinesAreRegisteredByName() {
    assertTrue(registry().names().containsAll(List.of("random", "most-active", "cosine-binary", "cosine-logplays",
        "cosine-tfidf", "cosine-bm25", "content", "svd", "ials")), registry().names().toString());
    for (ListenerMatcherPlugin<?> p : registry().plugins()) {
      assertEquals(p.name(), p.create().name());
    }
  }

  @Test
  void anAddedListenerIsFoundByTheNextQueryWithoutRefitting() {
    Interactions data = TasteClusters.generate(40, 60, 4, 10, 0.9, 5);
    for (ListenerMatcherTrainer t : baselines()) {
      ListenerMatcher m = t.fit(data, catalog());
      Map<String, Double> twin = new LinkedHashMap<>();
      for (int i = 0; i < 15; i++) {
        twin.put("i" + i, 2.0);
      }
      twin.put("never-seen-item", 1.0);
      Map<String, Double> clone = new LinkedHashMap<>(twin);
      m.addListener("new-a", twin);
      m.addListener("new-b", clone);
      assertTrue(m.contains("new-b"));
      assertEquals(42, m.size());
      if (t.name().equals("random") || t.name().equals("most-active")) {
        continue;
      }
      List<ListenerMatch> got = m.similarListeners("new-a", 50);
      ListenerMatch b = got.stream().filter(x -> x.listenerId().equals("new-b")).findFirst().orElseThrow(
          () -> new AssertionError(t.name() + " did not find the identical new listener"));
      assertEquals(got.get(0).score(), b.score(), 1e-5, t.name() + ": the identical listener must score best");
      assertTrue(m.similarListeners("new-a", 50).stream().noneMatch(x -> x.listenerId().equals("new-a")));
    }
  }

  @Test
  void explanationsNameSharedTracksArtistsAndGenresAndTheDrivingPart() {
    Interactions data = Interactions.builder().add("a", "i1", 3, 0, false).add("a", "i2", 1, 0, false)
        .add("a", "i20", 1, 0, false).add("b", "i1", 2, 0, false).add("b", "i3", 1, 0, false)
        .add("c", "i40", 1, 0, false).build();
    ListenerMatcher m = CosineMatcher.trainer("cosine-binary", new CosineMatcher.Config(ItemWeighting.BINARY))
        .fit(data, catalog());
    ListenerMatch top = m.similarListeners("a", 1).get(0);
    assertEquals("b", top.listenerId());
    Explanation e = top.explanation();
    assertTrue(e.factors("shared-track").get(0).label().startsWith("Song 1"));
    assertFalse(e.factors("shared-artist").isEmpty());
    assertEquals("genre0", e.factors("shared-genre").get(0).label());
    assertEquals("co-listening", e.factors("part").get(0).label());
    assertTrue(e.summary().startsWith("co-listening drove the match"), e.summary());
    ListenerMatch idOnly = CosineMatcher.trainer("cosine-binary", new CosineMatcher.Config(ItemWeighting.BINARY))
        .fit(data, Catalog.of(List.of())).similarListeners("a", 1).get(0);
    assertEquals("i1", idOnly.explanation().factors("shared-item").get(0).label());
  }

  @Property(tries = 20)
  void sparseCosineEqualsTheCosineOfTheWeightedVectors(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
    Interactions data = TasteClusters.generate(25, 30, 3, 6, 0.7, seed);
    ListenerMatcher m = CosineMatcher.trainer("cosine-tfidf", new CosineMatcher.Config(ItemWeighting.TFIDF))
        .fit(data, Catalog.of(List.of()));
    ListenerProfiles p = ListenerProfiles.of(data);
    String q = p.id(new SplittableRandom(seed).nextInt(p.size()));
    for (ScoredListener s : m.nearest(List.of(q), 5, id -> true).get(0)) {
      double expected = cosine(p, p.indexOf(q), p.indexOf(s.listenerId()));
      assertEquals(expected, s.score(), 1e-5);
    }
  }

  private static double cosine(ListenerProfiles p, int a, int b) {
    double[] x = dense(p, a);
    double[] y = dense(p, b);
    double d = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      d += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return d / Math.sqrt(nx * ny);
  }

  private static double[] dense(ListenerProfiles p, int u) {
    double[] v = new double[p.numItems()];
    float[] w = p.weights(u, ItemWeighting.TFIDF);
    for (int j = 0; j < w.length; j++) {
      v[p.items(u)[j]] = w[j];
    }
    return v;
  }

  @Test
  void theSvdBasisIsOrthonormal() {
    Interactions data = TasteClusters.generate(50, 40, 4, 8, 0.8, 9);
    ListenerProfiles p = ListenerProfiles.of(data);
    int[][] rows = new int[p.size()][];
    float[][] vals = new float[p.size()][];
    for (int u = 0; u < p.size(); u++) {
      rows[u] = p.items(u);
      vals[u] = p.weights(u, ItemWeighting.TFIDF);
    }
    int rank = 6;
    float[] z = TruncatedSvd.rightSubspace(rows, vals, p.numItems(), rank, 3, 1);
    for (int a = 0; a < rank; a++) {
      for (int b = 0; b < rank; b++) {
        double s = 0;
        for (int i = 0; i < p.numItems(); i++) {
          s += (double) z[i * rank + a] * z[i * rank + b];
        }
        assertEquals(a == b ? 1 : 0, s, 1e-4);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> TruncatedSvd.rightSubspace(rows, vals, p.numItems(), 51, 1, 1));
  }

  @Test
  void badAdditionsAndQueriesSayWhatIsWrong() {
    ListenerMatcher m = CosineMatcher.trainer("cosine-binary", new CosineMatcher.Config(ItemWeighting.BINARY))
        .fit(TasteClusters.generate(5, 10, 1, 3, 1, 1), Catalog.of(List.of()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.addListener("x", Map.of()))
        .getMessage().contains("no plays"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.addListener("x", Map.of("i1", -1.0)))
        .getMessage().contains("plays must be positive"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.similarListeners("nobody", 3))
        .getMessage().contains("unknown listener 'nobody'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.similarListeners("u1", 0))
        .getMessage().contains("k must be in [1, 10000]"));
  }

  @Test
  void contentNeedsMetadata() {
    ListenerMatcherTrainer t = ContentProfileMatcher.trainer();
    Interactions data = TasteClusters.generate(5, 10, 1, 3, 1, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> t.fit(data, Catalog.of(List.of())))
        .getMessage().contains("needs track metadata"));
  }

  @Test
  void cosineBm25RanksByTheCosineOfBm25Idf2Vectors() {
    Interactions data = TasteClusters.generate(30, 40, 4, 8, 0.8, 21);
    ListenerMatcher m = registry().get("cosine-bm25").create().fit(data, Catalog.of(List.of()));
    ListenerProfiles p = ListenerProfiles.of(data);
    SparseCosineIndex exact = new SparseCosineIndex(p, ItemWeighting.BM25_IDF2);
    for (ScoredListener s : m.nearest(List.of("u3"), 5, id -> true).get(0)) {
      assertEquals(exact.cosine(p.indexOf("u3"), p.indexOf(s.listenerId())), s.score(), 1e-5);
    }
  }

  @Test
  void ialsListenerVectorsFindListenersOfTheSameTaste() {
    Interactions data = TasteClusters.generate(80, 80, 4, 10, 0.9, 17);
    ListenerMatcher ials = registry().get("ials").create().fit(data, Catalog.of(List.of()));
    ListenerMatcher random = registry().get("random").create().fit(data, Catalog.of(List.of()));
    assertTrue(sameTaste(ials, 80) > sameTaste(random, 80) + 0.3,
        "ials " + sameTaste(ials, 80) + " vs random " + sameTaste(random, 80));
  }

  /** Share of the top 5 matches of every listener that have the listener's hidden taste. */
  private static double sameTaste(ListenerMatcher m, int listeners) {
    List<String> ids = new ArrayList<>();
    for (int u = 0; u < listeners; u++) {
      ids.add("u" + u);
    }
    int hits = 0;
    List<List<ScoredListener>> got = m.nearest(ids, 5, id -> true);
    for (int u = 0; u < listeners; u++) {
      for (ScoredListener s : got.get(u)) {
        int v = Integer.parseInt(s.listenerId().substring(1));
        hits += TasteClusters.taste(u, 4) == TasteClusters.taste(v, 4) ? 1 : 0;
      }
    }
    return hits / (5.0 * listeners);
  }

  @Property(tries = 30)
  void theGenreShareWeighsTheGenreAndAudioCosines(@ForAll @IntRange(min = 0, max = 10_000) int seed,
      @ForAll @IntRange(min = 0, max = 10) int tenths) {
    double gamma = tenths / 10.0;
    SplittableRandom r = new SplittableRandom(seed);
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      double[] audio = new double[dev.recsys.core.model.AudioFeature.values().length];
      for (dev.recsys.core.model.AudioFeature f : dev.recsys.core.model.AudioFeature.values()) {
        double x = f.min() + r.nextDouble() * (f.max() - f.min());
        audio[f.ordinal()] = f.isCategorical() ? Math.rint(x) : x;
      }
      tracks.add(Track.builder("i" + i).genres(List.of("g" + r.nextInt(4)))
          .audio(dev.recsys.core.model.AudioFeatures.of(audio)).build());
    }
    Interactions data = TasteClusters.generate(12, 20, 2, 5, 0.5, seed);
    ListenerProfiles p = ListenerProfiles.of(data);
    ContentProfiles c = ContentProfiles.fit(p, Catalog.of(tracks));
    float[] a = c.encode(p, 0, gamma);
    float[] b = c.encode(p, 1, gamma);
    float[] a1 = c.encode(p, 0, 1.0);
    float[] b1 = c.encode(p, 1, 1.0);
    float[] a0 = c.encode(p, 0, 0.0);
    float[] b0 = c.encode(p, 1, 0.0);
    assertEquals(1.0, dot(a, a), 1e-5);
    assertEquals(gamma * dot(a1, b1) + (1 - gamma) * dot(a0, b0), dot(a, b), 1e-5);
    assertEquals(dot(c.encode(p, 0), c.encode(p, 1)), 0.5 * dot(a1, b1) + 0.5 * dot(a0, b0), 1e-5);
    assertThrows(IllegalArgumentException.class, () -> c.encode(p, 0, 1.5));
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (double) x[i] * y[i];
    }
    return s;
  }
}
