package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Similar-listener matching on a generated world where each listener has one favourite genre. */
class UserMatcherTest {
  static TasteWorld world;
  static TwoTowerUserMatcher matcher;

  @BeforeAll
  static void train() {
    world = new TasteWorld(40, 100, 30, 0, 11);
    MatcherConfig c = MatcherConfig.builder()
        .model(TwoTowerConfig.builder().outputDimension(16).hiddenLayers(32).logQCorrection(false).seed(2).build())
        .training(TrainingConfig.builder().epochs(6).batchSize(64).seed(2).optimizer(OptimizerConfig.adam(5e-3))
            .earlyStopping(EarlyStopping.none()).build())
        .bagDimension(8).viewsPerListener(2).minTracks(4).build();
    matcher = new ListenerMatcherTrainer(c, ExactTestIndex::new).fit(world.all, world.catalog, TrainingListener.NONE);
  }

  @Test
  void matchesListenersOfTheSameTasteFarAboveChance() throws Exception {
    int same = 0;
    int total = 0;
    for (int u = 0; u < 100; u++) {
      List<ListenerMatch> m = matcher.similarListeners("u" + u, 10);
      assertEquals(10, m.size());
      for (ListenerMatch x : m) {
        assertFalse(x.listenerId().equals("u" + u));
        total++;
        if (world.favourite[Integer.parseInt(x.listenerId().substring(1))] == world.favourite[u]) {
          same++;
        }
      }
      for (int i = 1; i < m.size(); i++) {
        assertTrue(m.get(i - 1).score() >= m.get(i).score());
      }
    }
    double precision = same / (double) total;
    assertTrue(precision > 0.8, "precision@10 of same favourite genre " + precision + " (chance 0.2)");
  }

  @Test
  void explainsWhatTheyShare() throws Exception {
    ListenerMatch m = matcher.similarListeners("u0", 1).get(0);
    assertFalse(m.explanation().factors("shared-genre").isEmpty());
    assertEquals("genre0", m.explanation().factors("shared-genre").get(0).label());
    assertEquals(3, m.explanation().factors("top-track").size());
    assertTrue(m.explanation().summary().contains("genre overlap"), m.explanation().summary());
  }

  @Test
  void corruptedModelsGiveOnlyModelFormatExceptions(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("m.rsm");
    matcher.save(f);
    var result = dev.recsys.core.reliability.ContainerFuzzer.fuzz(f, tmp.resolve("fuzz"),
        file -> TwoTowerUserMatcher.load(file, ExactTestIndex::new), dev.recsys.core.reliability.Stress.cases(45, 900), 11);
    System.out.println("two-tower matcher container fuzzing: " + result);
  }

  @Test
  void addedListenerIsFoundAndMatchedToTheirTaste(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("m.rsm");
    matcher.save(f);
    TwoTowerUserMatcher copy = TwoTowerUserMatcher.load(f, ExactTestIndex::new);
    assertEquals(matcher.similarListeners("u5", 5), copy.similarListeners("u5", 5));
    List<String> plays = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      plays.add("t3-" + i);
    }
    copy.addListener("newcomer", plays);
    long genre3 = copy.similarListeners("newcomer", 10).stream()
        .filter(x -> world.favourite[Integer.parseInt(x.listenerId().substring(1))] == 3).count();
    assertTrue(genre3 >= 8, genre3 + " of 10 matches love genre 3");
    boolean found = copy.similarListeners("u3", 100).stream().anyMatch(x -> x.listenerId().equals("newcomer"));
    assertTrue(found, "the new listener is not found by others");
    assertThrows(NoSuchElementException.class, () -> copy.similarListeners("nobody", 3));
    assertThrows(IllegalArgumentException.class, () -> copy.addListener("x", List.of("no-such-track")));
  }
}
