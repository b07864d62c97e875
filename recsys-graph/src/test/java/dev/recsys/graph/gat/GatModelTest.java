package dev.recsys.graph.gat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatModelTest {
  private static GatModel model;

  static synchronized GatModel model() {
    if (model == null) {
      var w = GatFixtures.small();
      model = new GatTrainer(GatFixtures.quick(3)).fit(w.catalog(), w.interactions(), TrainingListener.NONE);
    }
    return model;
  }

  @Test
  void sameSeedSameModel() {
    var w = GatFixtures.small();
    GatModel one = new GatTrainer(GatFixtures.quick(1)).fit(w.catalog(), w.interactions(), TrainingListener.NONE);
    GatModel again = new GatTrainer(GatFixtures.quick(1)).fit(w.catalog(), w.interactions(), TrainingListener.NONE);
    assertArrayEquals(one.parameters(), again.parameters());
    GatModel other = new GatTrainer(GatFixtures.quick(1).withSeed(99)).fit(w.catalog(), w.interactions(),
        TrainingListener.NONE);
    assertFalse(java.util.Arrays.equals(one.parameters(), other.parameters()));
  }

  @Test
  void saveLoadRoundTrip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(GatModel.FILE_NAME);
    model().save(file);
    GatModel loaded = GatModel.load(file);
    assertArrayEquals(model().parameters(), loaded.parameters());
    List<String> seeds = List.of(model().graph().tracks().id(0), model().graph().tracks().id(1));
    RecommendationQuery q = RecommendationQuery.forSeeds(seeds, 10);
    assertEquals(model().playlistContinuation().recommend(q), loaded.playlistContinuation().recommend(q));
    assertEquals(model().nextTrack().recommend(q), loaded.nextTrack().recommend(q));
  }

  @Test
  void corruptedModelsGiveOnlyModelFormatExceptions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(GatModel.FILE_NAME);
    model().save(file);
    var result = dev.recsys.core.reliability.ContainerFuzzer.fuzz(file, dir.resolve("fuzz"), GatModel::load,
        dev.recsys.core.reliability.Stress.cases(90, 1800), 9);
    System.out.println("graph-attention container fuzzing: " + result);
  }

  @Test
  void newerPayloadVersionIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("newer.model");
    new ModelContainer(GatModel.PROVIDER, GatModel.FORMAT_VERSION + 1, "{}", Provenance.now(1, "x"), new byte[0])
        .writeTo(file);
    org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class, () -> GatModel.load(file));
    assertTrue(Files.exists(file));
  }

  @Test
  void explanationsCarryAttentionAndGenreInfluence() {
    List<String> seeds = List.of(model().graph().tracks().id(3), model().graph().tracks().id(4));
    List<Recommendation> recs = model().nextTrack().recommend(RecommendationQuery.forSeeds(seeds, 5));
    assertEquals(5, recs.size());
    for (Recommendation r : recs) {
      var e = r.explanation();
      assertEquals(1, e.factors("genre-influence").size());
      double gi = e.factors("genre-influence").get(0).value();
      assertTrue(gi >= 0 && gi <= 1, "genre influence " + gi);
      assertFalse(e.factors("genre").isEmpty(), "no genre attention for " + r.itemId());
      assertFalse(e.factors("artist").isEmpty(), "no artist attention for " + r.itemId());
      // seed contributions add up to the score
      double sum = e.factors("seed").stream().mapToDouble(f -> f.contribution()).sum();
      assertEquals(r.score(), sum, 1e-3 * Math.max(1, Math.abs(r.score())));
    }
  }

  @Test
  void attentionWeightsSumToOnePerHead() {
    for (int t = 0; t < 50; t++) {
      String id = model().graph().tracks().id(t);
      float[][][] a = model().attention(id);
      int[][] nb = model().attentionNeighbours(id);
      for (EdgeType type : EdgeType.values()) {
        for (float[] head : a[type.ordinal()]) {
          assertEquals(nb[type.ordinal()].length, head.length);
          if (head.length > 0) {
            double s = 0;
            for (float v : head) {
              assertTrue(v >= 0);
              s += v;
            }
            assertEquals(1.0, s, 1e-5);
          }
        }
      }
    }
  }

  @Test
  void trainedModelBeatsChanceOnHeldOutContinuations() {
    // the model's own validation: recall@20 of held-out last tracks must beat the chance rate 20/tracks by far
    var w = GatFixtures.small();
    GatModel m = model();
    int hits = 0;
    int tried = 0;
    HeteroGraph g = m.graph();
    for (int s = 0; s < g.sequenceCount() && tried < 200; s++) {
      int[] seq = g.sequence(s);
      if (seq.length < 4) {
        continue;
      }
      List<String> seeds = java.util.Arrays.stream(seq, 0, seq.length - 1).mapToObj(t -> g.tracks().id(t)).toList();
      String target = g.tracks().id(seq[seq.length - 1]);
      if (seeds.contains(target)) {
        continue;
      }
      tried++;
      if (m.nextTrack().recommend(RecommendationQuery.forSeeds(seeds, 20)).stream().anyMatch(r -> r.itemId().equals(target))) {
        hits++;
      }
    }
    double chance = 20.0 / w.catalog().size();
    assertTrue(tried > 50);
    assertTrue(hits / (double) tried > 3 * chance, "recall@20 " + hits / (double) tried + " vs chance " + chance);
  }
}
