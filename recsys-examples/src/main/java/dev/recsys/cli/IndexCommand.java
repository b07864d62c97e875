package dev.recsys.cli;

import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.retrieval.Quantization;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys index --model DIR}: builds the persistent HNSW index of a model directory's track vectors
 * ({@code track-vectors.rsm} -> {@code track-index/}). The index is built beside the old one and swapped in when
 * complete, so an interrupted build leaves the previous index usable. With {@code --index solr} the vectors go to a
 * SolrCloud collection instead ({@code --zk} or {@code --solr-url}, {@code --collection}): its content is replaced,
 * visibly to searches at the final commit.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Build the vector index of a model directory's track vectors: embedded HNSW (default) or a SolrCloud collection.")
final class IndexCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory (output of 'recsys embed').")
  Path model;

  @Option(names = "--similarity", defaultValue = "COSINE", description = "COSINE, DOT_PRODUCT or EUCLIDEAN (default: ${DEFAULT-VALUE}).")
  Similarity similarity;

  @Option(names = "--max-connections", defaultValue = "16", description = "HNSW neighbours per node (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--beam-width", defaultValue = "100", description = "HNSW construction beam width (default: ${DEFAULT-VALUE}).")
  int beamWidth;

  @Option(names = "--quantization", defaultValue = "NONE", description = "NONE, INT8, INT7, INT4 or BINARY (default: ${DEFAULT-VALUE}).")
  Quantization quantization;

  @Option(names = "--threads", description = "Indexing threads (default: all cores).")
  Integer threads;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--index", defaultValue = "lucene", paramLabel = "lucene|solr",
      description = "Where the index goes: lucene (the model directory's track-index/) or solr (a SolrCloud collection) (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--zk", paramLabel = "HOST:PORT[/CHROOT]", description = "With --index solr: ZooKeeper of the SolrCloud.")
  String zkHosts;

  @Option(names = "--solr-url", paramLabel = "URL", description = "With --index solr: a Solr node's base URL (repeatable; instead of --zk).")
  java.util.List<String> solrUrls;

  @Option(names = "--collection", defaultValue = "tracks", description = "With --index solr: the collection (default: ${DEFAULT-VALUE}).")
  String collection;

  @Option(names = "--shards", defaultValue = "1", description = "With --index solr: shards of a new collection (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--replicas", defaultValue = "1", description = "With --index solr: replicas per shard of a new collection (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--user", description = "With --index solr: basic-authentication user.")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR", description = "With --index solr: environment variable holding the password of --user.")
  String passwordEnv;

  @Override
  public Integer call() throws IOException {
    ModelDirectory dir = new ModelDirectory(model);
    TrackVectors vectors = TrackVectors.load(dir.require(dir.trackVectors(), "recsys embed"));
    switch (engine) {
      case "lucene" -> { }
      case "solr" -> {
        return toSolr(vectors);
      }
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--index must be lucene or solr; --index=" + engine);
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Path target = dir.trackIndex();
    Path building = target.resolveSibling(target.getFileName() + ".building");
    deleteTree(building);
    long start = System.nanoTime();
    LuceneHnswConfig config = LuceneHnswConfig.builder().path(building).dimension(vectors.dimension())
        .similarity(similarity).maxConnections(maxConnections).beamWidth(beamWidth).quantization(quantization)
        .ramBufferMb(Math.max(64, Math.min(4096, 3.0 * vectors.data().length * 4 / (1 << 20))))
        .mergeWorkers(Math.min(64, Math.max(1, t))).build();
    int segments;
    try (LuceneHnswIndex index = LuceneHnswIndex.open(config)) {
      // vectors first, then the one graph of the single final segment (no per-segment graphs rebuilt by the merge)
      try (ProgressBar bar = new ProgressBar("HNSW index (vectors, then one graph)", 1)) {
        index.bulkLoad(vectors.ids(), vectors.data(), vectors.metadata(), t);
        bar.step(vectors.size() + " vectors");
      }
      segments = index.segmentCount();
    }
    deleteTree(target);
    Files.move(building, target);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", target.toString());
      m.put("vectors", vectors.size());
      m.put("dimension", vectors.dimension());
      m.put("similarity", similarity);
      m.put("quantization", quantization);
      m.put("segments", segments);
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      Json.print(out, m);
    } else {
      out.printf(java.util.Locale.ROOT, "indexed %d vectors of dimension %d (%s, %s) into %s in %.1f s%n",
          vectors.size(), vectors.dimension(), similarity, quantization, target, seconds);
      out.flush();
    }
    return 0;
  }

  private int toSolr(TrackVectors vectors) throws IOException {
    if ((zkHosts == null) == (solrUrls == null || solrUrls.isEmpty())) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--index solr needs --zk or --solr-url (one of them)");
    }
    dev.recsys.solr.SolrConfig.Builder b = dev.recsys.solr.SolrConfig.builder();
    if (zkHosts != null) {
      b.zkHosts(zkHosts);
    } else {
      b.solrUrls(solrUrls);
    }
    if (user != null) {
      b.basicAuth(user, passwordEnv);
    }
    dev.recsys.solr.SolrConfig config = b.collection(collection).dimension(vectors.dimension()).similarity(similarity)
        .layout(shards, replicas).hnsw(maxConnections, beamWidth).build();
    long start = System.nanoTime();
    int size;
    try (dev.recsys.solr.SolrVectorIndex index = dev.recsys.solr.SolrVectorIndex.open(config)) {
      index.deleteAll();
      for (int i = 0; i < vectors.size(); i++) {
        index.upsert(vectors.ids().get(i), vectors.vector(i), vectors.metadata().get(i));
      }
      index.commit();
      size = index.size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", "solr");
      m.put("collection", collection);
      m.put("target", config.target());
      m.put("vectors", size);
      m.put("dimension", vectors.dimension());
      m.put("similarity", similarity);
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      Json.print(out, m);
    } else {
      out.printf(java.util.Locale.ROOT, "indexed %d vectors of dimension %d (%s) into %s in %.1f s%n", size,
          vectors.dimension(), similarity, config.target(), seconds);
      out.flush();
    }
    return 0;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
