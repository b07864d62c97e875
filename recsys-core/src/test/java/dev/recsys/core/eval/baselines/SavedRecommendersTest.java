package dev.recsys.core.eval.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.EvalFixtures;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.ItemGenres;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every baseline saves its fitted state and loads back, through {@link Plugins#loadRecommender(Path)}, into a model
 * that gives exactly the same lists, scores and explanations; format version 1 files (golden files under
 * {@code src/test/resources/golden/recommenders}, with the lists they gave when written) still load and answer the
 * same; newer versions, unknown providers and corrupted files are refused naming the file. Run with
 * {@code -Drecsys.golden.regenerate=DIR} to write the golden files of the current versions into {@code DIR}.
 */
class SavedRecommendersTest {
  @TempDir
  Path dir;

  /** The models under test, fitted on {@code data} with small, fast settings. */
  static Map<String, Recommender> fitted(Interactions data) {
    Map<String, Recommender> m = new LinkedHashMap<>();
    m.put("popularity", PopularityRecommender.fit(data));
    m.put("random", RandomRecommender.fit(data, 9));
    m.put("itemknn", ItemKnnRecommender.fit(data, new ItemKnnRecommender.Config(10)));
    m.put("userknn", UserKnnRecommender.fit(data, new UserKnnRecommender.Config(8)));
    m.put("ease", EaseRecommender.fit(data, new EaseRecommender.Config(20, 30)));
    m.put("ials", IalsRecommender.fit(data, IalsRecommender.Config.builder().factors(6).epochs(3).seed(3).build()));
    m.put("bpr", BprRecommender.fit(data, BprRecommender.Config.builder().factors(6).epochs(3).seed(3).build()));
    m.put("content", ContentRecommender.fit(data, vectors(data)));
    return m;
  }

  /** A 3-dimensional vector per item from its index (items past the 30th have none). */
  static Map<String, float[]> vectors(Interactions data) {
    Map<String, float[]> v = new HashMap<>();
    for (int i = 0; i < Math.min(30, data.items().size()); i++) {
      v.put(data.items().id(i), new float[] {i % 3, (i * 7) % 5 - 2, 1 + i % 4});
    }
    return v;
  }

  static Catalog catalog(Interactions data) {
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < data.items().size(); i++) {
      tracks.add(Track.builder(data.items().id(i)).genres(List.of("g" + i % 3)).build());
    }
    return Catalog.of(tracks);
  }

  /** Known listeners, a known listener with seeds and exclusions, seeds alone, an unknown listener, a genre. */
  static Map<String, RecommendationQuery> queries(Interactions data) {
    Map<String, RecommendationQuery> q = new LinkedHashMap<>();
    for (int u = 0; u < data.users().size(); u += Math.max(1, data.users().size() / 5)) {
      q.put("listener-" + data.users().id(u), RecommendationQuery.forListener(data.users().id(u), 10));
    }
    List<String> items = data.items().ids();
    int n = items.size();
    q.put("seeds-and-exclusions", new RecommendationQuery(Optional.of(data.users().id(0)),
        List.of(items.get(1 % n), items.get(n - 1)), 8, Set.copyOf(List.of(items.get(2 % n), items.get(3 % n))), true, Set.of()));
    q.put("seeds-only", RecommendationQuery.forSeeds(List.of(items.get(0), items.get(4 % n), items.get(5 % n)), 10));
    q.put("unknown-listener", RecommendationQuery.forListener("nobody", 5));
    q.put("seen-kept", new RecommendationQuery(Optional.of(data.users().id(1)), List.of(), 6, Set.of(), false,
        Set.of()));
    return q;
  }

  static RecommendationQuery genreQuery(Interactions data) {
    return new RecommendationQuery(Optional.of(data.users().id(2)), List.of(), 7, Set.of(), true, Set.of("g1"));
  }

  private static void assertSameAnswers(Recommender expected, Recommender actual, Map<String, RecommendationQuery> qs) {
    for (Map.Entry<String, RecommendationQuery> e : qs.entrySet()) {
      assertEquals(expected.recommend(e.getValue()), actual.recommend(e.getValue()), expected.name() + ", " + e.getKey());
    }
  }

  private Recommender roundTrip(Recommender r, String file) throws IOException {
    Path f = dir.resolve(file);
    Plugins.saveable(r).save(f);
    return Plugins.loadRecommender(f);
  }

  @Test
  void everyBaselineLoadsBackIntoTheSameModel() throws IOException {
    Interactions data = EvalFixtures.clustered(40, 36, 3, 9, 17);
    for (Map.Entry<String, Recommender> e : fitted(data).entrySet()) {
      Recommender loaded = roundTrip(e.getValue(), e.getKey() + ".rsm");
      assertEquals(e.getValue().getClass(), loaded.getClass());
      assertEquals(e.getKey(), loaded.name());
      assertSameAnswers(e.getValue(), loaded, queries(data));
      // saving the loaded model writes the same container: configuration, provenance and payload
      assertEquals(((SaveableModel) e.getValue()).toContainer(), ((SaveableModel) loaded).toContainer(), e.getKey());
    }
  }

  @Property(tries = 12)
  void roundTripsGiveTheSameListsOnAnyData(@ForAll @IntRange(min = 2, max = 30) int users,
      @ForAll @IntRange(min = 2, max = 40) int items, @ForAll @IntRange(min = 1, max = 8) int perUser,
      @ForAll @IntRange(min = 0, max = 1000) int seed) throws IOException {
    Interactions data = EvalFixtures.clustered(users, items, 1, Math.min(perUser, items), seed);
    Path tmp = Files.createTempDirectory("saved-recommenders");
    try {
      for (Map.Entry<String, Recommender> e : fitted(data).entrySet()) {
        Path f = tmp.resolve(e.getKey() + ".rsm");
        Plugins.saveable(e.getValue()).save(f);
        assertSameAnswers(e.getValue(), Plugins.loadRecommender(f), queries(data));
      }
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(tmp);
    }
  }

  @Test
  void pluginTrainersFittedWithACatalogueSaveTheirGenreFilters() throws IOException {
    Interactions data = EvalFixtures.clustered(40, 36, 3, 9, 17);
    Catalog catalog = catalog(data);
    for (String name : List.of("popularity", "itemknn", "ease", "ials")) {
      RecommenderTrainer trainer = dev.recsys.core.plugin.PluginKind.RECOMMENDER.open(name, null);
      Recommender r = trainer.fit(data, catalog);
      Recommender loaded = roundTrip(r, name + "-genres.rsm");
      Map<String, RecommendationQuery> qs = new LinkedHashMap<>(queries(data));
      qs.put("genre", genreQuery(data));
      assertSameAnswers(r, loaded, qs);
      List<Recommendation> rock = loaded.recommend(genreQuery(data));
      assertEquals(7, rock.size());
      for (Recommendation x : rock) {
        assertTrue(ItemGenres.of(catalog).matches(x.itemId(), Set.of("g1")), x.itemId());
      }
      assertEquals(ItemGenres.FILTERING_PROVIDER, ModelContainer.readFrom(dir.resolve(name + "-genres.rsm")).provider());
    }
  }

  @Test
  void aNewerPayloadVersionIsRefusedNamingTheFileAndBothVersions() throws IOException {
    Interactions data = EvalFixtures.clustered(20, 20, 2, 5, 3);
    ModelContainer c = ((SaveableModel) EaseRecommender.fit(data, new EaseRecommender.Config(20, 30))).toContainer();
    Path f = dir.resolve("newer.rsm");
    new ModelContainer(c.provider(), EaseRecommender.FORMAT_VERSION + 1, c.configJson(), c.provenance(), c.payload())
        .writeTo(f);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Plugins.loadRecommender(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("version " + (EaseRecommender.FORMAT_VERSION + 1)), e.getMessage());
    assertTrue(e.getMessage().contains("(" + EaseRecommender.FORMAT_VERSION + ")"), e.getMessage());
  }

  @Test
  void anUnknownProviderIsRefusedListingTheKnownOnes() throws IOException {
    Interactions data = EvalFixtures.clustered(20, 20, 2, 5, 3);
    ModelContainer c = ((SaveableModel) PopularityRecommender.fit(data)).toContainer();
    Path f = dir.resolve("unknown.rsm");
    new ModelContainer("no-such-model", 1, c.configJson(), c.provenance(), c.payload()).writeTo(f);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Plugins.loadRecommender(f));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'no-such-model'")
        && e.getMessage().contains("ease"), e.getMessage());
  }

  @Test
  void aCorruptedFileIsRefusedNamingTheFile() throws IOException {
    Interactions data = EvalFixtures.clustered(20, 20, 2, 5, 3);
    Path f = dir.resolve("itemknn.rsm");
    Plugins.saveable(ItemKnnRecommender.fit(data, ItemKnnRecommender.Config.defaults())).save(f);
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(f, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Plugins.loadRecommender(f));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void aDamagedPayloadWithAValidChecksumIsRefusedNamingTheFile() throws IOException {
    Interactions data = EvalFixtures.clustered(20, 20, 2, 5, 3);
    ModelContainer c = ((SaveableModel) EaseRecommender.fit(data, new EaseRecommender.Config(20, 30))).toContainer();
    byte[] payload = c.payload().clone();
    // the first listener id's length: a count past the end of the payload
    ByteBuffer.wrap(payload).putInt(4, Integer.MAX_VALUE / 2);
    Path f = dir.resolve("damaged.rsm");
    new ModelContainer(c.provider(), c.payloadVersion(), c.configJson(), c.provenance(), payload).writeTo(f);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Plugins.loadRecommender(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    // a truncated file fails before the payload is read
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertThrows(ModelFormatException.class, () -> Plugins.loadRecommender(f));
  }

  @Test
  void anUnsaveableRecommenderIsNamed() {
    Recommender plain = new Recommender() {
      @Override
      public String name() {
        return "plain";
      }

      @Override
      public List<Recommendation> recommend(RecommendationQuery query) {
        return List.of();
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.saveable(plain));
    assertTrue(e.getMessage().contains("'plain'"), e.getMessage());
  }

  // ---- golden files of format version 1 ----

  /** The data the golden models were fitted on. */
  static Interactions goldenData() {
    return EvalFixtures.clustered(24, 20, 2, 6, 23);
  }

  /** The golden models: every baseline, and item-kNN with genre filters (the genre-filter container). */
  static Map<String, Recommender> goldenModels() {
    Interactions data = goldenData();
    Map<String, Recommender> m = new LinkedHashMap<>(fitted(data));
    m.put("genre-filter-itemknn", ItemGenres.of(catalog(data)).filtering(m.get("itemknn")));
    return m;
  }

  static Map<String, RecommendationQuery> goldenQueries() {
    Map<String, RecommendationQuery> q = new LinkedHashMap<>(queries(goldenData()));
    q.put("genre", genreQuery(goldenData()));
    return q;
  }

  /** One line per query: its name, then {@code item score} pairs, tab-separated. */
  static List<String> answers(Recommender r, Map<String, RecommendationQuery> qs) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, RecommendationQuery> e : qs.entrySet()) {
      if (e.getKey().equals("genre") && r instanceof MatrixRecommender) {
        continue; // interaction-only baselines answer genre queries only with a catalogue's genres around them
      }
      StringBuilder b = new StringBuilder(e.getKey());
      for (Recommendation x : r.recommend(e.getValue())) {
        b.append('\t').append(x.itemId()).append(' ').append(x.score());
      }
      lines.add(b.toString());
    }
    return lines;
  }

  private Path golden(String name) throws IOException {
    String regenerate = System.getProperty("recsys.golden.regenerate");
    if (regenerate != null) {
      Path out = Path.of(regenerate).resolve("recommenders");
      Files.createDirectories(out);
      for (Map.Entry<String, Recommender> e : goldenModels().entrySet()) {
        Plugins.saveable(e.getValue()).save(out.resolve(e.getKey() + "-v1.rsm"));
        Files.write(out.resolve(e.getKey() + "-v1.expected"), answers(e.getValue(), goldenQueries()));
      }
    }
    Path copy = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/golden/recommenders/" + name)) {
      assertTrue(in != null, "golden file /golden/recommenders/" + name + " is missing from the test resources");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  @Test
  void version1GoldenFilesLoadAndGiveTheListsTheyGaveWhenWritten() throws IOException {
    for (String name : goldenModels().keySet()) {
      Recommender loaded = Plugins.loadRecommender(golden(name + "-v1.rsm"));
      List<String> expected = Files.readAllLines(golden(name + "-v1.expected"));
      assertEquals(expected, answers(loaded, goldenQueries()), name);
      ModelContainer c = ModelContainer.readFrom(golden(name + "-v1.rsm"));
      assertEquals(1, c.payloadVersion(), name);
    }
  }

  @Test
  void version1GoldenFilesHoldTheModelsTheseSettingsFit() throws IOException {
    // the fit itself is unchanged: today's models answer as the saved ones (a change to a fit that moves these
    // lists is a behaviour change that the changelog names, with regenerated expectations)
    Map<String, Recommender> today = goldenModels();
    for (String name : List.of("popularity", "random", "itemknn", "userknn", "ease", "content")) {
      Recommender loaded = Plugins.loadRecommender(golden(name + "-v1.rsm"));
      assertEquals(answers(today.get(name), goldenQueries()), answers(loaded, goldenQueries()), name);
    }
  }
}
