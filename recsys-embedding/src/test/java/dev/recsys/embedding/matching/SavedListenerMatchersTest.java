package dev.recsys.embedding.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.matching.CosineMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ScoredListener;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.testframework.SaveableModelConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The saveable listener matchers meet the persistence contract ({@link SaveableModelConformance}): a fitted
 * {@code cosine-*} matcher, with a listener added after the fit, saves with {@code save(Path)} and loads back through
 * its plugin ({@code Plugins.load(file, ListenerMatcher.class)}) with the same listeners, matches, scores and
 * explanations. The version 1 golden file of {@code cosine-tfidf} loads and answers as recorded.
 */
class SavedListenerMatchersTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** 60 tracks in four genres, two artists per genre. */
  static Catalog catalog() {
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int c = i / 15;
      tracks.add(Track.builder("i" + i).title("Song " + i).artists(List.of(ArtistRef.named("Artist " + c + (i % 2))))
          .genres(List.of("genre" + c)).build());
    }
    return Catalog.of(tracks);
  }

  /** 40 listeners, each mostly in one genre, with seeded play counts. */
  static Interactions data() {
    SplittableRandom r = new SplittableRandom(17);
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < 40; u++) {
      int home = u % 4;
      for (int n = 0; n < 8; n++) {
        int genre = r.nextDouble() < 0.8 ? home : r.nextInt(4);
        b.add("u" + u, "i" + (genre * 15 + r.nextInt(15)), 1 + r.nextInt(5), n, false);
      }
    }
    return b.build();
  }

  static CosineMatcher fit(String plugin) {
    ListenerMatcher m = PluginKind.LISTENER_MATCHER.registry().get(plugin).create().fit(data(), catalog());
    m.addListener("added", Map.of("i3", 2.0, "i7", 1.0, "i40", 5.0, "new-item", 1.0));
    return (CosineMatcher) m;
  }

  /** Fails unless both matchers hold the same listeners and answer every one of them the same. */
  static void assertSameMatches(ListenerMatcher saved, ListenerMatcher back) {
    assertEquals(saved.name(), back.name());
    assertEquals(saved.listeners(), back.listeners());
    List<List<ScoredListener>> a = saved.nearest(saved.listeners(), 5, id -> true);
    List<List<ScoredListener>> b = back.nearest(back.listeners(), 5, id -> true);
    assertEquals(a, b);
    for (int q = 0; q < a.size(); q++) {
      String id = saved.listeners().get(q);
      for (ScoredListener s : a.get(q)) {
        assertEquals(saved.explain(id, s.listenerId()), back.explain(id, s.listenerId()));
      }
    }
  }

  abstract static class CosineSuite extends SaveableModelConformance<CosineMatcher> {
    abstract String plugin();

    @Override
    protected CosineMatcher model() {
      return fit(plugin());
    }

    @Override
    protected Class<? super CosineMatcher> type() {
      return ListenerMatcher.class;
    }

    @Override
    protected void assertSameAnswers(CosineMatcher saved, Object loaded) {
      assertSameMatches(saved, (ListenerMatcher) loaded);
    }
  }

  @Nested
  class Tfidf extends CosineSuite {
    @Override
    String plugin() {
      return "cosine-tfidf";
    }
  }

  @Nested
  class Bm25 extends CosineSuite {
    @Override
    String plugin() {
      return "cosine-bm25";
    }
  }

  /**
   * The learned matcher on the test data with one listener added after the fit: {@code selected} runs the
   * validation selection (artist-token bags, content and the item-overlap part among the candidates), otherwise
   * the fallback settings with content and item overlap switched on.
   */
  static CoListeningMatcher fitLearned(boolean selected) {
    CoListeningConfig.Builder b = CoListeningConfig.builder().seed(5).dimensions(List.of(8))
        .temperatures(List.of(0.1)).hardNegatives(List.of(0)).maxEpochs(2).fallbackEpochs(2).svdIterations(2)
        .hashBuckets(16).genreShares(List.of(0.5));
    CoListeningConfig config = selected
        ? b.minValidation(10).validationFraction(0.5).contentWeights(List.of(0.0, 0.3)).build()
        : b.contentWeights(List.of(0.3)).overlapWeights(List.of(0.5)).overlapWeightings(List.of(ItemWeighting.BM25))
            .build();
    CoListeningMatcher m = new CoListeningMatcherTrainer(config).fit(data(), catalog());
    m.addListener("added", Map.of("i3", 2.0, "i7", 1.0, "i40", 5.0, "new-item", 1.0));
    return m;
  }

  abstract static class LearnedSuite extends SaveableModelConformance<CoListeningMatcher> {
    abstract boolean selected();

    @Override
    protected CoListeningMatcher model() {
      return fitLearned(selected());
    }

    @Override
    protected Class<? super CoListeningMatcher> type() {
      return ListenerMatcher.class;
    }

    @Override
    protected void assertSameAnswers(CoListeningMatcher saved, Object loaded) {
      assertSameMatches(saved, (ListenerMatcher) loaded);
      CoListeningMatcher back = (CoListeningMatcher) loaded;
      assertEquals(saved.selection(), back.selection());
      assertEquals(saved.config(), back.config());
      assertEquals(saved.overlapWeight(), back.overlapWeight());
      assertEquals(saved.overlapWeighting(), back.overlapWeighting());
      // a listener added after loading is encoded as the saved matcher encodes it
      Map<String, Double> plays = Map.of("i1", 3.0, "i20", 1.0, "i41", 2.0, "other-new-item", 4.0);
      saved.addListener("later", plays);
      back.addListener("later", plays);
      assertArrayEquals(saved.vector("later"), back.vector("later"));
      assertEquals(saved.nearest(List.of("later"), 5, id -> true), back.nearest(List.of("later"), 5, id -> true));
    }
  }

  @Nested
  class Learned extends LearnedSuite {
    @Override
    boolean selected() {
      return false;
    }
  }

  @Nested
  class LearnedWithSelection extends LearnedSuite {
    @Override
    boolean selected() {
      return true;
    }
  }

  /** The fallback fit has content and item overlap, the selected one artist-token bags: both save paths run. */
  @Test
  void theLearnedSuitesCoverContentOverlapAndArtistTokens() {
    Selection fallback = fitLearned(false).selection();
    assertTrue(fallback.contentWeight() > 0 && fallback.overlapWeight() > 0, fallback.toString());
    Selection selected = fitLearned(true).selection();
    assertTrue(selected.validationListeners() > 0 && selected.artistTokens(), selected.toString());
  }

  /** Each listener's top three as {@code listener: match=scoreBits ...}, one line per listener. */
  static String answers(ListenerMatcher m) {
    StringBuilder sb = new StringBuilder();
    List<List<ScoredListener>> all = m.nearest(m.listeners(), 3, id -> true);
    for (int q = 0; q < all.size(); q++) {
      sb.append(m.listeners().get(q)).append(':');
      for (ScoredListener s : all.get(q)) {
        sb.append(' ').append(s.listenerId()).append('=').append(Double.doubleToLongBits(s.score()));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * A {@code cosine-tfidf} matcher saved in format version 1 loads through its plugin and answers as recorded.
   * Regenerate with {@code -Drecsys.golden.write=true} only on a deliberate format change.
   */
  @Test
  void cosineTfidfGoldenVersion1LoadsAndAnswersAsRecorded() throws IOException {
    Path file = GOLDEN.resolve("cosine-tfidf-v1.rsm");
    Path expected = GOLDEN.resolve("cosine-tfidf-v1.expected");
    if (Boolean.getBoolean("recsys.golden.write")) {
      CosineMatcher m = fit("cosine-tfidf");
      m.save(file);
      Files.writeString(expected, answers(m));
    }
    assertEquals(CosineMatcher.FORMAT_VERSION, ModelContainer.readFrom(file).payloadVersion());
    ListenerMatcher loaded = Plugins.load(file, ListenerMatcher.class);
    assertEquals("cosine-tfidf", loaded.name());
    assertEquals(Files.readString(expected), answers(loaded));
  }

  /**
   * A learned {@code matcher} saved in format version 1 (artist-token bags, content profile, a listener added after
   * the fit) loads through its plugin and answers as recorded. Regenerate with {@code -Drecsys.golden.write=true}
   * only on a deliberate format change.
   */
  @Test
  void learnedMatcherGoldenVersion1LoadsAndAnswersAsRecorded() throws IOException {
    Path file = GOLDEN.resolve("matcher-v1.rsm");
    Path expected = GOLDEN.resolve("matcher-v1.expected");
    if (Boolean.getBoolean("recsys.golden.write")) {
      CoListeningMatcher m = fitLearned(true);
      m.save(file);
      Files.writeString(expected, answers(m));
    }
    assertEquals(CoListeningMatcher.FORMAT_VERSION, ModelContainer.readFrom(file).payloadVersion());
    ListenerMatcher loaded = Plugins.load(file, ListenerMatcher.class);
    assertEquals("matcher", loaded.name());
    assertEquals(Files.readString(expected), answers(loaded));
  }
}
