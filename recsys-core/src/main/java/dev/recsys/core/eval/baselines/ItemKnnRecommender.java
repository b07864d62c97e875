package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.kernels.TopK;
import dev.recsys.core.eval.internal.UserItemMatrix;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Item-based k-nearest-neighbours: items are similar when the same listeners have them. The similarity of
 * items i and j is the cosine of their binary user columns, {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)}; each item
 * keeps its {@code neighbours} most similar items (ties by index). A listener's score for item j is
 * {@code sum over history items h of sim(h, j)} where j is among h's neighbours. Explanations name the history
 * items that contributed most ("because you played X, Y").
 *
 * <p>Fitting costs {@code O(sum over users of |items|^2)} time and {@code O(items * neighbours)} memory and
 * runs on the common fork-join pool (the result does not depend on the thread count); a query costs
 * {@code O(|history| * neighbours + items)}. Immutable and thread-safe.
 */
public final class ItemKnnRecommender extends MatrixRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "itemknn";
  /** The format version of saved models this code writes and the newest it reads: each item's neighbours. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Settings.
   *
   * @param neighbours how many neighbours each item keeps, in [1, 10000]
   */
  public record Config(int neighbours) {
    /** Validates. */
    public Config {
      Checks.inRange("neighbours", neighbours, 1, 10_000);
    }

    /**
     * 100 neighbours.
     *
     * @return the 100 neighbours
     */
    public static Config defaults() {
      return new Config(100);
    }
  }

  private final Config config;
  private final int[][] nbr;
  private final float[][] sim;

  private ItemKnnRecommender(Interactions train, Config config) {
    super(NAME, FORMAT_VERSION, train);
    this.config = config;
    int ni = matrix.numItems();
    this.nbr = new int[ni][];
    this.sim = new float[ni][];
    UserItemMatrix m = matrix;
    ThreadLocal<int[]> acc = ThreadLocal.withInitial(() -> new int[ni]);
    ThreadLocal<int[]> touchedBuf = ThreadLocal.withInitial(() -> new int[ni]);
    IntStream.range(0, ni).parallel().forEach(i -> {
      int[] a = acc.get();
      int[] touched = touchedBuf.get();
      int t = 0;
      int[] itemUsers = m.itemUsers();
      int[] userItems = m.userItems();
      for (int p = m.itemStart(i); p < m.itemEnd(i); p++) {
        int u = itemUsers[p];
        for (int q = m.userStart(u); q < m.userEnd(u); q++) {
          int j = userItems[q];
          if (j != i && a[j]++ == 0) {
            touched[t++] = j;
          }
        }
      }
      Arrays.sort(touched, 0, t);
      float[] s = new float[t];
      double di = m.itemDegree(i);
      for (int x = 0; x < t; x++) {
        int j = touched[x];
        s[x] = (float) (a[j] / Math.sqrt(di * m.itemDegree(j)));
        a[j] = 0;
      }
      int[] keep = TopK.select(s, null, null, Math.min(config.neighbours(), t));
      Arrays.sort(keep); // positions ascending = item indices ascending
      int[] ni2 = new int[keep.length];
      float[] si = new float[keep.length];
      for (int x = 0; x < keep.length; x++) {
        ni2[x] = touched[keep[x]];
        si[x] = s[keep[x]];
      }
      nbr[i] = ni2;
      sim[i] = si;
    });
  }

  private ItemKnnRecommender(Restored saved, Config config, int[][] nbr, float[][] sim) {
    super(NAME, FORMAT_VERSION, saved);
    this.config = config;
    this.nbr = nbr;
    this.sim = sim;
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static ItemKnnRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, Config.class, (saved, config, in) -> {
      int ni = saved.matrix().numItems();
      int[][] nbr = new int[ni][];
      float[][] sim = new float[ni][];
      for (int i = 0; i < ni; i++) {
        nbr[i] = in.getInts();
        sim[i] = in.getFloats();
        requireLength("similarities of item " + i, sim[i].length, nbr[i].length);
        for (int x = 0; x < nbr[i].length; x++) {
          if (nbr[i][x] < 0 || nbr[i][x] >= ni || (x > 0 && nbr[i][x] <= nbr[i][x - 1])) {
            throw new ModelFormatException("neighbour " + nbr[i][x] + " of item " + i
                + " is outside [0, " + ni + ") or not above the previous one");
          }
        }
      }
      return new ItemKnnRecommender(saved, config, nbr, sim);
    });
  }

  @Override
  void writeState(Payload.Writer out) {
    for (int i = 0; i < nbr.length; i++) {
      out.putInts(nbr[i]).putFloats(sim[i]);
    }
  }

  /**
   * Fits on {@code train}.
   *
   * @param train the training interactions
   * @param config the configuration
   * @return the {@code ItemKnnRecommender}
   */
  public static ItemKnnRecommender fit(Interactions train, Config config) {
    return new ItemKnnRecommender(train, config);
  }

  /**
   * The trainer.
   *
   * @param config the configuration
   * @return the trainer
   */
  public static RecommenderTrainer trainer(Config config) {
    return RecommenderTrainer.of(NAME, t -> fit(t, config));
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  @Override
  public Config config() {
    return config;
  }

  /**
   * The similarity of items i and j as kept by the model (0 when j is not among i's neighbours).
   *
   * @return the similarity of items i and j as kept by the model (0 when j is not among i's neighbours)
   * @param i the item index
   * @param j the neighbour item index
   */
  public float similarity(int i, int j) {
    int x = Arrays.binarySearch(nbr[i], j);
    return x >= 0 ? sim[i][x] : 0;
  }

  @Override
  Object score(int[] history, int listener, float[] scores) {
    for (int h : history) {
      int[] n = nbr[h];
      float[] s = sim[h];
      for (int x = 0; x < n.length; x++) {
        scores[n[x]] += s[x];
      }
    }
    return null;
  }

  /**
   * Scores every item for a history of item indices into {@code scores} (zeroed first): the full-catalogue
   * scoring kernel, exposed for benchmarks.
   *
   * @param history the item indices of the history
   * @param scores the scores
   */
  public void scoreAll(int[] history, float[] scores) {
    Arrays.fill(scores, 0);
    score(history, -1, scores);
  }

  @Override
  Explanation explain(Object state, int[] history, int item, float score) {
    List<Explanation.Factor> f = new ArrayList<>();
    for (int h : history) {
      float s = similarity(h, item);
      if (s > 0) {
        f.add(new Explanation.Factor("neighbour", items.id(h), s, s));
      }
    }
    Explanation e = new Explanation("", f);
    String summary = f.isEmpty() ? "popular among listeners (no similar item in your history)"
        : "because you played " + labels(e.factors(), 2);
    return new Explanation(summary, e.factors());
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", config=" + config + "]");
  }
}
