package dev.recsys.graph.gat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content GAT files of format versions 2, 3, 4 and 5 (golden files under {@code src/test/resources/golden}, written from
 * a 40-track synthetic world) must stay readable with the same content, and a file of a newer format version must
 * be refused naming the version. A new format version adds a golden file beside these; these stay. Run with
 * {@code -Drecsys.golden.regenerate=DIR} to write the files into {@code DIR} (the expected values below then change
 * with them).
 */
class GatV2GoldenTest {
  @TempDir
  Path dir;

  private Path golden(String name) throws IOException {
    String regenerate = System.getProperty("recsys.golden.regenerate");
    if (regenerate != null) {
      SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().seed(3).tracks(40).listeners(6).genres(3)
          .threads(1).build());
      GatV2Model m = new GatV2Trainer(GatV2Config.defaults().withDim(4).withFanout(List.of(2)).withEpochs(1)
          .withBlend(0.2).withEnsemble(name.contains("-v5") ? 2 : 1)).fit(w.catalog(), w.interactions(),
          TrainingListener.NONE);
      Path out = Path.of(regenerate).resolve(name);
      m.save(out, Integer.parseInt(name.substring(name.lastIndexOf("-v") + 2, name.lastIndexOf('.'))));
      return out;
    }
    Path copy = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
      assertTrue(in != null, "golden file /golden/" + name + " is missing from the test resources");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  /** Seeds of the recorded query: the tracks of index 3 and 7. */
  private static List<String> seeds(GatV2Model m) {
    return List.of(m.graph().tracks().id(3), m.graph().tracks().id(7));
  }

  private static String describe(GatV2Model m) {
    List<Recommendation> recs = m.recommender("gat").recommend(RecommendationQuery.forSeeds(seeds(m), 3));
    return m.graph().tracks().size() + " tracks, " + m.graph().listeners().size() + " listeners, dim "
        + m.config().dim() + ", fanout " + m.config().fanout() + ", blend " + String.format(java.util.Locale.ROOT, "%.3f", m.blend()) + ", top 3 "
        + recs.stream().map(Recommendation::itemId).toList();
  }

  @Test
  void version2ReadsTheSameModelWithoutBlend() throws IOException {
    Path file = golden("gat2-v2.rsm");
    assertEquals(2, ModelContainer.readFrom(file).payloadVersion());
    GatV2Model m = GatV2Model.load(file);
    assertEquals(EXPECTED_V2, describe(m));
  }

  @Test
  void version3ReadsTheSameModelWithItsBlend() throws IOException {
    Path file = golden("gat2-v3.rsm");
    assertEquals(3, ModelContainer.readFrom(file).payloadVersion());
    GatV2Model m = GatV2Model.load(file);
    assertEquals(EXPECTED_V3, describe(m));
    Path again = dir.resolve("again.rsm");
    m.save(again);
    assertEquals(describe(m), describe(GatV2Model.load(again)));
  }

  @Test
  void version4ReadsTheSameModelWithItsListenersSeenTracks() throws IOException {
    Path file = golden("gat2-v4.rsm");
    assertEquals(4, ModelContainer.readFrom(file).payloadVersion());
    GatV2Model m = GatV2Model.load(file);
    assertEquals(EXPECTED_V4, describe(m));
    assertEquals(EXPECTED_V4_UNSEEN, unseen(m));
    Path again = dir.resolve("again.rsm");
    m.save(again);
    assertEquals(unseen(m), unseen(GatV2Model.load(again)));
  }

  @Test
  void version5ReadsTheSameEnsemble() throws IOException {
    Path file = golden("gat2-v5.rsm");
    assertEquals(5, ModelContainer.readFrom(file).payloadVersion());
    GatV2Model m = GatV2Model.load(file);
    assertEquals(2, m.config().ensemble());
    assertEquals(EXPECTED_V5, describe(m));
    Path again = dir.resolve("again.rsm");
    m.save(again);
    assertEquals(describe(m), describe(GatV2Model.load(again)));
  }

  @Test
  void aSeenTrackOutOfRangeIsRefusedNamingTheFile() throws IOException {
    ModelContainer c = ModelContainer.readFrom(golden("gat2-v4.rsm"));
    byte[] payload = c.payload().clone();
    // the payload ends with the last listener's seen tracks: make its last track index out of range
    java.nio.ByteBuffer.wrap(payload).putInt(payload.length - 4, Integer.MAX_VALUE);
    Path bad = dir.resolve("bad-seen.rsm");
    new ModelContainer(c.provider(), c.payloadVersion(), c.configJson(), c.provenance(), payload).writeTo(bad);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GatV2Model.load(bad));
    assertTrue(e.getMessage().contains("bad-seen.rsm") && e.getMessage().contains("seen track"), e.getMessage());
  }

  @Test
  void version3LoadsWithThePlayedAndLatestTracksAsSeen() throws IOException {
    GatV2Model m = GatV2Model.load(golden("gat2-v3.rsm"));
    assertEquals(EXPECTED_V3_UNSEEN, unseen(m));
  }

  /** How many tracks each listener can still be recommended with {@code excludeSeen}. */
  private static List<Integer> unseen(GatV2Model m) {
    int nt = m.graph().tracks().size();
    return m.graph().listeners().ids().stream().map(l -> m.recommender("gat").recommend(new RecommendationQuery(
        java.util.Optional.of(l), List.of(), nt, java.util.Set.of(), true, java.util.Set.of())).size()).toList();
  }

  @Test
  void newerPayloadVersionsAreRefusedNamingTheVersion() throws IOException {
    ModelContainer c = ModelContainer.readFrom(golden("gat2-v5.rsm"));
    Path newer = dir.resolve("newer.rsm");
    int version = GatV2Model.FORMAT_VERSION + 1;
    new ModelContainer(c.provider(), version, c.configJson(), c.provenance(), c.payload()).writeTo(newer);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GatV2Model.load(newer));
    assertTrue(e.getMessage().contains("format version " + version) && e.getMessage().contains("newer"),
        e.getMessage());
  }

  private static final String EXPECTED_V2 = "40 tracks, 6 listeners, dim 4, fanout [2], blend 0.000, top 3 "
      + "[A2UMyNoVJ7n6Up1cN25l0c, LSlIxcWAKqy0d0Kca9QWHA, Du0Jnva6TltCwCUmwoQ9mY]";
  private static final String EXPECTED_V4 = "40 tracks, 6 listeners, dim 4, fanout [2], blend 0.200, top 3 "
      + "[A2UMyNoVJ7n6Up1cN25l0c, LSlIxcWAKqy0d0Kca9QWHA, Du0Jnva6TltCwCUmwoQ9mY]";
  private static final String EXPECTED_V5 = "40 tracks, 6 listeners, dim 4, fanout [2], blend 0.200, top 3 "
      + "[LSlIxcWAKqy0d0Kca9QWHA, 1tMQuzQNrhnEMHNtZRxbG2, EDCBumfqVYfAG3Ak8dFWAY]";
  private static final List<Integer> EXPECTED_V4_UNSEEN = List.of(9, 32, 17, 10, 9, 16);
  private static final List<Integer> EXPECTED_V3_UNSEEN = List.of(18, 36, 18, 20, 10, 18);
  private static final String EXPECTED_V3 = "40 tracks, 6 listeners, dim 4, fanout [2], blend 0.200, top 3 "
      + "[A2UMyNoVJ7n6Up1cN25l0c, LSlIxcWAKqy0d0Kca9QWHA, Du0Jnva6TltCwCUmwoQ9mY]";
}
