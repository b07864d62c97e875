package dev.recsys.core.eval;

import dev.recsys.core.model.Interactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Test data of the evaluation tests: clustered synthetic interactions and the real MovieLens file when present. */
public final class EvalFixtures {
  private EvalFixtures() {}

  /**
   * Users in {@code clusters} taste groups; each user has {@code perUser} distinct items, 85% from their group's
   * items and 15% from anywhere, at increasing timestamps. Item ids are {@code i<index>}, user ids {@code u<index>}.
   */
  public static Interactions clustered(int users, int items, int clusters, int perUser, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    int groupSize = items / clusters;
    for (int u = 0; u < users; u++) {
      int g = u % clusters;
      java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
      while (chosen.size() < Math.min(perUser, items)) {
        int it = r.nextDouble() < 0.85 ? g * groupSize + r.nextInt(groupSize) : r.nextInt(items);
        chosen.add(it);
      }
      long t = 1_000_000L + u;
      for (int it : chosen) {
        b.add("u" + u, "i" + it, 1 + r.nextInt(5), t, false);
        t += 1 + r.nextInt(100);
      }
    }
    return b.build();
  }

  /** The MovieLens latest-small folder, when the shared data is present. */
  public static Path movieLensDir() {
    String base = System.getProperty("recsys.shared.data", "../shared/data");
    return Path.of(base, "movielens-latest-small");
  }

  /** Reads MovieLens {@code ratings.csv} (userId,movieId,rating,timestamp) as interactions. */
  public static Interactions movieLens(Path ratings) throws IOException {
    Interactions.Builder b = Interactions.builder();
    try (Stream<String> lines = Files.lines(ratings)) {
      lines.skip(1).forEach(line -> {
        String[] f = line.split(",");
        b.add(f[0], f[1], Double.parseDouble(f[2]), Long.parseLong(f[3]), false);
      });
    }
    return b.build();
  }
}
