package dev.recsys.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Saved version-1 files must stay readable by every later version, directly and through the sampler plugins that
 * read them ({@code Plugins.load}).
 */
class GoldenFilesTest {
  static Path golden(String name) throws Exception {
    return Path.of(GoldenFilesTest.class.getResource("/golden/" + name).toURI());
  }

  @Test
  void similarityGraphVersion1() throws Exception {
    SimilarityGraph g = SimilarityGraph.load(golden("similarity-graph-v1.rsm"));
    assertEquals(List.of("a", "b", "c"), g.ids());
    assertArrayEquals(new int[] {0, 2, 3, 4}, g.offsets());
    assertArrayEquals(new int[] {1, 2, 0, 1}, g.neighbours());
    assertEquals(0.7f, g.weight(2, 0));
    assertEquals(2, g.config().k());
    SimilarityGraph viaPlugin = (SimilarityGraph) Plugins.load(golden("similarity-graph-v1.rsm"), SaveableModel.class);
    assertArrayEquals(g.neighbours(), viaPlugin.neighbours());
    assertArrayEquals(g.weights(), viaPlugin.weights());
    assertEquals(g.provenance(), viaPlugin.provenance());
  }

  @Test
  void choiceModelVersion1() throws Exception {
    ChoiceModel m = ChoiceModel.load(golden("choice-model-v1.rsm"));
    assertEquals(List.of("similarity", "recency"), m.featureNames());
    assertArrayEquals(new double[] {3.0, -2.5}, m.weights());
    assertEquals(1 - (-100.5 / -120.25), m.mcFaddenR2(), 1e-12);
    assertEquals(50, m.choices());
    assertEquals(m, Plugins.load(golden("choice-model-v1.rsm"), ChoiceModel.class));
  }
}
