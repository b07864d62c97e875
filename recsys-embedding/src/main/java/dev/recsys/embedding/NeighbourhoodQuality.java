package dev.recsys.embedding;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.util.Checks;
import dev.recsys.embedding.internal.ExactKnn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * How well an embedding keeps labelled items together: for every labelled item, the share of its {@code k} exact
 * nearest neighbours (cosine) that share at least one label with it, averaged over items, next to the chance level
 * (the same share for neighbours drawn uniformly from all other items). Labels are sets per item, so single labels
 * (genre) and memberships (playlists) work alike; items without labels are neighbours but not queries.
 *
 * <p>Neighbours come from blocked matrix products on all cores (see the benchmarks). Immutable and thread-safe.
 */
public final class NeighbourhoodQuality {
  private final int k;

  /**
   * A labelling of items.
   *
   * @param name the label's name ("genre", "playlist")
   * @param labels per item, the ids of its labels (any order, may be empty)
   */
  public record Labels(String name, int[][] labels) {
    /** Checks the fields. */
    public Labels {
      Checks.notBlank("name", name);
      Objects.requireNonNull(labels, "labels");
    }
  }

  /**
   * Agreement of one embedding with one labelling.
   *
   * @param embedding the embedding's name ("raw", "pca", "pca-autoencoder")
   * @param label the labelling's name
   * @param k neighbours per item
   * @param items labelled items measured
   * @param agreement mean share of neighbours sharing a label, in [0, 1]
   * @param chance the expected share for random neighbours, in [0, 1]
   */
  public record Score(String embedding, String label, int k, int items, double agreement, double chance) {
    /**
     * {@code agreement / chance}: how many times better than random.
     *
     * @return {@code agreement / chance}
     */
    public double lift() {
      return chance == 0 ? Double.NaN : agreement / chance;
    }
  }

  /**
   * Measures with {@code k} neighbours per item, in [1, 1000].
   *
   * @param k the number of neighbours per item
   */
  public NeighbourhoodQuality(int k) {
    this.k = Checks.inRange("k", k, 1, 1000);
  }

  /**
   * Neighbours per item.
   *
   * @return the number of neighbours per item
   */
  public int k() {
    return k;
  }

  /**
   * Per-item agreement of one embedding with one labelling, from which {@link Score} is the mean (and from which
   * intervals can be drawn, for example by bootstrapping the items).
   *
   * @param embedding the embedding's name
   * @param label the labelling's name
   * @param k neighbours per item
   * @param agreement per item, the share of its neighbours sharing a label ({@code NaN} for items without labels)
   * @param chance per item, the share of all other items sharing a label ({@code NaN} for items without labels)
   */
  public record ItemScores(String embedding, String label, int k, double[] agreement, double[] chance) {
    /** Checks the fields. */
    public ItemScores {
      Objects.requireNonNull(agreement, "agreement");
      Objects.requireNonNull(chance, "chance");
      if (agreement.length != chance.length) {
        throw new IllegalArgumentException("agreement has " + agreement.length + " items, chance " + chance.length);
      }
    }

    /**
     * The means over the labelled items.
     *
     * @return the means over the labelled items
     */
    public Score score() {
      double a = 0;
      double c = 0;
      int items = 0;
      for (int i = 0; i < agreement.length; i++) {
        if (!Double.isNaN(agreement[i])) {
          a += agreement[i];
          c += chance[i];
          items++;
        }
      }
      return new Score(embedding, label, k, items, items == 0 ? Double.NaN : a / items, items == 0 ? Double.NaN : c / items);
    }
  }

  /**
   * Scores {@code vectors} (row {@code i} is item {@code i}) against every labelling.
   *
   * @throws IllegalArgumentException if a labelling does not have one entry per row or there are too few rows
   * @param embedding the embedding
   * @param vectors the vectors
   * @param labelings the labelings
   * @return one score per labelling
   */
  public List<Score> evaluate(String embedding, FeatureMatrix vectors, List<Labels> labelings) {
    return evaluatePerItem(embedding, vectors, labelings).stream().map(ItemScores::score).toList();
  }

  /**
   * Like {@link #evaluate}, with the value of every item kept (one neighbour search for all labellings).
   *
   * @throws IllegalArgumentException if a labelling does not have one entry per row or there are too few rows
   * @param embedding the embedding
   * @param vectors the vectors
   * @param labelings the labelings
   * @return the like {@link #evaluate}, with the value of every item kept (one neighbour search for all labellings)
   */
  public List<ItemScores> evaluatePerItem(String embedding, FeatureMatrix vectors, List<Labels> labelings) {
    int n = vectors.rows();
    for (Labels l : labelings) {
      if (l.labels().length != n) {
        throw new IllegalArgumentException("labelling '" + l.name() + "' has " + l.labels().length
            + " entries; the embedding has " + n + " rows");
      }
    }
    int[] nn = neighbours(vectors);
    List<ItemScores> scores = new ArrayList<>();
    for (Labels l : labelings) {
      int[][] sorted = new int[n][];
      for (int i = 0; i < n; i++) {
        sorted[i] = l.labels()[i].clone();
        Arrays.sort(sorted[i]);
      }
      double[] agree = new double[n];
      IntStream.range(0, n).parallel().forEach(i -> {
        if (sorted[i].length == 0) {
          agree[i] = Double.NaN;
          return;
        }
        int hits = 0;
        for (int j = 0; j < k; j++) {
          if (intersects(sorted[i], sorted[nn[i * k + j]])) {
            hits++;
          }
        }
        agree[i] = (double) hits / k;
      });
      double[] chance = chance(sorted);
      for (int i = 0; i < n; i++) {
        if (sorted[i].length == 0) {
          chance[i] = Double.NaN;
        }
      }
      scores.add(new ItemScores(embedding, l.name(), k, agree, chance));
    }
    return scores;
  }

  /**
   * The exact {@code k} nearest neighbours (cosine) of every row: {@code rows x k} indices, best first.
   *
   * @param vectors the vectors
   * @return the exact {@code k} nearest neighbours (cosine) of every row
   */
  public int[] neighbours(FeatureMatrix vectors) {
    if (vectors.rows() <= k) {
      throw new IllegalArgumentException("need more than k=" + k + " rows; have " + vectors.rows());
    }
    return ExactKnn.neighbours(vectors.data(), vectors.rows(), vectors.cols(), k);
  }

  /** Per item, the share of the other items that share a label with it. */
  private static double[] chance(int[][] labels) {
    int n = labels.length;
    int maxLabel = -1;
    for (int[] ls : labels) {
      for (int x : ls) {
        if (x < 0) {
          throw new IllegalArgumentException("label ids must be >= 0; got " + x);
        }
        maxLabel = Math.max(maxLabel, x);
      }
    }
    int[] count = new int[maxLabel + 1];
    for (int[] ls : labels) {
      for (int x : ls) {
        count[x]++;
      }
    }
    int[][] members = new int[maxLabel + 1][];
    for (int x = 0; x <= maxLabel; x++) {
      members[x] = new int[count[x]];
    }
    int[] fill = new int[maxLabel + 1];
    for (int i = 0; i < n; i++) {
      for (int x : labels[i]) {
        members[x][fill[x]++] = i;
      }
    }
    double[] out = new double[n];
    int tasks = Math.max(1, Math.min(64, n / 256));
    IntStream.range(0, tasks).parallel().forEach(t -> {
      int[] stamp = new int[n];
      Arrays.fill(stamp, -1);
      for (int i = t; i < n; i += tasks) {
        int[] ls = labels[i];
        if (ls.length == 0 || n < 2) {
          continue;
        }
        if (ls.length == 1) {
          out[i] = (double) (count[ls[0]] - 1) / (n - 1);
          continue;
        }
        int distinct = 0;
        for (int x : ls) {
          for (int m : members[x]) {
            if (m != i && stamp[m] != i) {
              stamp[m] = i;
              distinct++;
            }
          }
        }
        out[i] = (double) distinct / (n - 1);
      }
    });
    return out;
  }

  private static boolean intersects(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "NeighbourhoodQuality[k=" + k + "]";
  }
}
