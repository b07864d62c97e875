package dev.recsys.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.ExactIndexConfig;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by format version 1 of the track-vectors and exact-index formats (golden files under
 * {@code src/test/resources/golden}) must stay readable with the same content, and a file of a newer format version
 * must be refused naming the version. A new format version adds a golden file beside these; these stay. Run with
 * {@code -Drecsys.golden.regenerate=DIR} to write the files of the current version into {@code DIR}.
 */
class StoredFormatsGoldenTest {
  @TempDir
  Path dir;

  static TrackVectors vectors() {
    return new TrackVectors(List.of("t1", "t2", "t3"), 3,
        new float[] {1, 0, 0, 0.6f, 0.8f, 0, -0.5f, 0.25f, 1.5f},
        List.of(Metadata.builder().put("genre", "rock").build(), Metadata.EMPTY,
            Metadata.builder().put("genre", List.of("jazz", "pop")).build()));
  }

  private Path golden(String name) throws IOException {
    String regenerate = System.getProperty("recsys.golden.regenerate");
    if (regenerate != null) {
      Path out = Path.of(regenerate).resolve(name);
      if (name.startsWith("track-vectors")) {
        vectors().withProvenance(Provenance.now(7, "golden")).save(out);
      } else {
        try (ExactIndex idx = ExactIndex.open(new ExactIndexConfig(out.toString(), 3, Similarity.DOT_PRODUCT))) {
          TrackVectors v = vectors();
          for (int i = 0; i < v.size(); i++) {
            idx.upsert(v.ids().get(i), v.vector(i), v.metadata().get(i));
          }
          idx.commit();
        }
      }
    }
    Path copy = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
      assertTrue(in != null, "golden file /golden/" + name + " is missing from the test resources");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  @Test
  void trackVectorsVersion1ReadsTheSameVectorsAndMetadata() throws IOException {
    TrackVectors golden = TrackVectors.load(golden("track-vectors-v1.rsm"));
    TrackVectors expected = vectors();
    assertEquals(expected.ids(), golden.ids());
    assertEquals(expected.dimension(), golden.dimension());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.vector(i), golden.vector(i));
      assertEquals(expected.metadata().get(i), golden.metadata().get(i));
    }
    assertEquals(1, ModelContainer.readFrom(golden("track-vectors-v1.rsm")).payloadVersion());
  }

  @Test
  void exactIndexVersion1ReopensWithItsVectorsAndAnswersSearches() throws IOException {
    Path file = golden("exact-index-v1.rsm");
    assertEquals(1, ModelContainer.readFrom(file).payloadVersion());
    try (ExactIndex idx = ExactIndex.open(new ExactIndexConfig(file.toString(), 3, Similarity.DOT_PRODUCT))) {
      assertEquals(3, idx.size());
      TrackVectors v = vectors();
      for (int i = 0; i < v.size(); i++) {
        assertArrayEquals(v.vector(i), idx.vector(v.ids().get(i)).orElseThrow());
        assertEquals(v.metadata().get(i), idx.metadata(v.ids().get(i)).orElseThrow());
      }
      List<SearchHit> hits = idx.search(new float[] {1, 0.1f, 0}, 2, SearchFilter.NONE);
      assertEquals(List.of("t1", "t2"), hits.stream().map(SearchHit::key).toList());
    }
  }

  @Test
  void newerPayloadVersionsAreRefusedNamingTheVersion() throws IOException {
    for (String name : List.of("track-vectors-v1.rsm", "exact-index-v1.rsm")) {
      ModelContainer c = ModelContainer.readFrom(golden(name));
      Path newer = dir.resolve("newer-" + name);
      new ModelContainer(c.provider(), c.payloadVersion() + 1, c.configJson(), c.provenance(), c.payload()).writeTo(newer);
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
        if (name.startsWith("track-vectors")) {
          TrackVectors.load(newer);
        } else {
          ExactIndex.open(new ExactIndexConfig(newer.toString(), 3, Similarity.DOT_PRODUCT)).close();
        }
      });
      assertTrue(e.getMessage().contains("format version " + (c.payloadVersion() + 1)) && e.getMessage().contains("newer"),
          e.getMessage());
    }
  }
}
