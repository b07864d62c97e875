package dev.recsys.embedding.twotower;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.embedding.twotower.internal.ListenerFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Trains similar-listener matching without labels: a siamese tower learns to map two disjoint random halves of the
 * same listener's history close together and apart from the other listeners of the batch (in-batch negatives).
 * The listeners are then embedded from their full histories and indexed. Reusable; deterministic for a given
 * configuration.
 */
public final class TwoTowerMatcherTrainer {
  private final MatcherConfig config;
  private final IntFunction<VectorIndex> indexFactory;
  private final AtomicLong invocations = new AtomicLong();
  private TrainingResult lastResult;

  /**
   * A trainer.
   *
   * @param indexFactory makes an empty index of the given dimension for the listener vectors
   * @param config the configuration
   */
  public TwoTowerMatcherTrainer(MatcherConfig config, IntFunction<VectorIndex> indexFactory) {
    this.config = Objects.requireNonNull(config, "config");
    this.indexFactory = Objects.requireNonNull(indexFactory, "indexFactory");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public MatcherConfig config() {
    return config;
  }

  /**
   * How many fits this trainer has started. Every fit is a function of the configuration (its seed) and the data
   * alone, so the n-th fit of some data gives the same matcher as the first.
   *
   * @return the number of fits so far
   */
  public long invocations() {
    return invocations.get();
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
   * Per listener, their plays in time order as parallel (catalogue track index, plays) arrays: each row of the table
   * whose item is in the catalogue adds {@code weight} plays (a play-count table works as well as an event log);
   * skipped plays are left out. Listeners keep the table's order.
   *
   * @param data the data
   * @param catalog the catalogue
   * @return the per listener, their plays in time order as parallel (catalogue track index, plays) arrays
   */
  public static Map<String, int[][]> plays(Interactions data, Catalog catalog) {
    int nu = data.users().size();
    Integer[] rows = new Integer[data.size()];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r;
    }
    java.util.Arrays.sort(rows, (a, b) -> {
      int c = Integer.compare(data.user(a), data.user(b));
      if (c != 0) {
        return c;
      }
      c = Long.compare(data.timestamp(a), data.timestamp(b));
      return c != 0 ? c : Integer.compare(a, b);
    });
    List<List<int[]>> per = new ArrayList<>(nu);
    for (int u = 0; u < nu; u++) {
      per.add(new ArrayList<>());
    }
    int[] itemToTrack = new int[data.items().size()];
    for (int i = 0; i < itemToTrack.length; i++) {
      itemToTrack[i] = catalog.indexOf(data.items().id(i));
    }
    for (int r : rows) {
      int t = itemToTrack[data.item(r)];
      if (t < 0 || data.skipped(r) || !(data.weight(r) > 0)) {
        continue;
      }
      per.get(data.user(r)).add(new int[] {t, Float.floatToIntBits(data.weight(r))});
    }
    Map<String, int[][]> out = new LinkedHashMap<>();
    for (int u = 0; u < nu; u++) {
      List<int[]> l = per.get(u);
      if (l.isEmpty()) {
        continue;
      }
      int[] tracks = new int[l.size()];
      int[] plays = new int[l.size()];
      for (int i = 0; i < l.size(); i++) {
        tracks[i] = l.get(i)[0];
        plays[i] = l.get(i)[1];
      }
      out.put(data.users().id(u), new int[][] {tracks, plays});
    }
    return out;
  }

  /**
   * Trains on the listeners of an interaction table (see {@link #plays}) and indexes all of them.
   *
   * @param data the data
   * @param catalog the catalogue
   * @param listener receives progress events
   * @return the {@code TwoTowerUserMatcher}
   */
  public TwoTowerUserMatcher fit(Interactions data, Catalog catalog, TrainingListener listener) {
    invocations.incrementAndGet();
    ListenerFeatures f = ListenerFeatures.fit(catalog, config.bagDimension(), config.trackBag());
    Map<String, ListenerFeatures.History> histories = new LinkedHashMap<>();
    Fingerprint fp = new Fingerprint();
    for (Map.Entry<String, int[][]> e : plays(data, catalog).entrySet()) {
      int[] tracks = e.getValue()[0];
      float[] plays = new float[tracks.length];
      for (int i = 0; i < plays.length; i++) {
        plays[i] = Float.intBitsToFloat(e.getValue()[1][i]);
      }
      histories.put(e.getKey(), f.history(tracks, plays));
      fp.add(e.getKey()).add(plays.length);
      for (int t : tracks) {
        fp.add(t);
      }
    }
    return fit(f.standardised(histories.values()), histories, fp.value(), listener);
  }

  TwoTowerUserMatcher fit(ListenerFeatures f, Map<String, ListenerFeatures.History> histories, String fingerprint,
      TrainingListener listener) {
    List<ListenerFeatures.History> train = new ArrayList<>();
    for (ListenerFeatures.History h : histories.values()) {
      if (h.size() >= config.minTracks()) {
        train.add(h);
      }
    }
    if (train.size() < 2) {
      throw new IllegalArgumentException("matching needs at least 2 listeners with >= " + config.minTracks()
          + " distinct catalogue tracks; found " + train.size() + " of " + histories.size());
    }
    int views = config.viewsPerListener();
    long seed = config.model().seed();
    TrainingPairs pairs = new TrainingPairs() {
      @Override
      public int size() {
        return train.size() * views;
      }

      private ListenerFeatures.History[] halves(int e) {
        return train.get(e / views).halves(seed * 0x9E3779B97F4A7C15L + e);
      }

      @Override
      public TowerRow query(int e) {
        return f.row(halves(e)[0]);
      }

      @Override
      public TowerRow item(int e) {
        return f.row(halves(e)[1]);
      }

      @Override
      public int itemKey(int e) {
        return e / views;
      }
    };
    TwoTowerTrainer trainer = new TwoTowerTrainer(config.model(), config.training());
    TwoTowerModel model = trainer.fitSiamese(f.schema(), pairs, null, listener);
    lastResult = trainer.result();
    try {
      return TwoTowerUserMatcher.create(model, f, histories, indexFactory.apply(model.dimension()), config,
          fingerprint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the listener vectors", e);
    }
  }

  @Override
  public String toString() {
    return "TwoTowerMatcherTrainer[config=" + config + "]";
  }
}
