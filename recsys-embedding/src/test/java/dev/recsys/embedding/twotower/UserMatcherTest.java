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
  static TwoTowerMatcherTrainer trainer;

  @BeforeAll
  static void train() {
    world = new TasteWorld(40, 100, 30, 0, 11);
    trainer = new TwoTowerMatcherTrainer(config(), ExactTestIndex::new);
    matcher = trainer.fit(world.all, world.catalog, TrainingListener.NONE);
  }

  static MatcherConfig config() {
    return MatcherConfig.builder()
        .model(TwoTowerConfig.builder().outputDimension(16).hiddenLayers(32).logQCorrection(false).seed(2).build())
        .training(TrainingConfig.builder().epochs(6).batchSize(64).seed(2).optimizer(OptimizerConfig.adam(5e-3))
            .earlyStopping(EarlyStopping.none()).build())
        .bagDimension(8).viewsPerListener(2).minTracks(4).build();
  }

  @Test
  void theTrainerIsReusableAndARepeatedFitMatchesTheSame() throws Exception {
    long before = trainer.invocations();
    try (TwoTowerUserMatcher again = trainer.fit(world.all, world.catalog, TrainingListener.NONE)) {
      assertEquals(before + 1, trainer.invocations());
      for (String u : List.of("u0", "u5", "u17")) {
        assertEquals(matcher.similarListeners(u, 5), again.similarListeners(u, 5), u);
      }
      assertEquals(matcher.provenance().dataFingerprint(), again.provenance().dataFingerprint());
    }
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

  /**
   * A two-tower listener matcher saved in format version 2 (the current one, job {@code match}) loads and matches as
   * recorded: each listener's top three with the bits of their scores. Regenerate with
   * {@code -Drecsys.golden.write=true} only on a deliberate format change.
   */
  @Test
  void goldenMatcherLoadsAndMatchesAsRecorded() throws Exception {
    Path file = Path.of("src/test/resources/golden/two-tower-matcher-v2.rsm");
    Path expected = Path.of("src/test/resources/golden/two-tower-matcher-v2.expected");
    if (Boolean.getBoolean("recsys.golden.write")) {
      matcher.save(file);
      java.nio.file.Files.writeString(expected, answers(matcher));
    }
    assertEquals(2, dev.recsys.core.io.ModelContainer.readFrom(file).payloadVersion());
    try (TwoTowerUserMatcher loaded = TwoTowerUserMatcher.load(file, ExactTestIndex::new)) {
      assertEquals(java.nio.file.Files.readString(expected), answers(loaded));
    }
  }

  private static String answers(TwoTowerUserMatcher m) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    for (String u : m.listenerIds()) {
      sb.append(u).append(':');
      for (ListenerMatch x : m.similarListeners(u, 3)) {
        sb.append(' ').append(x.listenerId()).append('=').append(Double.doubleToLongBits(x.score()));
      }
      sb.append('\n');
    }
    return sb.toString();
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
