package dev.recsys.core.eval.matching;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.internal.DelimitedReader;
import dev.recsys.core.matching.ScoredListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.recsys.core.eval.report.RecommendationExport.csv;

/**
 * Writes ranked matches and the truth they were scored against, so that anyone can recompute the reported
 * metrics: {@code FILE} gets rows {@code model,user,rank,match,score} (rank from 1), and {@code FILE} with
 * {@code .truth.csv} in place of {@code .csv} gets rows {@code user,match} (each query's relevant listeners).
 * Fields are quoted per RFC 4180 when needed. {@link #recompute} reads both back.
 */
public final class MatchExport {
  private MatchExport() {}

  /**
   * The truth file next to a matches file.
   *
   * @param matchesFile the matches file, usually ending in {@code .csv}
   * @return the sibling file with {@code .truth.csv} in place of a trailing {@code .csv} (appended when there is none)
   */
  public static Path truthFile(Path matchesFile) {
    String name = matchesFile.getFileName().toString();
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return matchesFile.resolveSibling(base + ".truth.csv");
  }

  /**
   * Writes the matches of every result and the task's truth.
   *
   * @param matchesFile the file to write the matches to, replaced if it exists; the truth goes to {@link #truthFile}
   * @param task the task whose relevant listeners form the truth file
   * @param results the results whose matches are written, in this order
   * @throws IOException if either file cannot be written
   */
  public static void write(Path matchesFile, MatchingTask task, List<MatchingResult> results) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(matchesFile, StandardCharsets.UTF_8)) {
      w.write("model,user,rank,match,score\n");
      for (MatchingResult r : results) {
        for (int q = 0; q < r.queries().size(); q++) {
          List<ScoredListener> l = r.matches().get(q);
          for (int i = 0; i < l.size(); i++) {
            w.write(csv(r.model()) + "," + csv(r.queries().get(q)) + "," + (i + 1) + "," + csv(l.get(i).listenerId())
                + "," + String.format(Locale.ROOT, "%.6g", l.get(i).score()) + "\n");
          }
        }
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(truthFile(matchesFile), StandardCharsets.UTF_8)) {
      w.write("user,match\n");
      for (Map.Entry<String, Set<String>> e : task.relevant().entrySet()) {
        for (String m : e.getValue()) {
          w.write(csv(e.getKey()) + "," + csv(m) + "\n");
        }
      }
    }
  }

  /**
   * Recomputes the mean metrics of each model from an export ({@link MatchingEvaluator#score} per query of the
   * truth file; a query without exported matches scores 0).
   *
   * @param matchesFile a matches file written by {@link #write}; its truth file must be next to it
   * @param k the cut-off to score at, at least 1
   * @return per model (in file order), metric name to mean over the truth's queries
   * @throws DataFormatException naming file and line on a malformed row
   */
  public static Map<String, Map<String, Double>> recompute(Path matchesFile, int k) throws IOException {
    Map<String, Set<String>> truth = new TreeMap<>();
    Path tf = truthFile(matchesFile);
    try (DelimitedReader r = DelimitedReader.open(tf, StandardCharsets.UTF_8, ',', true)) {
      boolean header = true;
      while (r.next()) {
        if (header) {
          header = false;
          continue;
        }
        check(r, tf, 2);
        truth.computeIfAbsent(r.get(0, null), x -> new TreeSet<>()).add(r.get(1, null));
      }
    }
    Map<String, Map<String, List<ScoredListener>>> ranked = new LinkedHashMap<>();
    try (DelimitedReader r = DelimitedReader.open(matchesFile, StandardCharsets.UTF_8, ',', true)) {
      boolean header = true;
      while (r.next()) {
        if (header) {
          header = false;
          continue;
        }
        check(r, matchesFile, 5);
        double score;
        try {
          score = Double.parseDouble(r.get(4, null));
        } catch (NumberFormatException e) {
          throw new DataFormatException(matchesFile.toString(), r.line(), 5, "score", DataFormatException.Rule.BAD_NUMBER,
              "not a number: '" + r.get(4, null) + "'");
        }
        ranked.computeIfAbsent(r.get(0, null), x -> new HashMap<>())
            .computeIfAbsent(r.get(1, null), x -> new ArrayList<>())
            .add(new ScoredListener(r.get(3, null), score));
      }
    }
    List<String> names = MatchingEvaluator.metrics(k);
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    ranked.forEach((model, byUser) -> {
      double[] sum = new double[names.size()];
      truth.forEach((user, rel) -> {
        double[] v = MatchingEvaluator.score(byUser.getOrDefault(user, List.of()), rel, k);
        for (int m = 0; m < sum.length; m++) {
          sum[m] += v[m];
        }
      });
      Map<String, Double> means = new LinkedHashMap<>();
      for (int m = 0; m < sum.length; m++) {
        means.put(names.get(m), sum[m] / truth.size());
      }
      out.put(model, means);
    });
    return out;
  }

  private static void check(DelimitedReader r, Path file, int fields) throws DataFormatException {
    if (r.size() != fields) {
      throw new DataFormatException(file.toString(), r.line(), 0, null, DataFormatException.Rule.WRONG_COLUMN_COUNT,
          "expected " + fields + " fields; found " + r.size());
    }
  }
}
