package dev.recsys.core.retrieval.internal;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104ScalarQuantizedVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Lucene's HNSW graph over optimized-scalar-quantized vectors ({@link Lucene104HnswScalarQuantizedVectorsFormat}:
 * the same files, written by Lucene's writer) read with {@link QuantizedQueryScorer}, a leaner query scorer
 * for 8-, 7- and 4-bit vectors. Registered under its own name ({@value #NAME}) so that Lucene
 * reopens the segments it writes with this reader; segments written by Lucene's own format keep Lucene's reader.
 */
public final class QuantizedHnswFormat extends KnnVectorsFormat {
  /** The format's name in segments (and in {@code META-INF/services}). */
  public static final String NAME = "RecsysHnswScalarQuantized";

  private static final QuantizedQueryScorer SCORER =
      new QuantizedQueryScorer(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());
  private static final Lucene99FlatVectorsFormat RAW = new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  private final KnnVectorsFormat writeFormat;

  /** The reading instance Lucene loads by name; it cannot write. */
  public QuantizedHnswFormat() {
    super(NAME);
    this.writeFormat = null;
  }

  /**
   * A writing instance; the arguments are those of {@link Lucene104HnswScalarQuantizedVectorsFormat}.
   *
   * @param encoding the quantization
   * @param maxConn HNSW neighbours per node
   * @param beamWidth construction beam width
   * @param mergeWorkers graph-building threads of a merge
   * @param mergeExec their executor (null for one worker)
   * @param tinySegmentsThreshold segments below this (Lucene's measure) get no graph
   */
  public QuantizedHnswFormat(ScalarEncoding encoding, int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeExec,
      int tinySegmentsThreshold) {
    super(NAME);
    this.writeFormat = new Lucene104HnswScalarQuantizedVectorsFormat(encoding, maxConn, beamWidth, mergeWorkers, mergeExec,
        tinySegmentsThreshold);
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    if (writeFormat == null) {
      throw new UnsupportedOperationException(NAME + " loaded by name only reads; write with a configured instance");
    }
    return writeFormat.fieldsWriter(state);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return new Lucene99HnswVectorsReader(state, new Lucene104ScalarQuantizedVectorsReader(state, RAW.fieldsReader(state), SCORER));
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return 1024;
  }

  @Override
  public String toString() {
    return NAME + "(" + (writeFormat == null ? "reader" : writeFormat.toString()) + ")";
  }
}
