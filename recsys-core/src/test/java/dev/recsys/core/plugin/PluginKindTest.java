package dev.recsys.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.retrieval.ExactIndexConfig;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginKindTest {
  @Test
  void opensByNameWithTypedResultAndNoCasts() throws Exception {
    try (VectorIndex index = PluginKind.VECTOR_INDEX.open("exact", ExactIndexConfig.inMemory(2, Similarity.COSINE))) {
      index.upsert("a", new float[] {1, 0}, Metadata.EMPTY);
      index.upsert("b", new float[] {0, 1}, Metadata.EMPTY);
      index.commit();
      assertEquals("a", index.search(new float[] {1, 0.1f}, 1, SearchFilter.NONE).get(0).key());
    }
    RecommenderTrainer popularity = PluginKind.RECOMMENDER.open("popularity", null);
    assertEquals("popularity", popularity.name());
  }

  @Test
  void configurationOfAnotherTypeIsRefusedNamingPluginAndTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginKind.VECTOR_INDEX.open("exact", "not a config"));
    assertTrue(e.getMessage().contains("'exact'") && e.getMessage().contains(ExactIndexConfig.class.getName())
        && e.getMessage().contains("java.lang.String"), e.getMessage());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginKind.RECOMMENDER.open("no-such-model", null));
    assertTrue(e.getMessage().contains("popularity"), e.getMessage());
  }

  @Test
  void pipelineSectionsOpenThroughTheirKind() throws Exception {
    PipelineConfig config = ConfigLoader.standard().parse("""
        {"index": {"type": "exact", "params": {"dimension": 3, "similarity": "DOT_PRODUCT"}},
         "recommender": {"type": "popularity"}}
        """, "test.json", false);
    try (VectorIndex index = config.open("index", PluginKind.VECTOR_INDEX).orElseThrow()) {
      assertEquals(3, index.dimension());
    }
    assertInstanceOf(RecommenderTrainer.class, config.open("recommender", PluginKind.RECOMMENDER).orElseThrow());
    assertTrue(config.open("store", PluginKind.EMBEDDING_STORE).isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> config.open("index", PluginKind.RECOMMENDER));
    assertTrue(e.getMessage().contains("not a recommender"), e.getMessage());
  }

  @Test
  void kindsCoverEverySectionOnceAndMatchTheListing() {
    Set<String> sections = new HashSet<>();
    for (PluginKind<?, ?> k : PluginKind.ALL) {
      assertTrue(sections.add(k.section()), "duplicate section " + k.section());
      assertTrue(Plugin.class.isAssignableFrom(k.type()));
    }
    assertEquals(List.copyOf(Plugins.KINDS), PluginKind.ALL.stream().map(PluginKind::type).toList());
    assertEquals(Set.of("seed", "data", "embedder", "index", "store", "recommender", "matcher", "sampler"),
        new HashSet<>(withSeed(ConfigLoader.standard().sections())));
  }

  private static List<String> withSeed(Set<String> sections) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(sections);
    out.add("seed");
    return out;
  }

  @Test
  void typeRefusesNonPluginInterfaces() {
    assertThrows(IllegalArgumentException.class, () -> PluginKind.type(String.class));
    assertEquals(VectorIndexPlugin.class, PluginKind.<VectorIndexPlugin<?>>type(VectorIndexPlugin.class));
  }
}
