package dev.recsys.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.retrieval.internal.IndexManifest;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneHnswIndexTest {
  static float[] random(SplittableRandom r, int dim) {
    float[] v = new float[dim];
    for (int j = 0; j < dim; j++) {
      v[j] = (float) r.nextDouble(-1, 1);
    }
    return v;
  }

  static LuceneHnswConfig.Builder config(int dim) {
    return LuceneHnswConfig.builder().dimension(dim).mergeWorkers(1).ramBufferMb(64);
  }

  @Test
  void writesBecomeVisibleAtRefreshAndSizeCountsThemEarlier() throws IOException {
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(4).build())) {
      idx.upsert("a", new float[] {1, 0, 0, 0}, Metadata.EMPTY);
      assertEquals(1, idx.size());
      assertTrue(idx.vector("a").isEmpty(), "visible before refresh");
      idx.refresh();
      assertTrue(idx.vector("a").isPresent());
      assertTrue(idx.delete("a"));
      assertFalse(idx.delete("a"), "a pending delete is remembered");
      assertEquals(0, idx.size());
      assertEquals("a", idx.search(new float[] {1, 0, 0, 0}, 1, SearchFilter.NONE).get(0).key(), "search sees the last refresh");
      idx.refresh();
      assertTrue(idx.search(new float[] {1, 0, 0, 0}, 1, SearchFilter.NONE).isEmpty());
    }
  }

  @Test
  void bulkLoadOptimizeAndSelectiveFiltersOnALargerIndex() throws IOException {
    int n = 3000;
    int dim = 16;
    SplittableRandom r = new SplittableRandom(3);
    float[] data = new float[n * dim];
    List<String> keys = new ArrayList<>();
    List<Metadata> metas = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      System.arraycopy(random(r, dim), 0, data, i * dim, dim);
      keys.add("t" + i);
      metas.add(Metadata.builder().put("genre", List.of("g" + (i % 50), "all")).put("artist", "a" + (i % 150)).build());
    }
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).mergeWorkers(2).build());
        ExactIndex exact = ExactIndex.inMemory(dim, Similarity.COSINE)) {
      idx.upsertAll(keys, data, metas, 2);
      for (int i = 0; i < n; i++) {
        exact.upsert(keys.get(i), java.util.Arrays.copyOfRange(data, i * dim, i * dim + dim), metas.get(i));
      }
      assertThrows(IllegalArgumentException.class, () -> idx.upsertAll(List.of("x", "x"), new float[2 * dim], List.of(Metadata.EMPTY, Metadata.EMPTY), 1));
      idx.commit();
      assertEquals(n, idx.size());
      idx.optimize();
      assertEquals(1, idx.segmentCount());
      List<float[]> queries = new ArrayList<>();
      for (int q = 0; q < 40; q++) {
        queries.add(random(r, dim));
      }
      Recall.Report all = Recall.of(idx, exact, queries, 10, SearchFilter.NONE);
      assertTrue(all.mean() >= 0.95, all.toString());
      // 20 of 3000 pass (0.7%): Lucene must fall back to an exact scan of them and still return k = 10
      SearchFilter selective = SearchFilter.builder().anyOf("artist", Set.of("a7")).build();
      Recall.Report sel = Recall.of(idx, exact, queries, 10, selective);
      assertEquals(1.0, sel.mean(), 1e-9, sel.toString());
      for (SearchHit h : idx.search(queries.get(0), 10, selective)) {
        assertEquals("a7", h.metadata().first("artist"));
      }
      assertEquals(10, idx.search(queries.get(0), 10, selective).size());
      // multi-valued metadata: every document has genre "all" besides its own
      assertEquals(10, idx.search(queries.get(1), 10, SearchFilter.builder().anyOf("genre", Set.of("all")).build()).size());
    }
  }

  /**
   * The caller's executor runs the other indexing and batch-search workers and the merge's graph tasks, and stays
   * open after the index closes; the hits are the same as on the calling thread alone.
   */
  @Test
  void workersRunOnTheCallersExecutorWithTheSameHits() throws IOException {
    int n = 4096;
    int dim = 8;
    SplittableRandom r = new SplittableRandom(11);
    float[] data = new float[n * dim];
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      System.arraycopy(random(r, dim), 0, data, i * dim, dim);
      keys.add("t" + i);
    }
    List<Metadata> metas = java.util.Collections.nCopies(n, Metadata.EMPTY);
    List<float[]> queries = new ArrayList<>();
    for (int q = 0; q < 64; q++) {
      queries.add(random(r, dim));
    }
    java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.ExecutorService counting = new java.util.concurrent.AbstractExecutorService() {
      @Override
      public void execute(Runnable command) {
        tasks.incrementAndGet();
        pool.execute(command);
      }

      @Override
      public void shutdown() {
        throw new AssertionError("the index must not shut the caller's executor down");
      }

      @Override
      public List<Runnable> shutdownNow() {
        throw new AssertionError("the index must not shut the caller's executor down");
      }

      @Override
      public boolean isShutdown() {
        return pool.isShutdown();
      }

      @Override
      public boolean isTerminated() {
        return pool.isTerminated();
      }

      @Override
      public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
      }
    };
    try {
      List<List<SearchHit>> alone;
      try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).build(), null)) {
        idx.upsertAll(keys, data, metas, 1);
        idx.commit();
        alone = idx.searchBatch(queries, 10, SearchFilter.NONE);
      }
      try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).build(), counting)) {
        idx.upsertAll(keys, data, metas, 1);
        idx.commit();
        List<List<SearchHit>> batch = idx.searchBatch(queries, 10, SearchFilter.NONE);
        assertEquals(alone, batch, "same graph, same hits, whichever threads searched");
        for (int q = 0; q < queries.size(); q++) {
          assertEquals(batch.get(q), idx.search(queries.get(q), 10, SearchFilter.NONE));
        }
      }
      assertEquals(Runtime.getRuntime().availableProcessors() > 1, tasks.get() > 0, "batch search workers: " + tasks);
      tasks.set(0);
      try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).mergeWorkers(2).build(), counting)) {
        idx.upsertAll(keys, data, metas, 2);
        idx.optimize();
        assertEquals(n, idx.size());
        assertTrue(tasks.get() > 0, "indexing and merge workers ran on the caller's executor");
      }
      assertFalse(pool.isShutdown());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A bulk load writes its segments without graphs and merges everything into one segment with one graph over every
   * live vector: earlier writes are kept, replaced keys counted once, and searches as good as after upsertAll and
   * optimize.
   */
  @Test
  void bulkLoadBuildsOneGraphOverOneSegment(@TempDir Path dir) throws IOException {
    int n = 4000;
    int dim = 16;
    SplittableRandom r = new SplittableRandom(21);
    for (Quantization quant : List.of(Quantization.NONE, Quantization.INT7)) {
      Path p = dir.resolve(quant.name());
      try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).path(p).quantization(quant).mergeWorkers(2).build());
          ExactIndex exact = ExactIndex.inMemory(dim, Similarity.COSINE)) {
        for (int i = 0; i < 50; i++) {
          float[] v = random(r, dim);
          idx.upsert("early" + i, v, Metadata.EMPTY);
          exact.upsert("early" + i, v, Metadata.EMPTY);
        }
        idx.commit();
        List<String> keys = new ArrayList<>();
        float[] data = new float[n * dim];
        for (int i = 0; i < n; i++) {
          // the first ten rows replace early keys
          String key = i < 10 ? "early" + i : "k" + i;
          keys.add(key);
          float[] v = random(r, dim);
          System.arraycopy(v, 0, data, i * dim, dim);
          exact.upsert(key, v, Metadata.EMPTY);
        }
        idx.bulkLoad(keys, data, java.util.Collections.nCopies(n, Metadata.EMPTY), 2);
        assertEquals(1, idx.segmentCount());
        assertEquals(n + 40, idx.size());
        try (var d = org.apache.lucene.store.FSDirectory.open(p);
            var reader = org.apache.lucene.index.DirectoryReader.open(d)) {
          var leaf = (org.apache.lucene.index.CodecReader) reader.leaves().get(0).reader();
          var vectors = (org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat.FieldsReader) leaf.getVectorReader();
          var graph = ((org.apache.lucene.codecs.hnsw.HnswGraphProvider) vectors.getFieldReader(LuceneHnswIndex.VECTOR))
              .getGraph(LuceneHnswIndex.VECTOR);
          assertEquals(reader.maxDoc(), graph.size(), "the merge built one graph over every vector");
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 50; q++) {
          queries.add(random(r, dim));
        }
        Recall.Report rep = Recall.of(idx, exact, queries, 10, SearchFilter.NONE);
        assertTrue(rep.mean() >= 0.95, quant + " " + rep);
        assertEquals(data[dim], idx.vector("early1").orElseThrow()[0], "replaced by the load");
      }
    }
  }

  @Test
  void quantizedIndexesRescoreWithFullPrecision() throws IOException {
    int n = 1500;
    int dim = 16;
    SplittableRandom r = new SplittableRandom(5);
    for (Quantization quant : List.of(Quantization.INT7, Quantization.INT4)) {
      try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).quantization(quant).oversample(4).build());
          ExactIndex exact = ExactIndex.inMemory(dim, Similarity.COSINE)) {
        for (int i = 0; i < n; i++) {
          float[] v = random(r, dim);
          idx.upsert("k" + i, v, Metadata.EMPTY);
          exact.upsert("k" + i, v, Metadata.EMPTY);
        }
        idx.commit();
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 30; q++) {
          queries.add(random(r, dim));
        }
        Recall.Report rep = Recall.of(idx, exact, queries, 10, SearchFilter.NONE);
        assertTrue(rep.mean() >= 0.9, quant + " " + rep);
        SearchHit top = idx.search(queries.get(0), 1, SearchFilter.NONE).get(0);
        SearchHit truth = exact.search(queries.get(0), 1, SearchFilter.NONE).get(0);
        assertEquals(truth.key(), top.key());
        assertEquals(truth.score(), top.score(), 1e-5, "re-scored with full precision");
      }
    }
  }

  @Test
  void reopensWithTheManifestAndRejectsAMismatchedConfiguration(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("idx");
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(4).path(p).similarity(Similarity.EUCLIDEAN).build())) {
      idx.upsert("a", new float[] {1, 2, 3, 4}, Metadata.builder().put("title", "A").build());
      idx.commit();
    }
    IndexManifest m = IndexManifest.read(p);
    assertEquals(4, m.dimension());
    assertEquals("EUCLIDEAN", m.similarity());
    try (LuceneHnswIndex idx = LuceneHnswIndex.openExisting(p)) {
      assertEquals(Similarity.EUCLIDEAN, idx.similarity());
      assertEquals("A", idx.search(new float[] {1, 2, 3, 4}, 1, SearchFilter.NONE).get(0).metadata().first("title"));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LuceneHnswIndex.open(config(8).path(p).similarity(Similarity.COSINE).build()));
    assertTrue(e.getMessage().contains("dimension 4 vs configured 8") && e.getMessage().contains("similarity EUCLIDEAN"), e.getMessage());
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "hello");
    ModelFormatException notIndex = assertThrows(ModelFormatException.class, () -> LuceneHnswIndex.open(config(4).path(other).build()));
    assertTrue(notIndex.getMessage().contains("not a recsys vector index"), notIndex.getMessage());
  }

  /**
   * A 7-bit index from before layout version 2 (segments in Lucene's own quantized format, manifest version 1) opens
   * and searches as before; the first open for writing raises its manifest to version 2, since segments written from
   * then on use recsys's format, and a merge rewrites the old segments in it.
   */
  @Test
  void aVersionOneQuantizedIndexOpensAndIsUpgraded(@TempDir Path dir) throws IOException {
    int dim = 8;
    SplittableRandom r = new SplittableRandom(17);
    Path made = dir.resolve("made");
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).path(made).quantization(Quantization.INT7).build())) {
      for (int i = 0; i < 300; i++) {
        idx.upsert("k" + i, random(r, dim), Metadata.builder().put("n", Integer.toString(i)).build());
      }
      idx.commit();
    }
    // the same documents rewritten by Lucene's own codec, as version 1 wrote them, under a version-1 manifest
    Path old = dir.resolve("old");
    var lucene = new org.apache.lucene.codecs.lucene104.Lucene104Codec() {
      final org.apache.lucene.codecs.KnnVectorsFormat format = new org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat(
          org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding.SEVEN_BIT, 16, 100);

      @Override
      public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
    try (var from = org.apache.lucene.store.FSDirectory.open(made);
        var reader = org.apache.lucene.index.DirectoryReader.open(from);
        var to = org.apache.lucene.store.FSDirectory.open(old);
        var w = new org.apache.lucene.index.IndexWriter(to, new org.apache.lucene.index.IndexWriterConfig().setCodec(lucene))) {
      for (var leaf : reader.leaves()) {
        w.addIndexes(org.apache.lucene.index.SlowCodecReaderWrapper.wrap(leaf.reader()));
      }
      w.commit();
    }
    Files.writeString(old.resolve(IndexManifest.FILE_NAME),
        Files.readString(made.resolve(IndexManifest.FILE_NAME)).replaceFirst("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
    assertEquals(1, IndexManifest.read(old).formatVersion());
    assertTrue(formats(old).contains("Lucene104HnswBinaryQuantizedVectorsFormat"), formats(old).toString());
    float[] q = random(r, dim);
    try (LuceneHnswIndex made2 = LuceneHnswIndex.openExisting(made); LuceneHnswIndex idx = LuceneHnswIndex.openExisting(old)) {
      assertEquals(2, IndexManifest.read(old).formatVersion(), "upgraded on open, before any write");
      assertEquals(made2.search(q, 10, SearchFilter.NONE), idx.search(q, 10, SearchFilter.NONE));
      idx.upsert("new", random(r, dim), Metadata.EMPTY);
      idx.optimize();
      assertEquals(java.util.Set.of(dev.recsys.core.retrieval.internal.QuantizedHnswFormat.NAME), formats(old));
      assertEquals(301, idx.size());
    }
  }

  /** The vectors formats the committed segments of {@code dir} name. */
  private static java.util.Set<String> formats(Path dir) throws IOException {
    java.util.Set<String> out = new java.util.TreeSet<>();
    try (var d = org.apache.lucene.store.FSDirectory.open(dir); var reader = org.apache.lucene.index.DirectoryReader.open(d)) {
      for (var leaf : reader.leaves()) {
        out.add(leaf.reader().getFieldInfos().fieldInfo(LuceneHnswIndex.VECTOR)
            .getAttribute(org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
      }
    }
    return out;
  }

  @Test
  void aNewerFormatVersionIsRefused(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("idx");
    LuceneHnswIndex.open(config(4).path(p).build()).close();
    Path f = p.resolve(IndexManifest.FILE_NAME);
    Files.writeString(f, Files.readString(f).replaceFirst("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> LuceneHnswIndex.open(config(4).path(p).build()));
    assertTrue(e.getMessage().contains("format version 99") && e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void aCorruptedIndexIsRefusedWithAClearError(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("idx");
    SplittableRandom r = new SplittableRandom(9);
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(16).path(p).build())) {
      for (int i = 0; i < 500; i++) {
        idx.upsert("k" + i, random(r, 16), Metadata.EMPTY);
      }
      idx.commit();
    }
    Path biggest;
    try (var files = Files.list(p)) {
      biggest = files.filter(f -> !f.getFileName().toString().equals(IndexManifest.FILE_NAME))
          .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
    try (RandomAccessFile raf = new RandomAccessFile(biggest.toFile(), "rw")) {
      long pos = raf.length() / 2;
      raf.seek(pos);
      int b = raf.read();
      raf.seek(pos);
      raf.write(b ^ 0x5A);
    }
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> LuceneHnswIndex.open(config(16).path(p).build()));
    assertTrue(e.getMessage().contains("corrupted") && e.getMessage().contains(p.toString()), e.getMessage());
  }

  @Test
  void aKilledWriterLeavesTheLastCommit(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("idx");
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        CrashingWriter.class.getName(), p.toString(), "300", "200");
    pb.redirectErrorStream(true);
    Process child = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("WROTE")) {
          break;
        }
      }
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("WROTE")), "child did not finish writing: " + lines);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(8).path(p).build())) {
      assertEquals(300, idx.size());
      assertTrue(idx.vector("k0").isPresent(), "uncommitted delete survived the crash");
      assertTrue(idx.vector("k299").isPresent());
      assertTrue(idx.vector("k300").isEmpty(), "uncommitted write survived the crash");
      assertEquals("17", idx.searchByKey("k17", 300, SearchFilter.NONE).isEmpty() ? null
          : idx.search(idx.vector("k17").orElseThrow(), 1, SearchFilter.NONE).get(0).metadata().first("n"));
      idx.upsert("new", new float[] {1, 0, 0, 0, 0, 0, 0, 0}, Metadata.EMPTY);
      idx.commit();
      assertEquals(301, idx.size());
    }
  }

  @Test
  void concurrentSearchesDuringABulkLoadAndOptimize() throws Exception {
    int dim = 8;
    SplittableRandom r = new SplittableRandom(21);
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).ramBufferMb(16).build())) {
      for (int i = 0; i < 300; i++) {
        idx.upsert("base" + i, random(r, dim), Metadata.EMPTY);
      }
      idx.commit();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      Thread reader = new Thread(() -> {
        SplittableRandom rr = new SplittableRandom(2);
        try {
          while (!done.get()) {
            List<SearchHit> hits = idx.search(random(rr, dim), 20, SearchFilter.NONE);
            if (hits.size() != 20 || hits.stream().map(SearchHit::key).distinct().count() != 20) {
              throw new AssertionError("torn result " + hits);
            }
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      });
      reader.start();
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 200; i++) {
          idx.upsert("w" + round + "-" + i, random(r, dim), Metadata.EMPTY);
        }
        idx.delete("base" + round);
        idx.refresh();
      }
      idx.optimize();
      done.set(true);
      reader.join();
      assertEquals(List.of(), errors);
      assertEquals(300 + 1000 - 5, idx.size());
      assertEquals(1, idx.segmentCount());
    }
  }

  @Test
  void searchReadsKeysAndMetadataOfSegmentsWrittenWithoutDocValues(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("idx");
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(4).path(p).build())) {
      idx.upsert("new", new float[] {1, 0, 0, 0}, Metadata.builder().put("title", "New").build());
      idx.commit();
    }
    // A document laid out as before key and metadata were also kept as doc values: stored fields only.
    try (org.apache.lucene.store.FSDirectory d = org.apache.lucene.store.FSDirectory.open(p);
        org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(d,
            new org.apache.lucene.index.IndexWriterConfig().setOpenMode(org.apache.lucene.index.IndexWriterConfig.OpenMode.APPEND))) {
      org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
      doc.add(new org.apache.lucene.document.StringField(LuceneHnswIndex.KEY, "old", org.apache.lucene.document.Field.Store.YES));
      doc.add(new org.apache.lucene.document.KnnFloatVectorField(LuceneHnswIndex.VECTOR, new float[] {0.9f, 0.1f, 0, 0},
          org.apache.lucene.index.VectorSimilarityFunction.COSINE));
      doc.add(new org.apache.lucene.document.StoredField(LuceneHnswIndex.META, new org.apache.lucene.util.BytesRef(
          dev.recsys.core.retrieval.internal.MetadataCodec.encode(Metadata.builder().put("title", "Old").build()))));
      w.addDocument(doc);
      w.commit();
    }
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(4).path(p).verifyOnOpen(false).build())) {
      List<SearchHit> hits = idx.search(new float[] {1, 0, 0, 0}, 2, SearchFilter.NONE);
      assertEquals(List.of("new", "old"), hits.stream().map(SearchHit::key).toList());
      assertEquals(List.of("New"), hits.get(0).metadata().fields().get("title"));
      assertEquals(List.of("Old"), hits.get(1).metadata().fields().get("title"));
    }
  }

  @Test
  void exclusionListsReturnTheNextNearestAndFallBackWhenFewSurvive() throws IOException {
    int n = 200;
    int dim = 8;
    SplittableRandom r = new SplittableRandom(11);
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(config(dim).build());
        ExactIndex exact = ExactIndex.inMemory(dim, Similarity.COSINE)) {
      for (int i = 0; i < n; i++) {
        float[] v = random(r, dim);
        idx.upsert("k" + i, v, Metadata.EMPTY);
        exact.upsert("k" + i, v, Metadata.EMPTY);
      }
      idx.refresh();
      float[] q = random(r, dim);
      List<String> order = exact.search(q, n, SearchFilter.NONE).stream().map(SearchHit::key).toList();
      // the 15 nearest excluded: the next 10 come back (post-filtered path)
      SearchFilter nearest = SearchFilter.builder().exclude(Set.copyOf(order.subList(0, 15))).build();
      assertEquals(order.subList(15, 25), idx.search(q, 10, nearest).stream().map(SearchHit::key).toList());
      // all but three excluded: the three come back (filtered fallback)
      SearchFilter allButThree = SearchFilter.builder().exclude(Set.copyOf(order.subList(3, n))).build();
      assertEquals(order.subList(0, 3), idx.search(q, 10, allButThree).stream().map(SearchHit::key).toList());
    }
  }
}
