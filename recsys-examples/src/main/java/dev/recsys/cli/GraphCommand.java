package dev.recsys.cli;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys graph}: builds the song-similarity graph of a model directory's track vectors. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Build the k-nearest-neighbour similarity graph of a model directory's track vectors.")
final class GraphCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory (reads track-vectors.rsm, writes similarity-graph.rsm).")
  Path model;

  @Option(names = "--k", defaultValue = "50", description = "Neighbours per track (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--symmetric", description = "Add the reverse of every edge.")
  boolean symmetric;

  @Option(names = "--threads", description = "Build threads (default: available processors).")
  Integer threads;

  @Option(names = "--data", description = "Catalogue data set (e.g. spotify-songs:PATH); default: the vectors' metadata.")
  String data;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ModelDirectory dir = new ModelDirectory(model);
    TrackVectors vectors = TrackVectors.load(dir.require(dir.trackVectors(), "recsys embed"));
    Catalog catalog = ModelCatalogs.load(dir, data, vectors);
    SimilarityGraphConfig cfg = new SimilarityGraphConfig(k, symmetric,
        threads == null ? Runtime.getRuntime().availableProcessors() : threads, 1024);
    SimilarityGraphBuilder.Result r;
    try (ProgressBar bar = new ProgressBar("similarity graph (k=" + k + ")", catalog.size())) {
      r = SimilarityGraphBuilder.exact(vectors, catalog, cfg, bar.asListener());
    }
    Fingerprint fp = new Fingerprint().add(vectors.size()).add(vectors.dimension()).add(vectors.data());
    r.graph().withProvenance(Provenance.now(0, fp.value())).save(dir.similarityGraph());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", dir.similarityGraph().toString());
    out.put("tracks", r.graph().size());
    out.put("edges", r.graph().edgeCount());
    out.put("isolated", r.graph().isolatedCount());
    out.put("tracksWithoutVector", r.tracksWithoutVector());
    out.put("vectorsNotInCatalog", r.vectorsNotInCatalog());
    out.put("millis", r.millis());
    out.put("config", cfg);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, out);
    } else {
      pw.printf("wrote %s: %d tracks, %d edges (k=%d%s), %d isolated, %d tracks without a vector, %d vectors not in the catalogue, %d ms%n",
          dir.similarityGraph(), r.graph().size(), r.graph().edgeCount(), k, symmetric ? ", symmetrised" : "", r.graph().isolatedCount(),
          r.tracksWithoutVector(), r.vectorsNotInCatalog(), r.millis());
      pw.flush();
    }
    return 0;
  }
}
