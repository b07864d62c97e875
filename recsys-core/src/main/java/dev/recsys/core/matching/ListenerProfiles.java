package dev.recsys.core.matching;

import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Interactions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Listeners as bags of items with play counts: the input every matcher shares. Built from interactions (each
 * listener's rows summed per item; skipped rows do not count as plays and are reported by
 * {@link #skippedRows()}), then grown by {@link #put} as listeners are added.
 *
 * <p>Document frequencies ({@link #df}) and the listener count used by IDF weights are those of the fitted data,
 * frozen at construction, so that adding listeners never changes the weights of known ones; an item first seen
 * in an added listener counts as {@code df = 0}.
 *
 * <p>Not thread-safe; matchers guard it with their own lock.
 */
public final class ListenerProfiles {
  private final List<String> listenerIds = new ArrayList<>();
  private final Map<String, Integer> listenerIndex = new HashMap<>();
  private final List<String> itemIds = new ArrayList<>();
  private final Map<String, Integer> itemIndex = new HashMap<>();
  private final List<int[]> items = new ArrayList<>();
  private final List<float[]> plays = new ArrayList<>();
  private int[] df;
  private final int fittedItems;
  private final int fittedListeners;
  private final double avgLength;
  private final int skippedRows;

  private ListenerProfiles(Interactions data) {
    int nu = data.users().size();
    int ni = data.items().size();
    for (int i = 0; i < ni; i++) {
      itemIds.add(data.items().id(i));
      itemIndex.put(data.items().id(i), i);
    }
    List<Map<Integer, Double>> bags = new ArrayList<>(nu);
    for (int u = 0; u < nu; u++) {
      bags.add(new HashMap<>());
    }
    int skipped = 0;
    for (int r = 0; r < data.size(); r++) {
      if (data.skipped(r)) {
        skipped++;
        continue;
      }
      bags.get(data.user(r)).merge(data.item(r), (double) Math.max(data.weight(r), 0f), Double::sum);
    }
    skippedRows = skipped;
    df = new int[ni];
    long total = 0;
    int kept = 0;
    for (int u = 0; u < nu; u++) {
      Map<Integer, Double> bag = bags.get(u);
      if (bag.isEmpty()) {
        continue;
      }
      int[] it = bag.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      float[] pl = new float[it.length];
      for (int j = 0; j < it.length; j++) {
        double p = bag.get(it[j]);
        pl[j] = (float) (p > 0 ? p : 1);
        df[it[j]]++;
      }
      String id = data.users().id(u);
      listenerIndex.put(id, listenerIds.size());
      listenerIds.add(id);
      items.add(it);
      plays.add(pl);
      total += it.length;
      kept++;
    }
    fittedItems = ni;
    fittedListeners = kept;
    avgLength = kept == 0 ? 1 : (double) total / kept;
  }

  private ListenerProfiles(List<String> listenerIds, List<String> itemIds, List<int[]> items, List<float[]> plays,
      int[] df, int fittedItems, int fittedListeners, double avgLength, int skippedRows) {
    for (String id : itemIds) {
      if (itemIndex.putIfAbsent(id, this.itemIds.size()) != null) {
        throw new IllegalArgumentException("item '" + id + "' appears twice");
      }
      this.itemIds.add(id);
    }
    for (int u = 0; u < listenerIds.size(); u++) {
      if (listenerIndex.putIfAbsent(listenerIds.get(u), u) != null) {
        throw new IllegalArgumentException("listener '" + listenerIds.get(u) + "' appears twice");
      }
      this.listenerIds.add(listenerIds.get(u));
      int[] it = items.get(u);
      float[] pl = plays.get(u);
      if (it.length != pl.length || it.length == 0) {
        throw new IllegalArgumentException("listener '" + listenerIds.get(u) + "' needs one play count per item and "
            + "at least one item; " + it.length + " items, " + pl.length + " counts");
      }
      for (int j = 0; j < it.length; j++) {
        if (it[j] < 0 || it[j] >= itemIds.size() || (j > 0 && it[j] <= it[j - 1]) || !(pl[j] > 0)) {
          throw new IllegalArgumentException("listener '" + listenerIds.get(u) + "': item " + it[j]
              + " outside [0, " + itemIds.size() + "), not ascending, or with plays " + pl[j] + " <= 0");
        }
      }
      this.items.add(it);
      this.plays.add(pl);
    }
    if (fittedItems < 0 || fittedItems > itemIds.size() || df.length != fittedItems || fittedListeners < 0
        || fittedListeners > listenerIds.size() || !(avgLength > 0) || skippedRows < 0) {
      throw new IllegalArgumentException("inconsistent profile counts: " + fittedItems + " fitted items of "
          + itemIds.size() + ", " + df.length + " document frequencies, " + fittedListeners + " fitted listeners of "
          + listenerIds.size() + ", average length " + avgLength + ", " + skippedRows + " skipped rows");
    }
    this.df = df;
    this.fittedItems = fittedItems;
    this.fittedListeners = fittedListeners;
    this.avgLength = avgLength;
    this.skippedRows = skippedRows;
  }

  /**
   * Writes every profile (fitted and added), the item ids and the frozen fitted statistics, for {@link #read}.
   *
   * @param out the payload to append to
   */
  public void write(Payload.Writer out) {
    out.putStrings(listenerIds).putStrings(itemIds).putInts(df).putInt(fittedItems).putInt(fittedListeners)
        .putDouble(avgLength).putInt(skippedRows);
    for (int u = 0; u < listenerIds.size(); u++) {
      out.putInts(items.get(u)).putFloats(plays.get(u));
    }
  }

  /**
   * A fingerprint of the profiles as fitted and grown: listener ids, item ids and every bag.
   *
   * @return {@code sha256:} and 16 hex digits
   */
  public String fingerprint() {
    dev.recsys.core.io.Fingerprint f = new dev.recsys.core.io.Fingerprint().add(listenerIds.size()).add(itemIds.size());
    listenerIds.forEach(f::add);
    itemIds.forEach(f::add);
    for (int u = 0; u < listenerIds.size(); u++) {
      for (int i : items.get(u)) {
        f.add(i);
      }
      f.add(plays.get(u));
    }
    return f.value();
  }

  /**
   * Reads profiles written by {@link #write}: the same listeners, bags and weights.
   *
   * @param in the payload, positioned where {@link #write} started
   * @return the profiles
   * @throws IOException if the payload is truncated or inconsistent
   */
  public static ListenerProfiles read(Payload.Reader in) throws IOException {
    List<String> listeners = in.getStrings();
    List<String> itemIds = in.getStrings();
    int[] df = in.getInts();
    int fittedItems = in.getInt();
    int fittedListeners = in.getInt();
    double avgLength = in.getDouble();
    int skippedRows = in.getInt();
    List<int[]> items = new ArrayList<>(listeners.size());
    List<float[]> plays = new ArrayList<>(listeners.size());
    for (int u = 0; u < listeners.size(); u++) {
      items.add(in.getInts());
      plays.add(in.getFloats());
    }
    return new ListenerProfiles(listeners, itemIds, items, plays, df, fittedItems, fittedListeners, avgLength,
        skippedRows);
  }

  /**
   * The profiles of every user of {@code data} with at least one non-skipped row. A row of weight 0 or less
   * counts as one play (interaction files without a play count).
   *
   * @param data the interactions to fit; users become listeners, items the initial vocabulary
   * @return new profiles holding every listener of {@code data} with at least one play
   */
  public static ListenerProfiles of(Interactions data) {
    Objects.requireNonNull(data, "data");
    return new ListenerProfiles(data);
  }

  /**
   * Number of listeners.
   *
   * @return the number of listeners, fitted and added
   */
  public int size() {
    return listenerIds.size();
  }

  /**
   * Number of listeners at construction (the {@code n} of IDF weights).
   *
   * @return the listener count frozen at construction
   */
  public int fittedListeners() {
    return fittedListeners;
  }

  /**
   * Number of items in the vocabulary (grows as added listeners bring new items).
   *
   * @return the current vocabulary size; item indexes run from 0 to this value exclusive
   */
  public int numItems() {
    return itemIds.size();
  }

  /**
   * Number of items known at construction.
   *
   * @return the vocabulary size frozen at construction
   */
  public int fittedItems() {
    return fittedItems;
  }

  /**
   * Interaction rows left out because they were skips.
   *
   * @return the count of skip rows of the fitted interactions, which contribute no plays
   */
  public int skippedRows() {
    return skippedRows;
  }

  /**
   * Listener id of index {@code u}.
   *
   * @param u listener index, in [0, {@link #size()})
   * @return the listener's external id
   */
  public String id(int u) {
    return listenerIds.get(u);
  }

  /**
   * The listener ids in index order (a copy).
   *
   * @return an immutable copy of the listener ids, position {@code u} holding listener {@code u}
   */
  public List<String> ids() {
    return List.copyOf(listenerIds);
  }

  /**
   * Index of a listener, or -1.
   *
   * @param listenerId external listener id
   * @return the listener's index, or -1 when it is not known
   */
  public int indexOf(String listenerId) {
    Integer u = listenerIndex.get(listenerId);
    return u == null ? -1 : u;
  }

  /**
   * Index of a known listener.
   *
   * @param listenerId external id of a listener that must be known
   * @return the listener's index, in [0, {@link #size()})
   * @throws IllegalArgumentException naming the listener when unknown
   */
  public int require(String listenerId) {
    int u = indexOf(listenerId);
    if (u < 0) {
      throw new IllegalArgumentException("unknown listener '" + listenerId + "' (" + size() + " listeners known)");
    }
    return u;
  }

  /**
   * Item id of index {@code i}.
   *
   * @param i item index, in [0, {@link #numItems()})
   * @return the item's external id
   */
  public String itemId(int i) {
    return itemIds.get(i);
  }

  /**
   * Index of an item, or -1.
   *
   * @param itemId external item id
   * @return the item's index, or -1 when it is not in the vocabulary
   */
  public int itemIndex(String itemId) {
    Integer i = itemIndex.get(itemId);
    return i == null ? -1 : i;
  }

  /**
   * Listener {@code u}'s distinct items, ascending (shared; do not modify).
   *
   * @param u listener index, in [0, {@link #size()})
   * @return the listener's distinct item indexes in ascending order; the internal array, not a copy
   */
  public int[] items(int u) {
    return items.get(u);
  }

  /**
   * Listener {@code u}'s plays, parallel to {@link #items} (shared; do not modify).
   *
   * @param u listener index, in [0, {@link #size()})
   * @return the listener's play counts, one per entry of {@link #items(int)}; the internal array, not a copy
   */
  public float[] plays(int u) {
    return plays.get(u);
  }

  /**
   * Number of fitted listeners with item {@code i} (0 for items first seen in added listeners).
   *
   * @param i item index; indexes beyond the fitted vocabulary are allowed
   * @return the document frequency of item {@code i} in the fitted data, in [0, {@link #fittedListeners()}]
   */
  public int df(int i) {
    return i < df.length ? df[i] : 0;
  }

  /**
   * Mean number of distinct items of the fitted listeners.
   *
   * @return the average bag length of the fitted listeners, the length normalisation of BM25 weights
   */
  public double averageLength() {
    return avgLength;
  }

  /**
   * The weights of listener {@code u}'s items under {@code w}, parallel to {@link #items}.
   *
   * @param u listener index, in [0, {@link #size()})
   * @param w the weighting scheme to apply
   * @return a new array of item weights, one per entry of {@link #items(int)}
   */
  public float[] weights(int u, ItemWeighting w) {
    return weights(items(u), plays(u), w);
  }

  /**
   * The weights of a bag of items under {@code w} with this data's document frequencies.
   *
   * @param bagItems item indexes of the bag (any index, unseen items counting as {@code df = 0})
   * @param bagPlays play counts parallel to {@code bagItems}, same length
   * @param w the weighting scheme to apply
   * @return a new array of weights, one per entry of {@code bagItems}
   */
  public float[] weights(int[] bagItems, float[] bagPlays, ItemWeighting w) {
    float[] out = new float[bagItems.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = w.weight(bagPlays[j], df(bagItems[j]), fittedListeners, bagItems.length, avgLength);
    }
    return out;
  }

  /**
   * Adds or replaces a listener; items not in the vocabulary are appended to it.
   *
   * @param listenerId external id; an existing listener with this id is replaced in place
   * @param playsByItem play count per external item id; counts must be positive and finite
   * @return the listener's index
   * @throws IllegalArgumentException if {@code playsByItem} is empty or holds a non-positive or non-finite count
   */
  public int put(String listenerId, Map<String, Double> playsByItem) {
    Objects.requireNonNull(listenerId, "listenerId");
    if (playsByItem.isEmpty()) {
      throw new IllegalArgumentException("listener '" + listenerId + "' has no plays; a listener needs at least one item");
    }
    Map<Integer, Double> bag = new HashMap<>();
    for (Map.Entry<String, Double> e : playsByItem.entrySet()) {
      double p = Objects.requireNonNull(e.getValue(), "plays");
      if (!(p > 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("listener '" + listenerId + "', item '" + e.getKey()
            + "': plays must be positive and finite; plays=" + p);
      }
      Integer i = itemIndex.get(e.getKey());
      if (i == null) {
        i = itemIds.size();
        itemIds.add(e.getKey());
        itemIndex.put(e.getKey(), i);
      }
      bag.merge(i, p, Double::sum);
    }
    int[] it = bag.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    float[] pl = new float[it.length];
    for (int j = 0; j < it.length; j++) {
      pl[j] = (float) (double) bag.get(it[j]);
    }
    Integer u = listenerIndex.get(listenerId);
    if (u != null) {
      items.set(u, it);
      plays.set(u, pl);
      return u;
    }
    listenerIndex.put(listenerId, listenerIds.size());
    listenerIds.add(listenerId);
    items.add(it);
    plays.add(pl);
    return listenerIds.size() - 1;
  }

  /**
   * Items shared by listeners {@code a} and {@code b}, ascending.
   *
   * @param a index of the first listener
   * @param b index of the second listener
   * @return the item indexes in both bags, ascending; empty when the bags are disjoint
   */
  public int[] shared(int a, int b) {
    int[] x = items(a);
    int[] y = items(b);
    int[] out = new int[Math.min(x.length, y.length)];
    int n = 0;
    for (int i = 0, j = 0; i < x.length && j < y.length;) {
      if (x[i] == y[j]) {
        out[n++] = x[i];
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
