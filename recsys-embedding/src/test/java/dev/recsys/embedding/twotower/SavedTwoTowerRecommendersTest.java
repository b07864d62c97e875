package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code two-tower} and {@code two-tower-history} plugins' fitted models (genre filters included) save through
 * {@link Plugins#saveable} and load back through {@link Plugins#loadRecommender(Path)} into models that give exactly
 * the same lists, scores and explanations.
 */
class SavedTwoTowerRecommendersTest {
  private static final TasteWorld WORLD = new TasteWorld(12, 30, 15, 3, 5);

  @TempDir
  Path dir;

  private static List<RecommendationQuery> queries() {
    List<RecommendationQuery> q = new ArrayList<>();
    for (int u = 0; u < 30; u += 4) {
      q.add(RecommendationQuery.forListener("u" + u, 10));
    }
    q.add(RecommendationQuery.forSeeds(List.of("t1-0", "t1-3"), 10));
    q.add(RecommendationQuery.forListener("stranger", 5));
    q.add(new RecommendationQuery(Optional.of("u1"), List.of("t4-2"), 7, Set.of("t0-0"), false, Set.of()));
    q.add(new RecommendationQuery(Optional.of("u2"), List.of(), 6, Set.of(), true, Set.of("genre3")));
    return q;
  }

  private void assertRoundTrip(String plugin, Object config) throws IOException {
    Recommender fitted = PluginKind.RECOMMENDER.open(plugin, config).fit(WORLD.train, WORLD.catalog);
    Path file = dir.resolve(plugin + ".rsm");
    Plugins.saveable(fitted).save(file);
    Recommender loaded = Plugins.loadRecommender(file);
    try {
      assertEquals(plugin, loaded.name());
      for (RecommendationQuery q : queries()) {
        List<Recommendation> expected = fitted.recommend(q);
        assertEquals(expected, loaded.recommend(q), plugin + ": " + q);
        if (!q.genres().isEmpty()) {
          assertEquals(q.k(), expected.size(), "genre query answered in full");
        }
      }
      assertEquals(Plugins.saveable(fitted).toContainer(), Plugins.saveable(loaded).toContainer(), plugin);
    } finally {
      for (Recommender r : List.of(fitted, loaded)) {
        if (r instanceof Closeable c) {
          c.close();
        }
      }
    }
  }

  @Test
  void theHybridTwoTowerLoadsBackIntoTheSameModel() throws IOException {
    assertRoundTrip(TwoTowerRecommenderPlugin.NAME, HybridRecommenderTest.config(3));
  }

  @Test
  void theHistoryTwoTowerLoadsBackIntoTheSameModel() throws IOException {
    HistoryTwoTowerConfig d = HistoryTwoTowerConfig.defaults();
    HistoryTwoTowerConfig small = new HistoryTwoTowerConfig(8, 10, 3, 2, d.targetFraction(), 16, 0.01,
        d.weightDecay(), d.historyDropout(), true, true, d.fullSoftmaxLimit(), d.sampledNegatives(), 0.5,
        d.outputInitScale(), false, true, 1, 50, 10, 0.5, 0.2, 2, 1, 5);
    assertRoundTrip(HistoryTwoTowerRecommender.NAME, small);
  }

  @Test
  void aListenerMatcherFileIsNotReadAsARecommender() throws IOException {
    // the matcher shares the two-tower provider name; the job at the start of the payload tells them apart
    byte[] matcherPayload = dev.recsys.core.io.Payload.writer().putString("match").toByteArray();
    Path file = dir.resolve("matcher.rsm");
    new ModelContainer(TwoTowerRecommender.PROVIDER, 1, "{}", dev.recsys.core.io.Provenance.now(1, "test"),
        matcherPayload).writeTo(file);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Plugins.loadRecommender(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'match'"), e.getMessage());
  }
}
