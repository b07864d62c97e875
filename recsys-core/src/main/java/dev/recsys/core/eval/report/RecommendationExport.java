package dev.recsys.core.eval.report;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Split;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes every model's ranked lists and every test user's held-out items as CSV, so anyone can recompute the
 * metrics independently: {@code FILE} gets rows {@code model,user,rank,item,score} (rank 1 is best) and
 * {@code FILE} with {@code .heldout.csv} in place of {@code .csv} gets rows {@code model,user,heldout_item}.
 * Fields are quoted per RFC 4180 when needed.
 */
public final class RecommendationExport {
  private RecommendationExport() {}

  /**
   * The path of the held-out file that goes with {@code recsFile}.
   *
   * @param recsFile the recs file
   * @return the path of the held-out file that goes with {@code recsFile}
   */
  public static Path heldOutFile(Path recsFile) {
    String name = recsFile.getFileName().toString();
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return recsFile.resolveSibling(base + ".heldout.csv");
  }

  /**
   * Writes both files.
   *
   * @throws IllegalArgumentException if a result did not keep its recommendations
   * @param recsFile the recs file
   * @param split the split
   * @param results the results
   * @throws IOException if the file cannot be written
   */
  public static void write(Path recsFile, Split split, List<EvaluationResult> results) throws IOException {
    Path parent = recsFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    for (EvaluationResult r : results) {
      if (!r.hasRecommendations()) {
        throw new IllegalArgumentException("result of '" + r.model() + "' has no recommendations; evaluate with "
            + "keepRecommendations(true)");
      }
    }
    var items = split.data().items();
    try (BufferedWriter w = Files.newBufferedWriter(recsFile)) {
      w.write("model,user,rank,item,score\n");
      for (EvaluationResult r : results) {
        for (int u = 0; u < r.users().size(); u++) {
          int[] ranked = r.ranked(u);
          float[] scores = r.scores(u);
          for (int i = 0; i < ranked.length; i++) {
            String item = ranked[i] >= 0 ? items.id(ranked[i]) : "";
            w.write(csv(r.model()) + "," + csv(r.users().get(u)) + "," + (i + 1) + "," + csv(item) + ","
                + String.format(Locale.ROOT, "%.6g", scores[i]) + "\n");
          }
        }
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(heldOutFile(recsFile))) {
      w.write("model,user,heldout_item\n");
      for (EvaluationResult r : results) {
        for (int p = 0; p < split.numTestUsers(); p++) {
          String user = split.data().users().id(split.testUser(p));
          for (int item : split.heldOut(p)) {
            w.write(csv(r.model()) + "," + csv(user) + "," + csv(items.id(item)) + "\n");
          }
        }
      }
    }
  }

  /**
   * One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
   *
   * @param s the field's text, not null
   * @return {@code s} unchanged, or wrapped in double quotes with inner quotes doubled
   */
  public static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
