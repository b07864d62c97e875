package dev.recsys.core.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.retrieval.Quantization;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene104.Lucene104ScalarQuantizedVectorScorer;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizedQueryScorerTest {
  /**
   * On an 8-, 7- or 4-bit index the lean query scorer gives Lucene's scores bit for bit, for every similarity, on every
   * stored vector.
   */
  @Test
  void scoresAsLucenesScorerDoes(@TempDir Path dir) throws IOException {
    int n = 700;
    int dim = 37; // not a multiple of the SIMD width
    SplittableRandom r = new SplittableRandom(3);
    float[] data = new float[n * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add("k" + i);
    }
    var delegate = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
    QuantizedQueryScorer ours = new QuantizedQueryScorer(delegate);
    Lucene104ScalarQuantizedVectorScorer lucene = new Lucene104ScalarQuantizedVectorScorer(delegate);
    for (Quantization quant : List.of(Quantization.INT7, Quantization.INT8, Quantization.INT4)) {
      for (Similarity similarity : Similarity.values()) {
        Path p = dir.resolve(quant + "-" + similarity);
        try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswConfig.builder().path(p).dimension(dim)
            .similarity(similarity).quantization(quant).mergeWorkers(1).build())) {
          idx.upsertAll(keys, data, Collections.nCopies(n, Metadata.EMPTY), 1);
          idx.commit();
        }
        try (Directory d = FSDirectory.open(p); DirectoryReader reader = DirectoryReader.open(d)) {
          var fields = (PerFieldKnnVectorsFormat.FieldsReader) ((CodecReader) reader.leaves().get(0).reader()).getVectorReader();
          var hnsw = (Lucene99HnswVectorsReader) fields.getFieldReader("_vec");
          var values = (QuantizedByteVectorValues) hnsw.getQuantizedVectorValues("_vec");
          VectorSimilarityFunction function = reader.leaves().get(0).reader().getFieldInfos().fieldInfo("_vec")
              .getVectorSimilarityFunction();
          for (int t = 0; t < 5; t++) {
            float[] query = new float[dim];
            for (int j = 0; j < dim; j++) {
              query[j] = (float) r.nextGaussian();
            }
            RandomVectorScorer expected = lucene.getRandomVectorScorer(function, values.copy(), query);
            RandomVectorScorer actual = ours.getRandomVectorScorer(function, values.copy(), query);
            assertNotEquals(expected.getClass(), actual.getClass(), "the in-place scorer, not Lucene's fallback");
            for (int ord = 0; ord < n; ord++) {
              assertEquals(expected.score(ord), actual.score(ord), 0f, quant + " " + similarity + " ord " + ord);
            }
          }
        }
      }
    }
  }
}
