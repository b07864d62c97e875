package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.kernels.TopK;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * User-based k-nearest-neighbours: at query time, the training listeners most similar to the query's history
 * (cosine of binary item rows, {@code |H ∩ I_v| / sqrt(|H| |I_v|)}) vote for their items with their
 * similarity: {@code score(j) = sum over the neighbours v having j of sim(H, v)}. The listener never counts as
 * their own neighbour. Works for unknown listeners from their seed items alone. Explanations name the
 * neighbours who had the item. A query costs {@code O(sum over history items of |users| + neighbours' items)}.
 * Immutable and thread-safe.
 */
public final class UserKnnRecommender extends MatrixRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "userknn";
  /** The format version of saved models this code writes and the newest it reads (neighbours are found per query). */
  public static final int FORMAT_VERSION = 1;

  /**
   * Settings.
   *
   * @param neighbours how many similar listeners vote, in [1, 100000]
   */
  public record Config(int neighbours) {
    /** Validates. */
    public Config {
      Checks.inRange("neighbours", neighbours, 1, 100_000);
    }

    /**
     * 50 neighbours.
     *
     * @return the 50 neighbours
     */
    public static Config defaults() {
      return new Config(50);
    }
  }

  private final Config config;

  private UserKnnRecommender(Interactions train, Config config) {
    super(NAME, FORMAT_VERSION, train);
    this.config = config;
  }

  private UserKnnRecommender(Restored saved, Config config) {
    super(NAME, FORMAT_VERSION, saved);
    this.config = config;
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static UserKnnRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, Config.class,
        (saved, config, in) -> new UserKnnRecommender(saved, config));
  }

  /**
   * Fits on {@code train} (indexes the matrix; the neighbours are found per query).
   *
   * @param train the training interactions
   * @param config the configuration
   * @return the {@code UserKnnRecommender}
   */
  public static UserKnnRecommender fit(Interactions train, Config config) {
    return new UserKnnRecommender(train, config);
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

  private record Neighbours(int[] users, float[] sims) {}

  @Override
  Object score(int[] history, int listener, float[] scores) {
    int nu = matrix.numUsers();
    int[] overlap = new int[nu];
    int[] touched = new int[nu];
    int t = 0;
    int[] itemUsers = matrix.itemUsers();
    for (int h : history) {
      for (int p = matrix.itemStart(h); p < matrix.itemEnd(h); p++) {
        int v = itemUsers[p];
        if (v != listener && overlap[v]++ == 0) {
          touched[t++] = v;
        }
      }
    }
    Arrays.sort(touched, 0, t);
    float[] s = new float[t];
    for (int x = 0; x < t; x++) {
      int v = touched[x];
      s[x] = (float) (overlap[v] / Math.sqrt((double) history.length * matrix.userDegree(v)));
    }
    int[] keep = TopK.select(s, null, null, Math.min(config.neighbours(), t));
    int[] users = new int[keep.length];
    float[] sims = new float[keep.length];
    int[] userItems = matrix.userItems();
    for (int x = 0; x < keep.length; x++) {
      int v = touched[keep[x]];
      users[x] = v;
      sims[x] = s[keep[x]];
      for (int q = matrix.userStart(v); q < matrix.userEnd(v); q++) {
        scores[userItems[q]] += sims[x];
      }
    }
    return new Neighbours(users, sims);
  }

  @Override
  Explanation explain(Object state, int[] history, int item, float score) {
    Neighbours n = (Neighbours) state;
    List<Explanation.Factor> f = new ArrayList<>();
    for (int x = 0; x < n.users().length; x++) {
      if (matrix.has(n.users()[x], item)) {
        f.add(new Explanation.Factor("neighbour", users.id(n.users()[x]), n.sims()[x], n.sims()[x]));
      }
    }
    Explanation e = new Explanation("", f);
    String summary = f.isEmpty() ? "popular among listeners (none of your neighbours had it)"
        : f.size() + " listeners with similar taste played it (" + labels(e.factors(), 2) + ")";
    return new Explanation(summary, e.factors());
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", config=" + config + "]");
  }
}
