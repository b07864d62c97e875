package dev.recsys.spark.graph;

import dev.recsys.core.kernels.TopK;
import dev.recsys.spark.io.IndexedVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The sharded k-nearest-neighbour similarity graph: vectors are split into shards by row (row mod shards), each
 * shard gets one index ({@link ShardIndex}: Lucene HNSW, or a full scan), every track queries every shard, and the
 * best {@code k} per track are kept across shards.
 *
 * <p>Each shard's index is built once, cached by Spark, and opened by the {@code shards x queryPartitions} query
 * tasks. Weights are exact cosines computed like the single-machine build; with {@link KnnGraphOptions.Search#EXACT}
 * the graph equals {@code SimilarityGraphBuilder.exact} on the same vectors. With HNSW, a seeded sample of tracks
 * is checked against exact search and the job fails when recall@k is below {@link KnnGraphOptions#minRecall()}.
 *
 * <p>Tracks with a zero or non-finite vector get no neighbours and are no one's neighbour (as on one machine).
 */
public final class KnnGraphJob {
  private KnnGraphJob() {}

  /**
   * The built graph (lazy rows cached by Spark) with what the build measured.
   *
   * @param edges the neighbours of every track that has a vector, keyed by row
   * @param tracks number of rows (tracks) of the input
   * @param dimension the vector dimension
   * @param tracksWithoutVector tracks with a zero or non-finite vector
   * @param recall recall@k of the sample against exact search (NaN when not checked)
   * @param sampled number of sampled tracks
   * @param indexBytes bytes of all shards' index files
   */
  public record Result(JavaPairRDD<Integer, Neighbours> edges, int tracks, int dimension, long tracksWithoutVector,
      double recall, int sampled, long indexBytes) {}

  /**
   * Builds the graph.
   *
   * @param jsc the Spark context
   * @param vectors the track vectors with dense rows {@code 0..n-1}
   * @param options the options
   * @return the result
   * @throws IllegalStateException when the sampled recall is below the minimum
   */
  public static Result run(JavaSparkContext jsc, JavaRDD<IndexedVector> vectors, KnnGraphOptions options) {
    Objects.requireNonNull(options, "options");
    LongAccumulator withoutVector = jsc.sc().longAccumulator("tracksWithoutVector");
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("no vectors to build a graph from");
    }
    int dimension = vectors.first().vector().length;
    int tracks = Math.toIntExact(vectors.count());
    int shards = options.shards();
    int k = Math.min(options.k(), Math.max(1, tracks - 1));

    // Unit vectors of the tracks that have one (the query side); cached, read by every shard.
    JavaPairRDD<Integer, float[]> unit = vectors.flatMapToPair(v -> {
      if (v.vector().length != dimension) {
        throw new IllegalArgumentException("every vector must have dimension " + dimension + "; track '" + v.id()
            + "' (row " + v.row() + ") has " + v.vector().length);
      }
      float[] u = v.unitOrNull();
      if (u == null) {
        withoutVector.add(1);
        return List.<Tuple2<Integer, float[]>>of().iterator();
      }
      return List.of(new Tuple2<>(v.row(), u)).iterator();
    }).repartition(options.queryPartitions()).persist(StorageLevel.MEMORY_AND_DISK());
    unit.count();

    JavaRDD<ShardIndex> shardIndexes = unit
        .mapToPair(e -> new Tuple2<>(Math.floorMod(e._1(), shards), e))
        .partitionBy(new HashPartitioner(shards))
        .mapPartitionsWithIndex((shard, it) -> {
          List<Map.Entry<Integer, float[]>> rows = new ArrayList<>();
          while (it.hasNext()) {
            Tuple2<Integer, float[]> e = it.next()._2();
            rows.add(Map.entry(e._1(), e._2()));
          }
          return List.of(ShardIndex.build(shard, dimension, rows, options)).iterator();
        }, true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long indexBytes = shardIndexes.map(ShardIndex::indexBytes).reduce(Long::sum);

    int finalK = k;
    JavaPairRDD<Integer, Neighbours> partial = shardIndexes.cartesian(unit.rdd().toJavaRDD())
        .mapPartitionsToPair(it -> new ShardQueries(it, finalK));
    JavaPairRDD<Integer, Neighbours> edges = partial
        .reduceByKey((a, b) -> Neighbours.merge(a, b, finalK), options.queryPartitions())
        .persist(StorageLevel.MEMORY_AND_DISK());
    edges.count();
    shardIndexes.unpersist(false);

    double recall = Double.NaN;
    int sampled = 0;
    if (options.recallSample() > 0) {
      Tuple2<Double, Integer> check = sampledRecall(jsc, unit, edges, tracks, finalK, options);
      recall = check._1();
      sampled = check._2();
      if (sampled > 0 && recall < options.minRecall()) {
        throw new IllegalStateException("recall@" + finalK + " of the sharded graph against exact search on " + sampled
            + " sampled tracks is " + recall + ", below the minimum " + options.minRecall()
            + "; raise searchCandidates (now " + options.searchCandidates() + ") or maxConnections (now "
            + options.maxConnections() + ")");
      }
    }
    unit.unpersist(false);
    return new Result(edges, tracks, dimension, withoutVector.value(), recall, sampled, indexBytes);
  }

  /** Queries a stream of (shard, query) pairs, opening each shard once. */
  private static final class ShardQueries implements Iterator<Tuple2<Integer, Neighbours>> {
    private final Iterator<Tuple2<ShardIndex, Tuple2<Integer, float[]>>> in;
    private final int k;
    private ShardIndex current;
    private ShardIndex.Searcher searcher;

    ShardQueries(Iterator<Tuple2<ShardIndex, Tuple2<Integer, float[]>>> in, int k) {
      this.in = in;
      this.k = k;
    }

    @Override
    public boolean hasNext() {
      boolean more = in.hasNext();
      if (!more) {
        closeSearcher();
      }
      return more;
    }

    @Override
    public Tuple2<Integer, Neighbours> next() {
      Tuple2<ShardIndex, Tuple2<Integer, float[]>> pair = in.next();
      try {
        if (pair._1() != current) {
          closeSearcher();
          current = pair._1();
          searcher = current.open();
        }
        int row = pair._2()._1();
        return new Tuple2<>(row, Neighbours.of(searcher.search(row, pair._2()._2(), k)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private void closeSearcher() {
      if (searcher != null) {
        try {
          searcher.close();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        searcher = null;
        current = null;
      }
    }
  }

  /**
   * Recall@k of the built neighbours of a seeded sample of tracks against an exact scan of all vectors.
   *
   * @return (recall, sampled tracks)
   */
  private static Tuple2<Double, Integer> sampledRecall(JavaSparkContext jsc, JavaPairRDD<Integer, float[]> unit,
      JavaPairRDD<Integer, Neighbours> edges, int tracks, int k, KnnGraphOptions options) {
    int[] rows = sampleRows(tracks, options.recallSample(), options.seed());
    java.util.Set<Integer> wanted = new java.util.HashSet<>();
    for (int r : rows) {
      wanted.add(r);
    }
    Broadcast<java.util.Set<Integer>> wantedB = jsc.broadcast(wanted);
    Map<Integer, float[]> queries = new HashMap<>(unit.filter(e -> wantedB.value().contains(e._1())).collectAsMap());
    if (queries.isEmpty()) {
      return new Tuple2<>(Double.NaN, 0);
    }
    int[] qRows = queries.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    float[][] qVecs = new float[qRows.length][];
    for (int i = 0; i < qRows.length; i++) {
      qVecs[i] = queries.get(qRows[i]);
    }
    Broadcast<int[]> qRowsB = jsc.broadcast(qRows);
    Broadcast<float[][]> qVecsB = jsc.broadcast(qVecs);
    Map<Integer, Neighbours> exact = unit.mapPartitionsToPair(it -> {
      int[] qr = qRowsB.value();
      float[][] qv = qVecsB.value();
      TopK[] heaps = new TopK[qr.length];
      for (int i = 0; i < qr.length; i++) {
        heaps[i] = new TopK(k);
      }
      while (it.hasNext()) {
        Tuple2<Integer, float[]> e = it.next();
        float[] v = e._2();
        for (int i = 0; i < qr.length; i++) {
          if (qr[i] != e._1()) {
            float s = 0f;
            for (int c = 0; c < v.length; c++) {
              s += qv[i][c] * v[c];
            }
            heaps[i].offer(e._1(), s);
          }
        }
      }
      List<Tuple2<Integer, Neighbours>> out = new ArrayList<>(qr.length);
      for (int i = 0; i < qr.length; i++) {
        out.add(new Tuple2<>(qr[i], Neighbours.of(heaps[i])));
      }
      return out.iterator();
    }).reduceByKey((a, b) -> Neighbours.merge(a, b, k)).collectAsMap();
    Map<Integer, Neighbours> built = edges.filter(e -> wantedB.value().contains(e._1())).collectAsMap();
    long hit = 0;
    long total = 0;
    for (Map.Entry<Integer, Neighbours> e : exact.entrySet()) {
      int[] truth = e.getValue().rows();
      Neighbours got = built.getOrDefault(e.getKey(), Neighbours.EMPTY);
      int[] mine = got.rows().clone();
      Arrays.sort(mine);
      for (int r : truth) {
        if (Arrays.binarySearch(mine, r) >= 0) {
          hit++;
        }
      }
      total += truth.length;
    }
    return new Tuple2<>(total == 0 ? 1.0 : (double) hit / total, queries.size());
  }

  /**
   * {@code m} distinct rows of {@code [0, n)} chosen by a seeded generator (Floyd's algorithm), sorted.
   *
   * @param n the number of rows
   * @param m the sample size (capped at n)
   * @param seed the seed
   * @return the sampled rows, ascending
   */
  static int[] sampleRows(int n, int m, long seed) {
    int size = Math.min(n, m);
    SplittableRandom rnd = new SplittableRandom(seed);
    java.util.Set<Integer> chosen = new java.util.TreeSet<>();
    for (int j = n - size; j < n; j++) {
      int t = rnd.nextInt(j + 1);
      if (!chosen.add(t)) {
        chosen.add(j);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
