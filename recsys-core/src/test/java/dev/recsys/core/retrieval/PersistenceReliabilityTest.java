package dev.recsys.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.reliability.ContainerFuzzer;
import dev.recsys.core.reliability.Stress;
import dev.recsys.core.retrieval.internal.IndexManifest;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved models and indexes: the index manifest is checked against the segments, decoded payloads and configurations
 * are validated, the catalogue carries a checksum, crash leftovers are cleaned up or completed, and keys or metadata
 * values over Lucene's term limit are refused before they reach Lucene. Includes the corruption fuzzer over the
 * container kinds of recsys-core.
 */
class PersistenceReliabilityTest {
  private static final Catalog WORLD = SyntheticWorld.generate(
      SynthConfig.builder().seed(5).tracks(400).listeners(0).missingRate(0.1).build()).catalog();

  @TempDir
  Path dir;

  static Path buildIndex(Path p, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).path(p).build())) {
      for (int i = 0; i < n; i++) {
        idx.upsert("k" + i, LuceneHnswIndexTest.random(r, 8), Metadata.builder().put("n", Integer.toString(i)).build());
      }
      idx.commit();
    }
    return p;
  }

  private static double selfScore(LuceneHnswIndex idx, String key) throws IOException {
    List<SearchHit> hits = idx.search(idx.vector(key).orElseThrow(), 1, SearchFilter.NONE);
    return hits.get(0).score();
  }

  // ------------------------------------------------------------------ failure 4: the manifest

  @Test
  void everyManifestEditThatContradictsTheSegmentsIsRefused() throws IOException {
    Path p = buildIndex(dir.resolve("idx"), 50);
    Path mf = p.resolve(IndexManifest.FILE_NAME);
    String original = Files.readString(mf);
    String[][] edits = {
        {"\"similarity\" : \"COSINE\"", "\"similarity\" : \"DOT_PRODUCT\""},
        {"\"similarity\" : \"COSINE\"", "\"similarity\" : \"EUCLIDEAN\""},
        {"\"dimension\" : 8", "\"dimension\" : 16"},
        {"\"quantization\" : \"NONE\"", "\"quantization\" : \"INT8\""},
        {"\"kind\" : \"vector-index\"", "\"kind\" : \"embedding-store\""},
        {"\"kind\" : \"vector-index\"", "\"kind\" : null"},
        {"\"dimension\" : 8", "\"dimension\" : -8"}};
    for (String[] e : edits) {
      assertTrue(original.contains(e[0]), () -> original);
      Files.writeString(mf, original.replace(e[0], e[1]));
      ModelFormatException x = assertThrows(ModelFormatException.class, () -> LuceneHnswIndex.openExisting(p), e[1]);
      assertTrue(x.getMessage().contains(IndexManifest.FILE_NAME), x.getMessage());
    }
    Files.writeString(mf, original.replace("\"similarity\" : \"COSINE\"", "\"similarity\" : \"DOT_PRODUCT\""));
    assertThrows(ModelFormatException.class,
        () -> LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).similarity(Similarity.DOT_PRODUCT).path(p).build()));
    for (String garbage : List.of("null", "", "{}", "[1]", "{\"format\":\"recsys-lucene-index\",\"formatVersion\":1}")) {
      Files.writeString(mf, garbage);
      assertThrows(ModelFormatException.class, () -> LuceneHnswIndex.openExisting(p), garbage);
    }
    Files.writeString(mf, original);
    try (LuceneHnswIndex idx = LuceneHnswIndex.openExisting(p)) {
      assertEquals(1.0, selfScore(idx, "k7"), 1e-5);
    }
  }

  @Test
  void randomByteFlipsInTheManifestGiveAModelFormatExceptionOrTheRightIndex() throws IOException {
    Path p = buildIndex(dir.resolve("idx"), 30);
    Path mf = p.resolve(IndexManifest.FILE_NAME);
    byte[] original = Files.readAllBytes(mf);
    SplittableRandom rnd = new SplittableRandom(11);
    int cases = Stress.cases(30, 400);
    int refused = 0;
    for (int c = 0; c < cases; c++) {
      byte[] b = original.clone();
      b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
      Files.write(mf, b);
      try (LuceneHnswIndex idx = LuceneHnswIndex.openExisting(p)) {
        assertEquals(30, idx.size(), "case " + c);
        assertEquals(1.0, selfScore(idx, "k3"), 1e-5, "case " + c + ": " + new String(b, StandardCharsets.UTF_8));
      } catch (ModelFormatException expected) {
        refused++;
      }
    }
    assertTrue(refused > 0);
  }

  // ------------------------------------------------------------------ failure 5: payloads and the catalogue

  @Test
  void aHugeStoredCountIsRefusedBeforeAnythingIsAllocated() throws IOException {
    Path f = dir.resolve("track-vectors.rsm");
    new TrackVectors(List.of("a", "b"), 2, new float[] {1, 2, 3, 4}, List.of(Metadata.EMPTY, Metadata.EMPTY))
        .withProvenance(Provenance.now(1, "x")).save(f);
    ModelContainer c = ModelContainer.readFrom(f);
    byte[] payload = Payload.writer().putInt(Integer.MAX_VALUE - 8).putInt(64).toByteArray();
    byte[] big = new byte[534_000];
    System.arraycopy(payload, 0, big, 0, payload.length);
    new ModelContainer(c.provider(), c.payloadVersion(), c.configJson(), c.provenance(), big).writeTo(f);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> TrackVectors.load(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void aNullOrMalformedConfigurationIsAModelFormatExceptionNamingTheFile() throws IOException {
    Path f = dir.resolve("features.rsm");
    new FeaturePipeline(FeatureConfig.builder().build()).fit(WORLD).save(f);
    ModelContainer c = ModelContainer.readFrom(f);
    for (String config : List.of("null", "{\"x\":", "[]", "{\"minGenreCount\":-5}")) {
      new ModelContainer(c.provider(), c.payloadVersion(), config, c.provenance(), c.payload()).writeTo(f);
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> FittedFeatures.load(f), config);
      assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
  }

  @Test
  void aDamagedCatalogueNeverLoadsDifferentContent() throws IOException {
    Path f = dir.resolve("catalog.jsonl");
    CatalogJsonl.write(WORLD, f);
    byte[] original = Files.readAllBytes(f);
    assertEquals(WORLD.tracks(), CatalogJsonl.read(f).tracks());
    SplittableRandom rnd = new SplittableRandom(17);
    int cases = Stress.cases(250, 3000);
    int refused = 0;
    for (int c = 0; c < cases; c++) {
      byte[] b;
      if (c % 5 == 4) {
        b = java.util.Arrays.copyOf(original, rnd.nextInt(original.length));
      } else {
        b = original.clone();
        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      Files.write(f, b);
      try {
        Catalog back = CatalogJsonl.read(f);
        assertEquals(WORLD.tracks(), back.tracks(), "case " + c + " loaded different content");
      } catch (IOException refusedWithReason) {
        refused++;
      }
    }
    assertEquals(cases, refused, "every damaged catalogue is refused");
  }

  // ------------------------------------------------------------------ failure 6: crash leftovers

  @Test
  void temporaryFilesOfDeadWritersAreRemovedOnOpenAndThoseOfLiveOnesKept() throws Exception {
    Path f = dir.resolve("track-vectors.rsm");
    TrackVectors tv = new TrackVectors(List.of("a"), 2, new float[] {1, 2}, List.of(Metadata.EMPTY));
    tv.withProvenance(Provenance.now(1, "x")).save(f);
    Process done = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version").start();
    done.waitFor();
    long dead = done.pid();
    Path orphan = dir.resolve("track-vectors.rsm.tmp-" + dead + "-x1");
    Path live = dir.resolve("track-vectors.rsm.tmp-" + ProcessHandle.current().pid() + "-x2");
    Files.write(orphan, new byte[100]);
    Files.write(live, new byte[100]);
    assertEquals(tv, TrackVectors.load(f));
    assertFalse(Files.exists(orphan), "the dead writer's temporary file is removed");
    assertTrue(Files.exists(live), "a live writer's temporary file is kept");
  }

  @Test
  void anIndexWhoseCreationWasCutShortIsCompletedOrRolledBack() throws Exception {
    // manifest written, first commit not: the creation is completed
    Path p = buildIndex(dir.resolve("a"), 0);
    try (var files = Files.list(p)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals(IndexManifest.FILE_NAME)) {
          Files.delete(f);
        }
      }
    }
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).path(p).build())) {
      assertEquals(0, idx.size());
      idx.upsert("x", new float[] {1, 0, 0, 0, 0, 0, 0, 0}, Metadata.EMPTY);
      idx.commit();
    }
    try (LuceneHnswIndex idx = LuceneHnswIndex.openExisting(p)) {
      assertEquals(1, idx.size());
    }
    // an empty first commit and no manifest (the order of earlier releases): the creation is rolled back
    Path q = buildIndex(dir.resolve("b"), 0);
    Files.delete(q.resolve(IndexManifest.FILE_NAME));
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).path(q).build())) {
      assertEquals(0, idx.size());
    }
    assertTrue(Files.exists(q.resolve(IndexManifest.FILE_NAME)));
    // killed after Lucene took its lock and before the manifest: only write.lock and a dead writer's manifest
    // temporary file are there
    Path w = Files.createDirectories(dir.resolve("w"));
    Files.write(w.resolve("write.lock"), new byte[0]);
    Process done = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version").start();
    done.waitFor();
    Files.write(w.resolve(IndexManifest.FILE_NAME + ".tmp-" + done.pid() + "-x"), new byte[10]);
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).path(w).build())) {
      assertEquals(0, idx.size());
    }
    // a directory with documents but no manifest is still refused
    Path r = buildIndex(dir.resolve("c"), 3);
    Files.delete(r.resolve(IndexManifest.FILE_NAME));
    assertThrows(ModelFormatException.class, () -> LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).path(r).build()));
  }

  // ------------------------------------------------------------------ failure 8: Lucene's term limit

  @Test
  void keysAndMetadataValuesOverLucenesTermLimitAreRefusedWithTheBound() throws IOException {
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswIndexTest.config(2).path(dir.resolve("idx")).build())) {
      float[] v = {1, 0};
      String longKey = "k".repeat(40_000);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> idx.upsert(longKey, v, Metadata.EMPTY));
      assertTrue(e.getMessage().startsWith("key must be at most 32766 UTF-8 bytes"), e.getMessage());
      Metadata longValue = Metadata.builder().put("title", "é".repeat(20_000)).build();
      IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> idx.upsert("a", v, longValue));
      assertEquals("metadata value must be at most 32766 UTF-8 bytes; field 'title' of key 'a' has a value of 40000",
          m.getMessage());
      assertThrows(IllegalArgumentException.class, () -> idx.upsertAll(List.of("b", "c"), new float[] {1, 0, 0, 1},
          List.of(Metadata.EMPTY, longValue), 1));
      idx.upsert("ok", v, Metadata.builder().put("title", "x".repeat(32_766)).build());
      idx.commit();
      assertEquals(1, idx.size());
    }
    try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(LuceneEmbeddingStoreConfig.inMemory(2, Similarity.COSINE))) {
      assertThrows(IllegalArgumentException.class, () -> store.put("k".repeat(33_000), new float[] {1, 0}, Metadata.EMPTY, "v1"));
    }
  }

  // ------------------------------------------------------------------ the corruption fuzzer (core kinds)

  @Test
  void corruptedCoreContainersGiveOnlyModelFormatExceptions() throws IOException {
    int cases = Stress.cases(90, 1800);
    List<String> results = new ArrayList<>();
    Path tv = dir.resolve("track-vectors.rsm");
    List<String> ids = new ArrayList<>();
    List<Metadata> metas = new ArrayList<>();
    float[] data = new float[40 * 4];
    for (int i = 0; i < 40; i++) {
      ids.add("t" + i);
      metas.add(Metadata.builder().put("title", "Song " + i).put("genre", List.of("pop", "rock")).build());
      data[i * 4 + i % 4] = 1;
    }
    new TrackVectors(ids, 4, data, metas).withProvenance(Provenance.now(1, "x")).save(tv);
    results.add("track-vectors " + ContainerFuzzer.fuzz(tv, dir.resolve("f1"), TrackVectors::load, cases, 1));

    Path ff = dir.resolve("features.rsm");
    new FeaturePipeline(FeatureConfig.builder().build()).fit(WORLD).save(ff);
    results.add("feature-pipeline " + ContainerFuzzer.fuzz(ff, dir.resolve("f2"), FittedFeatures::load, cases, 2));

    Path ex = dir.resolve("exact.rsm");
    try (ExactIndex idx = ExactIndex.open(new ExactIndexConfig(ex.toString(), 4, Similarity.COSINE))) {
      for (int i = 0; i < ids.size(); i++) {
        idx.upsert(ids.get(i), java.util.Arrays.copyOfRange(data, i * 4, i * 4 + 4), metas.get(i));
      }
      idx.commit();
    }
    results.add("exact-index " + ContainerFuzzer.fuzz(ex, dir.resolve("f3"),
        file -> ExactIndex.open(new ExactIndexConfig(file.toString(), 4, Similarity.COSINE)), cases, 3));
    System.out.println("container fuzzing: " + results);
  }
}
