package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.testframework.SaveableModelConformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Saving and loading the history two-tower: a loaded model recommends exactly what the saved one did (ids and
 * score bits), the golden file of every format version ({@code src/test/resources/golden/two-tower-history-vN.rsm})
 * still loads and gives the recommendations recorded with it ({@code two-tower-history-vN.recs}), and newer payload
 * versions, other providers and truncated payloads are refused with a message that says which. Regenerate the
 * golden files with {@code -Drecsys.golden.write=true} only on a deliberate format change (a new version adds files
 * beside these).
 */
class HistoryTwoTowerPersistenceTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final TasteWorld WORLD = new TasteWorld(20, 30, 15, 3, 11);

  @TempDir
  Path dir;

  /** The persistence contract, with both affinity terms and the item-item component on. */
  @Nested
  class Conformance extends SaveableModelConformance<HistoryTwoTowerRecommender> {
    @Override
    protected HistoryTwoTowerRecommender model() {
      return fitted();
    }

    @Override
    protected Class<? super HistoryTwoTowerRecommender> type() {
      return Recommender.class;
    }

    @Override
    protected void assertSameAnswers(HistoryTwoTowerRecommender saved, Object loaded) {
      HistoryTwoTowerRecommender back = (HistoryTwoTowerRecommender) loaded;
      assertEquals(lines(saved), lines(back));
      assertEquals(saved.genreAffinityWeight(), back.genreAffinityWeight());
      assertEquals(saved.popularityAffinityWeight(), back.popularityAffinityWeight());
      assertEquals(saved.blendWeight(), back.blendWeight());
    }
  }

  /**
   * Small settings with both affinity terms and the item-item component on, its blend weight chosen on
   * validation data, and an ensemble of two networks.
   */
  private static HistoryTwoTowerConfig config() {
    HistoryTwoTowerConfig d = HistoryTwoTowerConfig.defaults();
    return new HistoryTwoTowerConfig(8, 10, 3, 2, d.targetFraction(), 16, 0.01, d.weightDecay(), d.historyDropout(),
        true, true, d.fullSoftmaxLimit(), d.sampledNegatives(), 0.5, d.outputInitScale(), true, true, 1, 50, 10, 0.5, 0.2, 2,
        1, 5);
  }

  /**
   * The model of {@link #config()} with both affinity weights set above 0 (on this small world the fit's
   * one-standard-error rule keeps neither term), so that the files carry and use them.
   */
  private static HistoryTwoTowerRecommender fitted() {
    return HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog, config()).withAffinity(0.5f, 1f);
  }

  /** Every query of the check: each listener, seed tracks, an unknown listener, an exclusion. */
  private static List<RecommendationQuery> queries() {
    List<RecommendationQuery> q = new ArrayList<>();
    for (String u : WORLD.train.users().ids()) {
      q.add(RecommendationQuery.forListener(u, 10));
    }
    q.add(RecommendationQuery.forSeeds(List.of("t1-0", "t1-3"), 10));
    q.add(RecommendationQuery.forListener("stranger", 5));
    q.add(new RecommendationQuery(java.util.Optional.of("u1"), List.of("t4-2"), 7, java.util.Set.of("t0-0"), false,
        java.util.Set.of()));
    return q;
  }

  /** One line per query: {@code item:scoreBits} pairs. */
  private static List<String> lines(HistoryTwoTowerRecommender m) {
    List<String> out = new ArrayList<>();
    for (RecommendationQuery q : queries()) {
      StringBuilder sb = new StringBuilder();
      for (Recommendation r : m.recommend(q)) {
        sb.append(sb.isEmpty() ? "" : ",").append(r.itemId()).append(':')
            .append(Float.floatToIntBits((float) r.score()));
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void aLoadedModelRecommendsBitIdentically() throws IOException {
    HistoryTwoTowerRecommender m = fitted();
    Path file = dir.resolve("m.rsm");
    m.save(file);
    HistoryTwoTowerRecommender back = new HistoryTwoTowerPlugin().load(file);
    assertEquals(lines(m), lines(back));
    assertEquals(m.config(), back.config());
    assertEquals(m.blendWeight(), back.blendWeight());
    assertEquals(m.popularityAffinityWeight(), back.popularityAffinityWeight());
    assertEquals(m.genreAffinityWeight(), back.genreAffinityWeight());
    assertEquals(1f, back.genreAffinityWeight());
    assertEquals(m.provenance().seed(), back.provenance().seed());
    assertEquals(m.provenance().dataFingerprint(), back.provenance().dataFingerprint());
    for (String t : m.trackIds()) {
      assertTrue(Arrays.equals(m.trackEmbedding(t).orElseThrow(), back.trackEmbedding(t).orElseThrow()), t);
    }
    ModelContainer c = ModelContainer.readFrom(file);
    assertEquals(HistoryTwoTowerRecommender.PROVIDER, c.provider());
    assertEquals(HistoryTwoTowerRecommender.FORMAT_VERSION, c.payloadVersion());
    assertTrue(c.configJson().contains("\"itemItemItems\":50"), c.configJson());
    assertTrue(c.configJson().contains("\"popularityAffinity\":true"), c.configJson());
    assertTrue(c.configJson().contains("\"genreAffinity\":true"), c.configJson());
    assertEquals(m.dimension(), back.listenerEmbedding("u1").orElseThrow().length);
    assertArrayEquals(m.listenerEmbedding("u1").orElseThrow(), back.listenerEmbedding("u1").orElseThrow());
    assertEquals(5, c.provenance().seed());
    assertEquals(2, back.config().ensemble());
    assertEquals(2 * 8 + 1, back.dimension());
  }

  @Test
  void aModelWithoutTheItemItemComponentRoundTripsToo() throws IOException {
    HistoryTwoTowerRecommender m = HistoryTwoTowerRecommender.fit(WORLD.train, WORLD.catalog,
        config().withBlend(0, 0.5, 0));
    Path file = dir.resolve("plain.rsm");
    m.save(file);
    assertEquals(lines(m), lines(HistoryTwoTowerRecommender.load(file)));
  }

  /**
   * A golden file of every format version loads and recommends as recorded; {@code -Drecsys.golden.write=true}
   * writes the one of the current version.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void goldenFilesLoadAndRecommendAsRecorded(int version) throws IOException {
    Path rsm = GOLDEN.resolve("two-tower-history-v" + version + ".rsm");
    Path recs = GOLDEN.resolve("two-tower-history-v" + version + ".recs");
    if (Boolean.getBoolean("recsys.golden.write") && version == HistoryTwoTowerRecommender.FORMAT_VERSION) {
      HistoryTwoTowerRecommender m = fitted();
      m.save(rsm);
      Files.write(recs, lines(m), StandardCharsets.UTF_8);
    }
    HistoryTwoTowerRecommender golden = HistoryTwoTowerRecommender.load(rsm);
    assertEquals(version, ModelContainer.readFrom(rsm).payloadVersion());
    assertEquals(Files.readAllLines(recs, StandardCharsets.UTF_8), lines(golden));
    assertTrue(golden.blendWeight() >= 0 && golden.blendWeight() <= 1);
  }

  @Test
  void newerVersionsOtherProvidersAndTruncatedPayloadsAreRefused() throws IOException {
    ModelContainer c = ModelContainer.readFrom(GOLDEN.resolve("two-tower-history-v1.rsm"));
    Path newer = dir.resolve("newer.rsm");
    new ModelContainer(c.provider(), HistoryTwoTowerRecommender.FORMAT_VERSION + 1, c.configJson(), c.provenance(),
        c.payload()).writeTo(newer);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> HistoryTwoTowerRecommender.load(newer));
    assertTrue(e.getMessage().contains("format version " + (HistoryTwoTowerRecommender.FORMAT_VERSION + 1))
        && e.getMessage().contains("newer"), e.getMessage());

    Path other = dir.resolve("other.rsm");
    new ModelContainer("two-tower", c.payloadVersion(), c.configJson(), c.provenance(), c.payload()).writeTo(other);
    e = assertThrows(ModelFormatException.class, () -> HistoryTwoTowerRecommender.load(other));
    assertTrue(e.getMessage().contains("'two-tower'"), e.getMessage());

    Path cut = dir.resolve("cut.rsm");
    new ModelContainer(c.provider(), c.payloadVersion(), c.configJson(), c.provenance(),
        Arrays.copyOf(c.payload(), c.payload().length - 9)).writeTo(cut);
    e = assertThrows(ModelFormatException.class, () -> HistoryTwoTowerRecommender.load(cut));
    assertTrue(e.getMessage().contains("cut.rsm"), e.getMessage());
  }
}
