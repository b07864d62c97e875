package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and loading the hybrid two-tower recommender: a golden file of format version 1
 * ({@code src/test/resources/golden/two-tower-v1.rsm}, written before listener attributes existed) still loads and
 * gives the recommendations recorded with it ({@code two-tower-v1.recs}); newer format versions are refused.
 * Regenerate the golden files with {@code -Drecsys.golden.write=true} only on a deliberate format change (a new
 * version adds files beside these).
 */
class TwoTowerPersistenceTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final TasteWorld WORLD = new TasteWorld(20, 30, 15, 3, 11);

  @TempDir
  Path dir;

  /** Every query of the check: each listener, seed tracks, an unknown listener, an exclusion. */
  static List<RecommendationQuery> queries() {
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
  static List<String> lines(TwoTowerRecommender m) {
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
  void goldenVersion1LoadsAndRecommendsAsRecorded() throws IOException {
    Path rsm = GOLDEN.resolve("two-tower-v1.rsm");
    Path recs = GOLDEN.resolve("two-tower-v1.recs");
    if (Boolean.getBoolean("recsys.golden.write")) {
      TwoTowerRecommender m = new HybridRecommenderTrainer(HybridRecommenderTest.config(3), ExactTestIndex::new)
          .fit(WORLD.train, WORLD.catalog, TrainingListener.NONE);
      m.save(rsm);
      Files.write(recs, lines(m), StandardCharsets.UTF_8);
    }
    assertEquals(1, ModelContainer.readFrom(rsm).payloadVersion());
    TwoTowerRecommender golden = TwoTowerRecommender.load(rsm, ExactTestIndex::new);
    assertEquals(Files.readAllLines(recs, StandardCharsets.UTF_8), lines(golden));
  }

  @Test
  void newerVersionsAreRefused() throws IOException {
    ModelContainer c = ModelContainer.readFrom(GOLDEN.resolve("two-tower-v1.rsm"));
    Path newer = dir.resolve("newer.rsm");
    new ModelContainer(c.provider(), 99, c.configJson(), c.provenance(), c.payload()).writeTo(newer);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> TwoTowerRecommender.load(newer, ExactTestIndex::new));
    assertTrue(e.getMessage().contains("format version 99") && e.getMessage().contains("newer"), e.getMessage());
  }
}
