package dev.recsys.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic listeners' demographics: drawn on a stream of their own, so every file a world wrote before they
 * existed is byte-for-byte what it was (the digests below were taken from the generator without demographics),
 * written as a {@code listeners:FILE} side file listed in the manifest, and tied to taste as documented.
 */
class ListenerDemographicsTest {
  /** SHA-256 of the files of {@code tracks(2000).listeners(120).seed(5)}, recorded before demographics existed. */
  private static final Map<String, String> BEFORE = Map.of(
      WorldExporter.TRACKS, "ced935d9ccb09a6b99b8ee121d26f15fc2fc4608757026bf5e50995f15ae5721",
      WorldExporter.EVENTS, "bbbdbdccb7befb1075aa717bfdd4115b1fa4e693871e29a83a21b410abe41303",
      WorldExporter.LISTENERS, "1da106d6ec563a4d5f5cfc219216f74bb7f4bf5e96f85aefdfc921635b861cb2",
      "mpd.slice.0-59.json", "e04a70a5c25d675dcd15edf9a19281a3edf072dc94861284505d57c9a0fac4da");

  @TempDir
  Path dir;

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyEarlierFileIsByteIdenticalOnAnyThreadCount() throws IOException {
    String attributes = null;
    for (int threads : new int[] {1, 3}) {
      SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(2_000).listeners(120).seed(5)
          .threads(threads).build());
      Path out = dir.resolve("t" + threads);
      WorldExporter.export(w, out);
      Map<String, String> now = new LinkedHashMap<>();
      for (String f : BEFORE.keySet()) {
        now.put(f, sha256(out.resolve(f)));
      }
      assertEquals(BEFORE, now, "threads " + threads);
      String a = sha256(out.resolve(WorldExporter.LISTENER_ATTRIBUTES));
      assertTrue(attributes == null || attributes.equals(a), "demographics depend on the thread count");
      attributes = a;
    }
  }

  @Test
  void theSideFileReadsBackAsTheWorldsAttributesAndIsInTheManifest() throws IOException {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(1_000).listeners(80).seed(9).build());
    WorldExporter.ExportReport report = WorldExporter.export(w, dir);
    assertEquals(80L, report.rows().get(WorldExporter.LISTENER_ATTRIBUTES));
    assertTrue(new ObjectMapper().readTree(dir.resolve(WorldExporter.MANIFEST).toFile()).get("files")
        .has(WorldExporter.LISTENER_ATTRIBUTES));
    Path file = WorldDirectory.open(dir).listenerAttributes().orElseThrow();
    MusicDataset ds = Datasets.load("listeners:" + file, ReadOptions.STRICT);
    assertEquals(80, ds.listeners().size());
    List<String> keys = List.of(SyntheticWorld.ATTR_AGE, SyntheticWorld.ATTR_AGE_BAND, SyntheticWorld.ATTR_COUNTRY,
        SyntheticWorld.ATTR_GENDER);
    for (int l = 0; l < 80; l++) {
      Listener read = ds.listeners().get(l);
      Listener truth = w.listeners().get(l);
      assertEquals(truth.id(), read.id());
      for (String k : keys) {
        assertEquals(truth.attributes().get(k), read.attributes().get(k), truth.id() + " " + k);
      }
      int age = Integer.parseInt(read.attributes().get(SyntheticWorld.ATTR_AGE));
      assertEquals(Demographics.band(age), read.attributes().get(SyntheticWorld.ATTR_AGE_BAND));
    }
  }

  @Test
  void demographicsFollowTasteAsDocumented() {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(3_000).listeners(2_000).seed(3).build());
    double oldAge = 0;
    double youngAge = 0;
    int old = 0;
    int young = 0;
    int home = 0;
    for (int l = 0; l < w.listeners().size(); l++) {
      Map<String, String> a = w.listeners().get(l).attributes();
      int era = w.genres().get(w.dominantGenre(l)).eraYear();
      int age = Integer.parseInt(a.get(SyntheticWorld.ATTR_AGE));
      if (era <= 1980) {
        oldAge += age;
        old++;
      } else if (era >= 2014) {
        youngAge += age;
        young++;
      }
      if (a.get(SyntheticWorld.ATTR_COUNTRY).equals(Demographics.HOME_COUNTRY.get(a.get(SyntheticWorld.ATTR_HOME_FAMILY)))) {
        home++;
      }
    }
    assertTrue(old > 20 && young > 20, old + " " + young);
    assertTrue(oldAge / old > youngAge / young + 8, "old-era listeners " + oldAge / old + " vs new-era " + youngAge / young);
    double share = home / (double) w.listeners().size();
    // 0.55 + 0.45 / 8 = 0.606 expected
    assertTrue(share > 0.55 && share < 0.66, "home-country share " + share);
  }
}
