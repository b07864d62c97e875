package dev.recsys.benchmarks.retrieval.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The codec and parameters of {@link RecsysHnswPeer} used directly: one document per row holding the vector
 * ({@link KnnFloatVectorField}, cosine) and the row number (doc values); {@code threads} threads add documents, the
 * index is merged to one segment and committed, the writer closed and a {@link DirectoryReader} opened on the
 * memory-mapped directory. A search runs a {@link KnnFloatVectorQuery} whose {@code k} is the beam and maps the top
 * documents to rows through an array read once from the doc values.
 */
final class LuceneRawPeer implements PeerIndex {
  static final String VECTOR = "vec";
  static final String ROW = "row";

  private final Directory directory;
  private final Path dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int[] docToRow;
  private int beam = PeerLibrary.BEAM_WIDTH;

  private LuceneRawPeer(Path dir, Directory directory, DirectoryReader reader, int[] docToRow) {
    this.dir = dir;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.docToRow = docToRow;
  }

  static LuceneRawPeer build(float[] data, int dim, int threads, Path dir) throws IOException {
    int n = data.length / dim;
    Files.createDirectories(dir);
    ExecutorService mergePool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    Directory directory = FSDirectory.open(dir);
    try {
      KnnVectorsFormat format = mergePool == null
          ? new Lucene99HnswVectorsFormat(PeerLibrary.M, PeerLibrary.BEAM_WIDTH)
          : new Lucene99HnswVectorsFormat(PeerLibrary.M, PeerLibrary.BEAM_WIDTH, threads, mergePool);
      Codec codec = new Lucene104Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return format;
        }
      };
      IndexWriterConfig iwc = new IndexWriterConfig().setCodec(codec).setRAMBufferSizeMB(PeerLibrary.ramBufferMb(data.length))
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      try (IndexWriter writer = new IndexWriter(directory, iwc)) {
        int step = (n + threads - 1) / threads;
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        ExecutorService addPool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        try {
          for (int p = 1; p < threads; p++) {
            int from = p * step;
            int to = Math.min(n, from + step);
            parts.add(CompletableFuture.runAsync(() -> add(writer, data, dim, from, to), addPool));
          }
          add(writer, data, dim, 0, Math.min(n, step));
          parts.forEach(CompletableFuture::join);
        } finally {
          if (addPool != null) {
            addPool.shutdown();
          }
        }
        writer.forceMerge(1);
        writer.commit();
      }
      DirectoryReader reader = DirectoryReader.open(directory);
      return new LuceneRawPeer(dir, directory, reader, docToRow(reader, n));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    } finally {
      if (mergePool != null) {
        mergePool.shutdown();
      }
    }
  }

  private static void add(IndexWriter writer, float[] data, int dim, int from, int to) {
    try {
      for (int i = from; i < to; i++) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(VECTOR, java.util.Arrays.copyOfRange(data, i * dim, i * dim + dim),
            VectorSimilarityFunction.COSINE));
        doc.add(new NumericDocValuesField(ROW, i));
        writer.addDocument(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] docToRow(DirectoryReader reader, int n) throws IOException {
    int[] out = new int[reader.maxDoc()];
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues rows = leaf.reader().getNumericDocValues(ROW);
      for (int d = rows.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = rows.nextDoc()) {
        out[leaf.docBase + d] = (int) rows.longValue();
      }
    }
    if (out.length != n) {
      throw new IllegalStateException("index holds " + out.length + " documents; expected " + n);
    }
    return out;
  }

  @Override
  public PeerLibrary library() {
    return PeerLibrary.LUCENE_RAW;
  }

  @Override
  public String parameterName() {
    return "k of KnnFloatVectorQuery";
  }

  @Override
  public int beam() {
    return beam;
  }

  @Override
  public void beam(int beam) {
    this.beam = beam;
  }

  /** The rows of the top {@code k} documents. */
  @Override
  public int[] search(float[] query, int k) throws IOException {
    TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, Math.max(k, beam)), k);
    int[] rows = new int[top.scoreDocs.length];
    ScoreDoc[] docs = top.scoreDocs;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = docToRow[docs[i].doc];
    }
    return rows;
  }

  @Override
  public int[] rows(Object result) {
    return (int[]) result;
  }

  @Override
  public long diskBytes() throws IOException {
    return directoryBytes(dir);
  }

  /** Total size of the regular files under {@code dir}. */
  static long directoryBytes(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      long sum = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sum += Files.size(f);
      }
      return sum;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      directory.close();
    }
  }
}
