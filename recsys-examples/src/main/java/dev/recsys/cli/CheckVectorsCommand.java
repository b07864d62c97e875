package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.embedding.NeighbourhoodQuality;
import dev.recsys.quality.Labelings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys check-vectors}: an independent check of exported track vectors. Reads the CSV written by
 * {@code recsys embed --export-vectors} and the catalogue it came from, finds every track's nearest neighbours by a
 * plain double-precision cosine scan written here (not the library's blocked kNN), and compares the share of
 * neighbours sharing a label with the same measure on the raw feature matrix, paired per track with a bootstrap
 * interval.
 */
@Command(name = "check-vectors", mixinStandardHelpOptions = true,
    description = {"Recompute, independently of the library's kNN, the neighbour agreement (genre, subgenre,",
        "playlist) of vectors exported by 'recsys embed --export-vectors', against the raw feature matrix."})
final class CheckVectorsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--vectors", paramLabel = "FILE", required = true, description = "CSV track_id,v0..vN.")
  Path vectors;

  @Option(names = "--tracks", paramLabel = "FILE", required = true, description = "The catalogue the vectors embed.")
  String tracks;

  @Option(names = "--neighbours", paramLabel = "K", defaultValue = "10", description = "Neighbours (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /**
   * One labelling's comparison.
   *
   * @param label the labelling
   * @param vectors agreement of the exported vectors
   * @param raw agreement of the raw feature matrix
   * @param difference paired per-track difference vectors - raw
   */
  record Check(String label, Estimate vectors, Estimate raw, Estimate difference) {}

  @Override
  public Integer call() throws Exception {
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("--neighbours must be in [1, 1000]; got " + k);
    }
    MusicDataset ds = Datasets.load(EmbedCommand.datasetSpec(tracks), ReadOptions.LENIENT);
    Catalog catalog = ds.catalog();
    float[][] v = readVectors(vectors, catalog);
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    float[][] raw = new float[x.rows()][];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = x.row(i);
    }
    int[][] nnV = ProgressBar.step("neighbours of the vectors", () -> neighbours(v, k));
    int[][] nnRaw = ProgressBar.step("neighbours of the features", () -> neighbours(raw, k));
    Map<String, Check> out = new LinkedHashMap<>();
    for (NeighbourhoodQuality.Labels l : Labelings.of(ds)) {
      double[] a = agreement(nnV, l.labels());
      double[] b = agreement(nnRaw, l.labels());
      int[] rows = IntStream.range(0, a.length).filter(i -> !Double.isNaN(a[i])).toArray();
      double[] va = Arrays.stream(rows).mapToDouble(i -> a[i]).toArray();
      double[] vb = Arrays.stream(rows).mapToDouble(i -> b[i]).toArray();
      double[] d = Arrays.stream(rows).mapToDouble(i -> a[i] - b[i]).toArray();
      out.put(l.name(), new Check(l.name(), Estimate.bootstrap(va, bootstrap, 0.95, seed),
          Estimate.bootstrap(vb, bootstrap, 0.95, seed), Estimate.bootstrap(d, bootstrap, 0.95, seed)));
    }
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, out.values());
    } else {
      pw.printf(Locale.ROOT, "%s: %,d tracks, %d dimensions; %d nearest neighbours by cosine (independent scan)%n",
          vectors, v.length, v[0].length, k);
      for (Check c : out.values()) {
        pw.printf(Locale.ROOT, "  %-9s vectors %.4f [%.4f, %.4f]  raw %.4f [%.4f, %.4f]  difference %+.4f [%+.4f, %+.4f]%s%n",
            c.label(), c.vectors().mean(), c.vectors().lower(), c.vectors().upper(), c.raw().mean(), c.raw().lower(),
            c.raw().upper(), c.difference().mean(), c.difference().lower(), c.difference().upper(),
            c.difference().lower() > 0 ? "  vectors better" : "");
      }
      pw.flush();
    }
    return 0;
  }

  /** The exported vectors in catalogue order; every catalogue track must have exactly one row. */
  static float[][] readVectors(Path file, Catalog catalog) throws IOException {
    float[][] out = new float[catalog.size()][];
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null || !header.startsWith("track_id,")) {
        throw new IOException(file + ":1: expected a header 'track_id,v0,...'; got " + header);
      }
      int dim = header.split(",", -1).length - 1;
      String line;
      int no = 1;
      while ((line = r.readLine()) != null) {
        no++;
        String id;
        String rest;
        if (line.startsWith("\"")) {
          StringBuilder sb = new StringBuilder();
          int i = 1;
          while (true) {
            if (i >= line.length()) {
              throw new IOException(file + ":" + no + ": unterminated quoted track_id");
            }
            char ch = line.charAt(i);
            if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
            } else if (ch == '"') {
              break;
            } else {
              sb.append(ch);
              i++;
            }
          }
          if (i + 1 >= line.length() || line.charAt(i + 1) != ',') {
            throw new IOException(file + ":" + no + ": expected ',' after the quoted track_id");
          }
          id = sb.toString();
          rest = line.substring(i + 2);
        } else {
          int c = line.indexOf(',');
          if (c < 0) {
            throw new IOException(file + ":" + no + ": expected " + (dim + 1) + " fields; got 1");
          }
          id = line.substring(0, c);
          rest = line.substring(c + 1);
        }
        String[] f = rest.split(",", -1);
        if (f.length != dim) {
          throw new IOException(file + ":" + no + ": expected " + dim + " values after track_id; got " + f.length);
        }
        int t = catalog.indexOf(id);
        if (t < 0) {
          throw new IOException(file + ":" + no + ": track_id '" + id + "' is not in the catalogue");
        }
        if (out[t] != null) {
          throw new IOException(file + ":" + no + ": track_id '" + id + "' repeats");
        }
        float[] row = new float[dim];
        for (int j = 0; j < dim; j++) {
          try {
            row[j] = Float.parseFloat(f[j]);
          } catch (NumberFormatException e) {
            throw new IOException(file + ":" + no + ": column v" + j + " is not a number: '" + f[j] + "'");
          }
        }
        out[t] = row;
      }
    }
    for (int t = 0; t < out.length; t++) {
      if (out[t] == null) {
        throw new IOException(file + ": no vector for catalogue track '" + catalog.get(t).id() + "'");
      }
    }
    return out;
  }

  /** Every row's {@code k} most cosine-similar other rows (ties by lower index), by a plain scan in double. */
  static int[][] neighbours(float[][] rows, int k) {
    int n = rows.length;
    if (n <= k) {
      throw new IllegalArgumentException("need more than k=" + k + " rows; have " + n);
    }
    double[][] unit = new double[n][];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (float f : rows[i]) {
        s += (double) f * f;
      }
      double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      unit[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        unit[i][j] = rows[i][j] * inv;
      }
    }
    int[][] out = new int[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      int[] best = new int[k];
      double[] score = new double[k];
      Arrays.fill(score, Double.NEGATIVE_INFINITY);
      Arrays.fill(best, -1);
      double[] u = unit[i];
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double[] w = unit[j];
        double s = 0;
        for (int c = 0; c < u.length; c++) {
          s += u[c] * w[c];
        }
        if (s > score[k - 1]) {
          int p = k - 1;
          while (p > 0 && s > score[p - 1]) {
            score[p] = score[p - 1];
            best[p] = best[p - 1];
            p--;
          }
          score[p] = s;
          best[p] = j;
        }
      }
      out[i] = best;
    });
    return out;
  }

  /** Per row, the share of its neighbours sharing a label ({@code NaN} for rows without labels). */
  static double[] agreement(int[][] nn, int[][] labels) {
    double[] out = new double[nn.length];
    for (int i = 0; i < nn.length; i++) {
      if (labels[i].length == 0) {
        out[i] = Double.NaN;
        continue;
      }
      int hits = 0;
      for (int j : nn[i]) {
        boolean shared = false;
        for (int a : labels[i]) {
          for (int b : labels[j]) {
            shared |= a == b;
          }
        }
        hits += shared ? 1 : 0;
      }
      out[i] = (double) hits / nn[i].length;
    }
    return out;
  }
}
