package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.PermutationImportance;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.spi.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Permutation importance of the two-tower input groups on a world whose listeners each favour one genre (85% of their
 * plays) and all have the same number of plays.
 */
class TwoTowerImportanceTest {
  static TwoTowerImportance target;

  @BeforeAll
  static void train() {
    TasteWorld world = new TasteWorld(40, 100, 30, 5, 7);
    Split validation = TemporalSplit.lastFraction(0.2, 3).split(world.train);
    TwoTowerRecommender rec = new HybridRecommenderTrainer(HybridRecommenderTest.config(1), ExactTestIndex::new)
        .fit(validation.train(), world.catalog, TrainingListener.NONE);
    target = TwoTowerImportance.of(rec, validation, 10);
  }

  @Test
  void everyInputGroupOfBothTowersIsNamed() {
    assertEquals(List.of("listener.id", "listener.recent", "listener.profile.genres", "listener.profile.audio",
        "listener.profile.activity", "track.id", "track.artist", "track.genres", "track.content"), target.groups());
    assertEquals(100, target.rows("listener.id"));
    assertEquals(100, target.listeners().size());
    assertTrue(target.rows("track.genres") > 100 && target.rows("track.genres") <= 200);
    assertEquals("ndcg@10", target.metric());
    assertThrows(IllegalArgumentException.class, () -> target.rows("listener.age"));
  }

  @Test
  void identityPermutationChangesNothing() {
    double[] intact = target.evaluate(null, null);
    for (String g : target.groups()) {
      int[] id = java.util.stream.IntStream.range(0, target.rows(g)).toArray();
      assertArrayEquals(intact, target.evaluate(g, id), g);
    }
  }

  @Test
  void aConstantInputHasNoImportanceAndTasteInputsHaveSome() {
    PermutationImportance.Result r = PermutationImportance.measure(target, target.metric(),
        new PermutationImportance.Config(3, 200, 0.95, 42));
    assertTrue(r.intact() > 0.1, r.table());
    // every listener has 20 training plays, so the activity input is the same for all of them
    assertEquals(0.0, r.get("listener.profile.activity").drop().mean(), 1e-12, r.table());
    double best = r.groups().stream().mapToDouble(g -> g.drop().lower()).max().orElseThrow();
    assertTrue(best > 0.02, r.table());
    assertEquals(r, PermutationImportance.measure(target, target.metric(),
        new PermutationImportance.Config(3, 200, 0.95, 42)), "same seed, same result");
  }
}
