package dev.recsys.spark.io;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Reads the project's input formats into Spark tables with the single-machine readers' rules: every file is read
 * by one task running the same {@code DataSource} ({@link Datasets#open}) that {@code recsys} runs on one machine,
 * so every row is validated by the same code. Skipped rows, skip reasons and the first problems travel back
 * through accumulators; in strict mode the first bad row fails the job with the reader's message, which names the
 * file, line and column.
 *
 * <p>The unit of parallelism is the file: a directory of part files (events split into files, the MPD's slices)
 * reads in parallel, one file after another in a task. Records a format repeats across files (a track in two MPD
 * slices) are kept once, the first in file-name order, as the single-machine reader keeps them. Files must be
 * readable at the same path by every executor (local mode, or a file system mounted on every node).
 *
 * <p>Tables and columns: {@code tracks} (see {@link #TRACKS}), {@code playlists}, {@code events},
 * {@code interactions}; each written as Parquet under the output directory by {@link Tables#writeParquet}.
 */
public final class DatasetReader {
  /** Columns of the {@code tracks} table; {@code json} is the catalogue line of the track (lossless). */
  public static final StructType TRACKS;
  /** Columns of the {@code playlists} table. */
  public static final StructType PLAYLISTS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("name", DataTypes.StringType, true)
      .add("owner", DataTypes.StringType, true)
      .add("track_ids", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("genres", DataTypes.createArrayType(DataTypes.StringType, false), false);
  /** Columns of the {@code events} table (timestamp in epoch milliseconds). */
  public static final StructType EVENTS = new StructType()
      .add("listener", DataTypes.StringType, false)
      .add("track", DataTypes.StringType, false)
      .add("timestamp", DataTypes.LongType, false)
      .add("ms_played", DataTypes.LongType, true)
      .add("outcome", DataTypes.StringType, false)
      .add("liked", DataTypes.BooleanType, false)
      .add("context", DataTypes.StringType, true);
  /** Columns of the {@code interactions} table (timestamp null when the source has none). */
  public static final StructType INTERACTIONS = new StructType()
      .add("user", DataTypes.StringType, false)
      .add("item", DataTypes.StringType, false)
      .add("weight", DataTypes.DoubleType, false)
      .add("timestamp", DataTypes.LongType, true)
      .add("skipped", DataTypes.BooleanType, false);

  static {
    StructType t = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("title", DataTypes.StringType, true)
        .add("artists", DataTypes.createArrayType(DataTypes.StringType, false), false)
        .add("album", DataTypes.StringType, true)
        .add("release_date", DataTypes.StringType, true)
        .add("duration_ms", DataTypes.LongType, true)
        .add("popularity", DataTypes.IntegerType, true)
        .add("explicit", DataTypes.BooleanType, true)
        .add("genres", DataTypes.createArrayType(DataTypes.StringType, false), false);
    for (AudioFeature f : AudioFeature.values()) {
      t = t.add(f.column(), DataTypes.DoubleType, true);
    }
    TRACKS = t.add("json", DataTypes.StringType, false);
  }

  /** Table names, in output order. */
  public static final List<String> TABLES = List.of("tracks", "playlists", "events", "interactions");

  private DatasetReader() {}

  /**
   * The tables of a read with its summary.
   *
   * @param tables non-empty tables by name ({@link #TABLES})
   * @param summary the counts
   */
  public record Tables(Map<String, Dataset<Row>> tables, ReadSummary summary) {
    /**
     * Writes every table as Parquet under {@code dir}/{@code name} (replacing what is there).
     *
     * @param dir the output directory
     */
    public void writeParquet(String dir) {
      tables.forEach((name, t) -> t.write().mode(SaveMode.Overwrite).parquet(dir + "/" + name));
    }
  }

  /**
   * Reads a data set.
   *
   * @param spark the session
   * @param spec {@code KIND:PATH} as for the single-machine readers; PATH may be a directory of part files
   * @param options strict or lenient, and how many problems to keep per file
   * @return the tables and the summary
   * @throws IOException if the input cannot be listed
   * @throws DataFormatException in strict mode, with the first bad row's file, line and column
   */
  public static Tables read(SparkSession spark, String spec, ReadOptions options) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> specs = fileSpecs(spec);
    LongAccumulator rowsRead = jsc.sc().longAccumulator("rowsRead");
    LongAccumulator rowsSkipped = jsc.sc().longAccumulator("rowsSkipped");
    CountsAccumulator reasons = new CountsAccumulator();
    jsc.sc().register(reasons, "skipReasons");
    CollectionAccumulator<String> problems = jsc.sc().collectionAccumulator("firstProblems");
    ReadOptions.Mode mode = options.mode();
    int maxProblems = options.maxProblems();
    List<Tuple2<Integer, String>> indexed = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      indexed.add(new Tuple2<>(i, specs.get(i)));
    }
    // (table, (file, seq), row)
    JavaRDD<Tuple2<String, Tuple2<Long, Row>>> records = jsc.parallelize(indexed, Math.max(1, indexed.size())).flatMap(f -> {
      Collector c = new Collector(f._1());
      ReadReport report = Datasets.open(f._2(), new ReadOptions(mode, maxProblems, java.util.Optional.empty(), 100_000)).read(c);
      rowsRead.add(report.rowsRead());
      rowsSkipped.add(report.rowsSkipped());
      reasons.add(report.skipReasons());
      report.firstProblems().forEach(problems::add);
      return c.out.iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      records.count();
    } catch (Exception e) { // SparkException, thrown undeclared by Scala code
      throw unwrap(e);
    }
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      JavaRDD<Tuple2<Long, Row>> rows = records.filter(r -> r._1().equals(table)).map(Tuple2::_2);
      if (rows.isEmpty()) {
        continue;
      }
      if (table.equals("tracks")) {
        // first occurrence of each id in (file, position) order
        rows = rows.mapToPair(r -> new Tuple2<>(r._2().getString(0), r))
            .reduceByKey((a, b) -> a._1() <= b._1() ? a : b).values();
      }
      JavaRDD<Row> ordered = rows.sortBy(Tuple2::_1, true, Math.max(1, rows.getNumPartitions())).map(Tuple2::_2);
      Dataset<Row> df = spark.createDataFrame(ordered, schema(table));
      tables.put(table, df);
      counts.put(table, df.count());
    }
    ReadSummary summary = new ReadSummary(specs.size(), rowsRead.value(), rowsSkipped.value(), reasons.value(),
        problems.value(), counts);
    return new Tables(tables, summary);
  }

  /** The schema of a table. */
  static StructType schema(String table) {
    return switch (table) {
      case "tracks" -> TRACKS;
      case "playlists" -> PLAYLISTS;
      case "events" -> EVENTS;
      case "interactions" -> INTERACTIONS;
      default -> throw new IllegalArgumentException("unknown table '" + table + "'; known: " + TABLES);
    };
  }

  /**
   * One specification per file to read: a directory (other than a MovieLens directory, read whole) becomes one
   * {@code KIND:FILE} per regular file in it, sorted by name, hidden and {@code _}-prefixed files left out.
   *
   * @param spec the data set specification
   * @return the per-file specifications
   * @throws IOException if the directory cannot be listed
   */
  static List<String> fileSpecs(String spec) throws IOException {
    String kind = null;
    String rest = spec;
    int colon = spec.indexOf(':');
    if (colon > 0 && Datasets.KINDS.contains(spec.substring(0, colon).toLowerCase(Locale.ROOT))) {
      kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
      rest = spec.substring(colon + 1);
    }
    Path path = Path.of(rest);
    boolean movielens = "movielens".equals(kind) || (kind == null && Files.isDirectory(path)
        && (Files.isRegularFile(path.resolve("ratings.csv")) || Files.isRegularFile(path.resolve("u.data"))));
    if (!Files.isDirectory(path) || movielens || rest.contains("#")) {
      Datasets.open(spec, ReadOptions.LENIENT); // checks the specification and that the path exists
      return List.of(spec);
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(path)) {
      for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        out.add(kind == null ? f.toString() : kind + ":" + f);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("directory " + path + " (from data specification '" + spec + "') holds no files to read");
    }
    return out;
  }

  /**
   * The reader's own exception when a task failed on bad input, else the failure as an {@code IOException}.
   *
   * @param e what the job threw (usually a {@code SparkException} wrapping the task's failure)
   * @return the exception to throw
   */
  static IOException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException d) {
        return new DataFormatException(d.file(), d.line(), d.column(), d.columnName(), d.rule(), d.detail());
      }
    }
    String msg = String.valueOf(e.getMessage());
    int at = msg.indexOf(DataFormatException.class.getName() + ": ");
    if (at >= 0) {
      String line = msg.substring(at + DataFormatException.class.getName().length() + 2);
      int end = line.indexOf('\n');
      return new IOException(end < 0 ? line : line.substring(0, end), e);
    }
    return new IOException(msg, e);
  }

  /** Turns the records of one file into table rows, numbered in reading order. */
  private static final class Collector implements MusicDataHandler, Serializable {
    private static final long serialVersionUID = 1L;
    private final long base;
    private final List<Tuple2<String, Tuple2<Long, Row>>> out = new ArrayList<>();

    Collector(int file) {
      this.base = (long) file << 40;
    }

    private void add(String table, Row row) {
      out.add(new Tuple2<>(table, new Tuple2<>(base + out.size(), row)));
    }

    @Override
    public void track(Track t) {
      add("tracks", TrackRows.toRow(t));
    }

    @Override
    public void playlist(Playlist p) {
      add("playlists", RowFactory.create(p.id(), p.name().orElse(null), p.ownerId().orElse(null),
          p.trackIds().toArray(String[]::new), p.genres().toArray(String[]::new)));
    }

    @Override
    public void event(ListeningEvent e) {
      add("events", RowFactory.create(e.listenerId(), e.trackId(), e.timestamp().toEpochMilli(),
          e.msPlayed().isPresent() ? e.msPlayed().getAsLong() : null, e.outcome().name(), e.liked(), e.context().orElse(null)));
    }

    @Override
    public void interaction(Interaction x) {
      add("interactions", RowFactory.create(x.userId(), x.itemId(), x.weight(),
          x.hasTimestamp() ? x.timestamp() : null, x.skipped()));
    }
  }
}
