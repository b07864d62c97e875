package dev.recsys.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactIndexTest {
  @Property(tries = 60)
  void simdAndScalarKernelsAgree(@ForAll @IntRange(min = 1, max = 300) int dim, @ForAll @IntRange(min = 0, max = 7) int offset,
      @ForAll long seed) {
    VectorKernels simd = VectorKernels.simdOrNull();
    assertNotNull(simd, "tests run with --add-modules jdk.incubator.vector");
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[dim + offset];
    float[] b = new float[dim + 2 * offset];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextDouble(-2, 2);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextDouble(-2, 2);
    }
    double dot = 0;
    double dist = 0;
    for (int i = 0; i < dim; i++) {
      dot += (double) a[offset + i] * b[2 * offset + i];
      double d = (double) a[offset + i] - b[2 * offset + i];
      dist += d * d;
    }
    double tol = 1e-5 * dim * 4;
    assertEquals(dot, simd.dot(a, offset, b, 2 * offset, dim), tol);
    assertEquals(dot, VectorKernels.scalar().dot(a, offset, b, 2 * offset, dim), tol);
    assertEquals(dist, simd.squareDistance(a, offset, b, 2 * offset, dim), tol);
    assertEquals(dist, VectorKernels.scalar().squareDistance(a, offset, b, 2 * offset, dim), tol);
  }

  @Property(tries = 40)
  void simdRowKernelMatchesTheScalarOne(@ForAll @IntRange(min = 1, max = 140) int dim, @ForAll @IntRange(min = 0, max = 11) int from,
      @ForAll @IntRange(min = 0, max = 13) int rows, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] data = new float[(from + rows) * dim];
    float[] q = new float[dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextDouble(-1, 1);
    }
    for (int i = 0; i < dim; i++) {
      q[i] = (float) r.nextDouble(-1, 1);
    }
    float[] simd = new float[rows];
    float[] scalar = new float[rows];
    VectorKernels.simdOrNull().dotRows(q, data, from, from + rows, dim, simd);
    VectorKernels.scalar().dotRows(q, data, from, from + rows, dim, scalar);
    for (int i = 0; i < rows; i++) {
      assertEquals(scalar[i], simd[i], 1e-5 * dim, "row " + (from + i));
    }
  }

  @Test
  void parallelScanOfALargeIndexEqualsTheSerialScalarScan() throws IOException {
    int n = ExactIndex.PARALLEL_ROWS + 5000;
    int dim = 8;
    SplittableRandom r = new SplittableRandom(4);
    try (ExactIndex fast = ExactIndex.inMemory(dim, Similarity.DOT_PRODUCT);
        ExactIndex scalar = ExactIndex.open(ExactIndexConfig.inMemory(dim, Similarity.DOT_PRODUCT), ScanKernel.SCALAR)) {
      for (int i = 0; i < n; i++) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
          v[j] = (float) r.nextGaussian();
        }
        Metadata m = Metadata.builder().put("g", "g" + (i % 100)).build();
        fast.upsert("k" + i, v, m);
        scalar.upsert("k" + i, v, m);
      }
      List<float[]> qs = new ArrayList<>();
      for (int q = 0; q < 6; q++) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
          v[j] = (float) r.nextGaussian();
        }
        qs.add(v);
      }
      SearchFilter f = SearchFilter.builder().anyOf("g", List.of("g3", "g50")).build();
      List<List<SearchHit>> batch = fast.searchBatch(qs, 25, f);
      for (int q = 0; q < qs.size(); q++) {
        List<String> expected = scalar.search(qs.get(q), 25, f).stream().map(SearchHit::key).toList();
        assertEquals(expected, fast.search(qs.get(q), 25, f).stream().map(SearchHit::key).toList());
        assertEquals(expected, batch.get(q).stream().map(SearchHit::key).toList());
      }
      assertEquals(n, fast.size());
    }
  }

  @Test
  void savedIndexesRoundTripAndCorruptionIsDetected(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.rsm");
    try (ExactIndex idx = ExactIndex.open(new ExactIndexConfig(f.toString(), 3, Similarity.EUCLIDEAN))) {
      idx.upsert("a", new float[] {1, 2, 3}, Metadata.builder().put("genre", List.of("rock", "pop")).build());
      idx.upsert("b", new float[] {0, 0, 0}, Metadata.EMPTY);
      idx.commit();
    }
    try (ExactIndex idx = ExactIndex.open(new ExactIndexConfig(f.toString(), 3, Similarity.EUCLIDEAN))) {
      assertArrayEquals(new float[] {1, 2, 3}, idx.vector("a").orElseThrow());
      assertEquals(List.of("rock", "pop"), idx.metadata("a").orElseThrow().get("genre"));
      assertEquals("b", idx.search(new float[] {0, 0, 0.1f}, 1, SearchFilter.NONE).get(0).key());
    }
    ModelFormatException mismatch = assertThrows(ModelFormatException.class,
        () -> ExactIndex.open(new ExactIndexConfig(f.toString(), 4, Similarity.EUCLIDEAN)));
    assertTrue(mismatch.getMessage().contains("dimension 3"), mismatch.getMessage());
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      raf.write(0x7F);
    }
    ModelFormatException corrupt = assertThrows(ModelFormatException.class,
        () -> ExactIndex.open(new ExactIndexConfig(f.toString(), 3, Similarity.EUCLIDEAN)));
    assertTrue(corrupt.getMessage().contains("corrupted"), corrupt.getMessage());
  }

  @Test
  void configurationIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactIndexConfig.inMemory(0, Similarity.COSINE));
    assertEquals("dimension must be in [1, 4096]; dimension=0", e.getMessage());
  }
}
