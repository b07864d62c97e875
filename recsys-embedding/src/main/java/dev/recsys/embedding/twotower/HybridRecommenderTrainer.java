package dev.recsys.embedding.twotower;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.embedding.twotower.internal.HybridFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Trains the hybrid two-tower recommender on an interaction table and a catalogue (see {@link HybridFeatures} for
 * the towers' inputs) and indexes the track tower's vectors. Reusable: each {@link #fit} is an independent run.
 * Deterministic for a given configuration (seeds in {@link HybridConfig#model()} and {@link HybridConfig#training()}).
 */
public final class HybridRecommenderTrainer {
  private final HybridConfig config;
  private final IntFunction<VectorIndex> indexFactory;
  private TrainingResult lastResult;

  /**
   * A trainer.
   *
   * @param indexFactory makes an empty index of the given dimension for the track vectors (cosine or dot product)
   * @param config the configuration
   */
  public HybridRecommenderTrainer(HybridConfig config, IntFunction<VectorIndex> indexFactory) {
    this.config = Objects.requireNonNull(config, "config");
    this.indexFactory = Objects.requireNonNull(indexFactory, "indexFactory");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public HybridConfig config() {
    return config;
  }

  /**
   * What the last fit's training loop did, or null.
   *
   * @return what the last fit's training loop did, or null
   */
  public TrainingResult lastResult() {
    return lastResult;
  }

  /**
   * Trains on {@code train} with content from {@code catalog} and returns a recommender serving the training
   * listeners, new listeners (from seed items) and new tracks (from content).
   *
   * @param train the training interactions
   * @param catalog the catalogue
   * @param listener receives progress events
   * @return the {@code TwoTowerRecommender}
   */
  public TwoTowerRecommender fit(Interactions train, Catalog catalog, TrainingListener listener) {
    return fit(train, catalog, List.of(), listener);
  }

  /**
   * Trains like {@link #fit(Interactions, Catalog, TrainingListener)}, with the listeners' profiles: their
   * attributes feed the listener tower as {@link HybridConfig#listenerFeatures()} says (a listener without a
   * profile has every attribute missing; attributes are ignored when the listener features are off).
   *
   * @param train the training interactions
   * @param catalog the catalogue
   * @param profiles listener profiles (ids not in {@code train} are ignored)
   * @param listener receives progress events
   * @return the {@code TwoTowerRecommender}
   */
  public TwoTowerRecommender fit(Interactions train, Catalog catalog, List<Listener> profiles, TrainingListener listener) {
    if (train.size() < 2) {
      throw new IllegalArgumentException("training needs at least 2 interactions; got " + train.size());
    }
    java.util.Map<String, Listener> byId = new java.util.HashMap<>();
    for (Listener l : profiles) {
      byId.putIfAbsent(l.id(), l);
    }
    HybridFeatures f = HybridFeatures.fit(train, catalog, config.historyLength(), config.idDimension(),
        config.hashBuckets(), byId, config.listenerFeatures());
    int nu = f.users().size();
    boolean[] held = new boolean[nu];
    int[] validationUsers = pickValidation(f, nu);
    for (int u : validationUsers) {
      held[u] = true;
    }
    List<int[]> examples = f.examples(held);
    TrainingPairs pairs = new TrainingPairs() {
      @Override
      public int size() {
        return examples.size();
      }

      @Override
      public TowerRow query(int e) {
        int[] up = examples.get(e);
        return f.queryRow(up[0], null, f.history(up[0]), up[1]);
      }

      @Override
      public TowerRow item(int e) {
        int[] up = examples.get(e);
        return f.itemRow(f.history(up[0])[up[1]]);
      }

      @Override
      public int itemKey(int e) {
        int[] up = examples.get(e);
        return f.history(up[0])[up[1]];
      }
    };
    TwoTowerTrainer trainer = new TwoTowerTrainer(config.model(), config.training());
    TwoTowerModel model = trainer.fit(f.querySchema(), f.itemSchema(), pairs,
        validationUsers.length == 0 ? null : m -> validationRecall(m, f, validationUsers, config.validationK(), 0),
        listener);
    lastResult = trainer.result();
    Fingerprint fp = new Fingerprint();
    for (int r = 0; r < train.size(); r++) {
      fp.add(train.users().id(train.user(r))).add(train.items().id(train.item(r))).add(train.timestamp(r));
    }
    double weight = 0;
    if (config.listenerFeatures().preferenceDifferences() && validationUsers.length > 0) {
      double best = validationRecall(model, f, validationUsers, config.validationK(), 0);
      for (double w : ListenerFeaturesConfig.PREFERENCE_WEIGHTS) {
        double recall = w == 0 ? best : validationRecall(model, f, validationUsers, config.validationK(), w);
        if (recall > best) {
          best = recall;
          weight = w;
        }
      }
    }
    try {
      return TwoTowerRecommender.create(model, f, indexFactory, config, fp.value(), weight);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the track vectors", e);
    }
  }

  private int[] pickValidation(HybridFeatures f, int nu) {
    int eligible = 0;
    for (int u = 0; u < nu; u++) {
      if (f.history(u).length >= 3) {
        eligible++;
      }
    }
    int want = Math.min(config.validationListeners(), eligible / 2);
    int[] cand = new int[eligible];
    int c = 0;
    for (int u = 0; u < nu; u++) {
      if (f.history(u).length >= 3) {
        cand[c++] = u;
      }
    }
    SplittableRandom r = new SplittableRandom(config.training().seed() ^ 0x5EEDL);
    for (int i = 0; i < want; i++) {
      int j = i + r.nextInt(eligible - i);
      int t = cand[i];
      cand[i] = cand[j];
      cand[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(cand, want);
    java.util.Arrays.sort(out);
    return out;
  }

  /**
   * Recall@k of each validation listener's held-out last track over all known tracks, prefix tracks excluded, scored
   * by the two-tower dot product minus {@code preferenceWeight |p - c|^2} (the preference–track difference term).
   */
  static double validationRecall(TwoTowerModel m, HybridFeatures f, int[] users, int k, double preferenceWeight) {
    int ni = f.items().size();
    List<TowerRow> itemRows = new java.util.ArrayList<>(ni);
    for (int i = 0; i < ni; i++) {
      itemRows.add(f.itemRow(i));
    }
    float[][] items = m.embedItems(itemRows);
    List<TowerRow> qs = new java.util.ArrayList<>(users.length);
    for (int u : users) {
      int[] h = f.history(u);
      qs.add(f.queryRow(u, null, h, h.length - 1));
    }
    float[][] q = m.embedQueries(qs);
    float[][] audio = new float[preferenceWeight > 0 ? ni : 0][];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = HybridFeatures.audio(itemRows.get(i));
    }
    int hits = 0;
    for (int x = 0; x < users.length; x++) {
      int[] h = f.history(users[x]);
      int target = h[h.length - 1];
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int j = 0; j < h.length - 1; j++) {
        seen.add(h[j]);
      }
      float[] p = preferenceWeight > 0 ? f.audioPreference(h, h.length - 1) : null;
      double ts = score(q[x], items[target], p, preferenceWeight > 0 ? audio[target] : null, preferenceWeight);
      int better = 0;
      for (int i = 0; i < ni && better < k; i++) {
        if (i != target && !seen.contains(i)
            && score(q[x], items[i], p, preferenceWeight > 0 ? audio[i] : null, preferenceWeight) > ts) {
          better++;
        }
      }
      if (better < k && !seen.contains(target)) {
        hits++;
      }
    }
    return hits / (double) users.length;
  }

  private static double score(float[] q, float[] t, float[] p, float[] c, double preferenceWeight) {
    double s = dot(q, t);
    if (preferenceWeight > 0) {
      double d2 = 0;
      for (int i = 0; i < p.length; i++) {
        double d = p[i] - c[i];
        d2 += d * d;
      }
      s -= preferenceWeight * d2;
    }
    return s;
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Override
  public String toString() {
    return "HybridRecommenderTrainer[config=" + config + "]";
  }
}
