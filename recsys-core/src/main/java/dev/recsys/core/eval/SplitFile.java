package dev.recsys.core.eval;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.internal.DelimitedReader;
import dev.recsys.core.eval.report.RecommendationExport;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A split as a CSV file, so that other tools evaluate on exactly the same rows and a later run can read it back.
 *
 * <p>Format: a header {@code user,item,timestamp,part} and one line per row of the split table, in the table's
 * row order; {@code part} is {@code train} or {@code test}, {@code timestamp} is empty for rows without one.
 * Fields are quoted per RFC 4180 when they hold a comma, quote or line break.
 *
 * <p>Reading matches every line to a row of the dataset with the same user, item and timestamp (repeated
 * identical rows are matched in order) and fails, naming file, line and rule, when a line matches no remaining
 * row, when a field is malformed, or when rows of the dataset are left without a line. Session seeds of
 * playlist protocols are not part of the file: a split read back queries by listener only.
 */
public final class SplitFile {
  /** The header line. */
  public static final String HEADER = "user,item,timestamp,part";

  private SplitFile() {}

  /**
   * Writes {@code split} to {@code file} (parent directories created).
   *
   * @param file the file to write, replaced if it exists
   * @param split the split whose rows are written in table order
   * @throws IOException if a directory or the file cannot be written
   */
  public static void write(Path file, Split split) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Interactions data = split.data();
    boolean[] test = new boolean[data.size()];
    for (int r : split.testRows()) {
      test[r] = true;
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (int r = 0; r < data.size(); r++) {
        long t = data.timestamp(r);
        w.write(RecommendationExport.csv(data.users().id(data.user(r))) + "," + RecommendationExport.csv(data.items().id(data.item(r))) + ","
            + (t == Interaction.NO_TIME ? "" : Long.toString(t)) + "," + (test[r] ? "test" : "train") + "\n");
      }
    }
  }

  /**
   * Reads a split of {@code data} from {@code file}.
   *
   * @param file a file in the format above
   * @param data the dataset the split was made of
   * @return the split with the file's test rows
   * @throws DataFormatException naming the file, line and rule when the file does not describe a split of
   *     {@code data}
   */
  public static Split read(Path file, Interactions data) throws IOException {
    Map<String, ArrayDeque<Integer>> rows = new HashMap<>();
    for (int r = 0; r < data.size(); r++) {
      rows.computeIfAbsent(key(data.users().id(data.user(r)), data.items().id(data.item(r)), data.timestamp(r)),
          k -> new ArrayDeque<>()).add(r);
    }
    String name = file.toString();
    int[] train = new int[data.size()];
    int[] test = new int[data.size()];
    int nTrain = 0;
    int nTest = 0;
    try (DelimitedReader in = DelimitedReader.open(file, StandardCharsets.UTF_8, ',', true)) {
      if (!in.next() || !String.join(",", in.fields()).equals(HEADER)) {
        throw new DataFormatException(name, 1, 0, null, DataFormatException.Rule.UNKNOWN_HEADER,
            "the first line must be '" + HEADER + "'");
      }
      in.header(in.fields());
      while (in.next()) {
        if (in.size() != 4) {
          throw in.error(0, DataFormatException.Rule.WRONG_COLUMN_COUNT, in.size() + " fields; the header has 4");
        }
        long t = in.isEmpty(2) ? Interaction.NO_TIME : in.getLong(2);
        String part = in.get(3);
        if (!part.equals("train") && !part.equals("test")) {
          throw in.error(4, DataFormatException.Rule.BAD_VALUE, "part must be 'train' or 'test'; got '"
              + DelimitedReader.clip(part) + "'");
        }
        ArrayDeque<Integer> q = rows.get(key(in.get(0), in.get(1), t));
        if (q == null || q.isEmpty()) {
          throw in.error(0, DataFormatException.Rule.BAD_VALUE, "no " + (q == null ? "" : "remaining ")
              + "row of the dataset has user '" + DelimitedReader.clip(in.get(0)) + "', item '"
              + DelimitedReader.clip(in.get(1)) + "' and timestamp " + (in.isEmpty(2) ? "(none)" : t)
              + "; the split file must come from the same dataset");
        }
        int r = q.poll();
        if (part.equals("train")) {
          train[nTrain++] = r;
        } else {
          test[nTest++] = r;
        }
      }
    }
    if (nTrain + nTest != data.size()) {
      throw new DataFormatException(name, 0, 0, null, DataFormatException.Rule.BAD_VALUE, "the file assigns "
          + (nTrain + nTest) + " rows but the dataset has " + data.size()
          + "; the split file must come from the same dataset");
    }
    int[] tr = java.util.Arrays.copyOf(train, nTrain);
    int[] te = java.util.Arrays.copyOf(test, nTest);
    java.util.Arrays.sort(tr);
    java.util.Arrays.sort(te);
    return Split.of("file(" + file.getFileName() + ")", 0, data, tr, te, null);
  }

  private static String key(String user, String item, long t) {
    return user.length() + ":" + user + item.length() + ":" + item + "@" + t;
  }
}
