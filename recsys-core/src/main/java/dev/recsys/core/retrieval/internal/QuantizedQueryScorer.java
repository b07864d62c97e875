package dev.recsys.core.retrieval.internal;

import java.io.IOException;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.lucene104.Lucene104ScalarQuantizedVectorScorer;
import org.apache.lucene.codecs.lucene104.OffHeapScalarQuantizedVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Lucene's scorer of optimized-scalar-quantized vectors, with a leaner query scorer for 8-, 7- and 4-bit vectors: each
 * visited vector is read with one positional copy of its bytes and two reads of its four corrective terms (no seek,
 * no per-vector record), then scored with Lucene's SIMD byte (or packed 4-bit) dot product. The score is Lucene's (same formula, same
 * operation order; checked against it by the tests). Other encodings and the scorers of graph construction are
 * Lucene's.
 */
final class QuantizedQueryScorer extends Lucene104ScalarQuantizedVectorScorer {
  /** Bytes of the corrective terms after each vector: lower, upper, additional (floats), component sum (int). */
  private static final int CORRECTIONS = 3 * Float.BYTES + Integer.BYTES;

  QuantizedQueryScorer(FlatVectorsScorer nonQuantizedDelegate) {
    super(nonQuantizedDelegate);
  }

  @Override
  public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity, KnnVectorValues values, float[] target)
      throws IOException {
    if (values instanceof OffHeapScalarQuantizedVectorValues qv && qv.size() > 0 && lean(qv.getScalarEncoding())
        && qv.getSlice() instanceof RandomAccessInput data) {
      ScalarEncoding encoding = qv.getScalarEncoding();
      int queryLength = encoding.getDiscreteDimensions(qv.dimension());
      int length = encoding.getDocPackedLength(queryLength);
      long stride = (long) length + CORRECTIONS;
      if (qv.vectorValue(0).length == length && data.length() == stride * qv.size()) {
        return scorer(similarity, qv, target, data, queryLength, length, stride);
      }
    }
    return super.getRandomVectorScorer(similarity, values, target);
  }

  /** The encodings scored here: one byte per component (7 and 8 bits) and two per byte (4 bits). */
  static boolean lean(ScalarEncoding encoding) {
    return encoding == ScalarEncoding.SEVEN_BIT || encoding == ScalarEncoding.UNSIGNED_BYTE
        || encoding == ScalarEncoding.PACKED_NIBBLE;
  }

  private static RandomVectorScorer scorer(VectorSimilarityFunction similarity, QuantizedByteVectorValues qv, float[] target,
      RandomAccessInput data, int queryLength, int length, long stride) throws IOException {
    if (target.length != qv.dimension()) {
      throw new IllegalArgumentException("vector query dimension: " + target.length + " differs from field dimension: "
          + qv.dimension());
    }
    ScalarEncoding encoding = qv.getScalarEncoding();
    byte[] query = new byte[queryLength];
    float[] copy = target.clone();
    if (similarity == VectorSimilarityFunction.COSINE) {
      VectorUtil.l2normalize(copy);
    }
    OptimizedScalarQuantizer.QuantizationResult q =
        qv.getQuantizer().scalarQuantize(copy, query, encoding.getQueryBits(), qv.getCentroid());
    float scale = 1f / ((1 << encoding.getBits()) - 1);
    float queryScale = 1f / ((1 << encoding.getQueryBits()) - 1);
    float ay = q.lowerInterval();
    float ly = (q.upperInterval() - ay) * queryScale;
    float y1 = q.quantizedComponentSum();
    float queryAdditional = q.additionalCorrection();
    float centroidDp = qv.getCentroidDP();
    int dimension = qv.dimension();
    byte[] stored = new byte[length];
    return new RandomVectorScorer.AbstractRandomVectorScorer(qv) {
      @Override
      public float score(int node) throws IOException {
        long offset = node * stride;
        data.readBytes(offset, stored, 0, length);
        float qcDist = switch (encoding) {
          case UNSIGNED_BYTE -> VectorUtil.uint8DotProduct(query, stored);
          case PACKED_NIBBLE -> VectorUtil.int4DotProductSinglePacked(query, stored);
          default -> VectorUtil.dotProduct(query, stored);
        };
        // little-endian: lower and upper interval, then the additional correction and the component sum
        long bounds = data.readLong(offset + length);
        long rest = data.readLong(offset + length + Long.BYTES);
        float ax = Float.intBitsToFloat((int) bounds);
        float lx = (Float.intBitsToFloat((int) (bounds >>> 32)) - ax) * scale;
        float indexAdditional = Float.intBitsToFloat((int) rest);
        float x1 = (int) (rest >>> 32);
        float score = ax * ay * dimension + ay * lx * x1 + ax * ly * y1 + lx * ly * qcDist;
        if (similarity == VectorSimilarityFunction.EUCLIDEAN) {
          score = queryAdditional + indexAdditional - 2 * score;
          return Math.max(1 / (1f + score), 0);
        }
        score += queryAdditional + indexAdditional - centroidDp;
        if (similarity == VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT) {
          return VectorUtil.scaleMaxInnerProductScore(score);
        }
        return Math.max((1f + score) / 2f, 0);
      }
    };
  }
}
