package dev.recsys.core.synth;

import dev.recsys.core.util.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A simulated social listening world with a known friendship graph, in the shape of public listener-artist data
 * with friend lists (id-only: {@code user,item,plays}, no metadata). Seeded and single-threaded, so the same
 * settings give the same files.
 *
 * <ul>
 *   <li>Artists {@code a0..} have Zipf popularity (exponent 1) and belong to one of {@code communities} scenes
 *       each.</li>
 *   <li>Each listener belongs to one scene and plays {@code 8 + Geometric(mean 22)} artists of their own taste:
 *       with probability 0.5 an artist of their scene, else any artist, both by popularity.</li>
 *   <li>Friendships: each listener links to {@code 1 + Poisson(2)} others, 80% of them in the same scene; edges
 *       are undirected.</li>
 *   <li>Friends share artists: each edge draws {@code 1 + Poisson(3)} artists (of the first friend's scene with
 *       probability 0.7, else any; uniform, so niche artists are as likely as stars) that both friends play.</li>
 *   <li>Plays: {@code ceil(exp(N(2, 1.2)))} per listener and artist.</li>
 * </ul>
 *
 * @param listeners listener count
 * @param artists artist count
 * @param communities number of scenes
 * @param seed random seed
 */
public record SocialPlays(int listeners, int artists, int communities, long seed) {
  /** Validates. */
  public SocialPlays {
    Checks.inRange("listeners", listeners, 10, 10_000_000);
    Checks.inRange("artists", artists, 10, 10_000_000);
    Checks.inRange("communities", communities, 1, artists);
  }

  /**
   * The generated world: plays per listener (artist index to count) and the undirected friend edges.
   *
   * @param plays per listener index, artist index to play count
   * @param friends the friend edges as pairs of listener indexes, each edge once
   */
  public record World(List<TreeMap<Integer, Integer>> plays, List<int[]> friends) {}

  /**
   * Generates the world.
   *
   * @return the world drawn from {@link #seed()}
   */
  public World generate() {
    SplittableRandom r = new SplittableRandom(seed);
    int[] scene = new int[artists];
    double[] pop = new double[artists];
    for (int a = 0; a < artists; a++) {
      scene[a] = r.nextInt(communities);
      pop[a] = 1.0 / (a + 1);
    }
    List<List<Integer>> byScene = new ArrayList<>();
    for (int c = 0; c < communities; c++) {
      byScene.add(new ArrayList<>());
    }
    for (int a = 0; a < artists; a++) {
      byScene.get(scene[a]).add(a);
    }
    double[] globalCum = cumulative(pop, null);
    List<double[]> sceneCum = new ArrayList<>();
    for (int c = 0; c < communities; c++) {
      sceneCum.add(cumulative(pop, byScene.get(c)));
    }
    int[] home = new int[listeners];
    List<TreeMap<Integer, Integer>> plays = new ArrayList<>();
    for (int u = 0; u < listeners; u++) {
      home[u] = r.nextInt(communities);
      TreeMap<Integer, Integer> bag = new TreeMap<>();
      int n = 8 + geometric(r, 22);
      for (int j = 0; j < n; j++) {
        List<Integer> own = byScene.get(home[u]);
        int a = r.nextDouble() < 0.5 && !own.isEmpty() ? own.get(draw(r, sceneCum.get(home[u]))) : draw(r, globalCum);
        bag.put(a, plays(r));
      }
      plays.add(bag);
    }
    TreeSet<Long> seen = new TreeSet<>();
    List<int[]> edges = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < communities; c++) {
      members.add(new ArrayList<>());
    }
    for (int u = 0; u < listeners; u++) {
      members.get(home[u]).add(u);
    }
    for (int u = 0; u < listeners; u++) {
      int f = 1 + poisson(r, 2);
      for (int j = 0; j < f; j++) {
        List<Integer> m = members.get(home[u]);
        int v = r.nextDouble() < 0.8 && m.size() > 1 ? m.get(r.nextInt(m.size())) : r.nextInt(listeners);
        if (v == u || !seen.add((long) Math.min(u, v) * listeners + Math.max(u, v))) {
          continue;
        }
        edges.add(new int[] {u, v});
        int s = 1 + poisson(r, 3);
        List<Integer> pool = byScene.get(home[u]);
        for (int k = 0; k < s; k++) {
          int a = r.nextDouble() < 0.7 && !pool.isEmpty() ? pool.get(r.nextInt(pool.size())) : r.nextInt(artists);
          plays.get(u).merge(a, plays(r), Integer::sum);
          plays.get(v).merge(a, plays(r), Integer::sum);
        }
      }
    }
    return new World(plays, edges);
  }

  /**
   * Writes {@code plays.csv} ({@code user,item,plays}; listeners {@code u0..}, artists {@code a0..}) and
   * {@code friends.csv} ({@code user,friend}) into {@code dir} (created if absent).
   *
   * @param dir the output directory
   * @return the generated world
   */
  public World write(Path dir) {
    World w = generate();
    try {
      Files.createDirectories(dir);
      try (Writer out = Files.newBufferedWriter(dir.resolve("plays.csv"), StandardCharsets.UTF_8)) {
        out.write("user,item,plays\n");
        for (int u = 0; u < w.plays().size(); u++) {
          for (var e : w.plays().get(u).entrySet()) {
            out.write(String.format(Locale.ROOT, "u%d,a%d,%d%n", u, e.getKey(), e.getValue()));
          }
        }
      }
      try (Writer out = Files.newBufferedWriter(dir.resolve("friends.csv"), StandardCharsets.UTF_8)) {
        out.write("user,friend\n");
        for (int[] e : w.friends()) {
          out.write(String.format(Locale.ROOT, "u%d,u%d%n", e[0], e[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the social world to " + dir + ": " + e.getMessage(), e);
    }
    return w;
  }

  private static double[] cumulative(double[] pop, List<Integer> subset) {
    int n = subset == null ? pop.length : subset.size();
    double[] c = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += pop[subset == null ? i : subset.get(i)];
      c[i] = s;
    }
    return c;
  }

  /** An index drawn in proportion to the increments of {@code cum}. */
  private static int draw(SplittableRandom r, double[] cum) {
    double x = r.nextDouble() * cum[cum.length - 1];
    int i = Arrays.binarySearch(cum, x);
    return Math.min(cum.length - 1, i >= 0 ? i + 1 : -i - 1);
  }

  private static int plays(SplittableRandom r) {
    return (int) Math.ceil(Math.exp(2 + 1.2 * r.nextGaussian()));
  }

  private static int geometric(SplittableRandom r, double mean) {
    double p = 1 / (1 + mean);
    return (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - p));
  }

  private static int poisson(SplittableRandom r, double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
