package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Track;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import dev.recsys.embedding.twotower.ListenerFeaturesConfig;
import dev.recsys.embedding.twotower.TowerRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The features of the hybrid recommendation job.
 *
 * <p>Listener tower: {@code listener} id (hash buckets for unknown listeners), {@code recent} (mean-pooled
 * embeddings of the last {@code historyLength} tracks) and a dense {@code profile}: the genre distribution of the
 * history, the mean content vector of its tracks ({@link TrackContent}) and {@code log(1 + count) / 5}.
 *
 * <p>With {@link ListenerAttributes} (switched on in {@link ListenerFeaturesConfig}) the listener tower also takes
 * the listener's attributes and the engineered inputs: categorical attribute ids after the listener id, the age band
 * × genre bag (of the recent tracks' genres) after {@code recent}, numeric attributes and mood quadrant shares after
 * {@code profile}.
 *
 * <p>Track tower: {@code track} id and {@code artist} id (hash buckets for unknown ones), {@code genre}
 * (mean-pooled genre embeddings) and the dense {@code content} vector.
 *
 * <p>Training listeners' histories are their training items ordered by time; a training example is a listener at
 * position {@code p} of their history with the prefix {@code [0, p)} as features and item {@code p} as target, so the
 * model learns to continue histories and never sees a target among its own features. Immutable.
 */
public final class HybridFeatures {
  private final TrackContent content;
  private final IdIndex items;
  private final IdIndex users;
  private final int historyLength;
  private final int idDimension;
  private final int hashBuckets;
  private final float[] itemDense;
  private final int[][] itemGenres;
  private final int[] itemArtist;
  private final String[] itemTitles;
  private final int[][] histories;
  private final int[] popularity;
  private final FeatureSchema querySchema;
  private final FeatureSchema itemSchema;
  private final int profileWidth;
  private final ListenerAttributes attributes;

  private HybridFeatures(TrackContent content, IdIndex items, IdIndex users, int historyLength, int idDimension,
      int hashBuckets, float[] itemDense, int[][] itemGenres, int[] itemArtist, String[] itemTitles, int[][] histories,
      int[] popularity, ListenerAttributes attributes) {
    this.attributes = attributes;
    this.content = content;
    this.items = items;
    this.users = users;
    this.historyLength = historyLength;
    this.idDimension = idDimension;
    this.hashBuckets = hashBuckets;
    this.itemDense = itemDense;
    this.itemGenres = itemGenres;
    this.itemArtist = itemArtist;
    this.itemTitles = itemTitles;
    this.histories = histories;
    this.popularity = popularity;
    int g = content.genreCount();
    profileWidth = g + TrackContent.WIDTH + 1;
    int small = Math.max(4, idDimension / 4);
    List<FeatureInput> query = new ArrayList<>();
    query.add(new FeatureInput.Id("listener", users.size(), hashBuckets, idDimension));
    if (attributes != null) {
      query.addAll(attributes.idInputs());
    }
    query.add(new FeatureInput.MultiHot("recent", Math.max(1, items.size()), idDimension));
    if (attributes != null) {
      query.addAll(attributes.bagInputs());
    }
    query.add(new FeatureInput.Dense("profile", profileWidth));
    if (attributes != null) {
      query.addAll(attributes.denseInputs());
    }
    querySchema = new FeatureSchema(query);
    itemSchema = FeatureSchema.of(
        new FeatureInput.Id("track", items.size(), hashBuckets, idDimension),
        new FeatureInput.Id("artist", content.artists().size(), hashBuckets, small),
        new FeatureInput.MultiHot("genre", g, small),
        new FeatureInput.Dense("content", TrackContent.WIDTH));
  }

  /**
   * Builds the features of a training table.
   *
   * @param catalog the tracks (items of {@code train} missing from it get no content: zeros and absent flags)
   * @param profiles listener profiles by id, for the listener features
   * @param listenerFeatures which listener features to build ({@link ListenerFeaturesConfig#none()}: none)
   */
  public static HybridFeatures fit(Interactions train, Catalog catalog, int historyLength, int idDimension, int hashBuckets,
      Map<String, Listener> profiles, ListenerFeaturesConfig listenerFeatures) {
    TrackContent content = TrackContent.fit(catalog);
    IdIndex items = train.items();
    int ni = items.size();
    float[] dense = new float[ni * TrackContent.WIDTH];
    int[][] genres = new int[ni][];
    int[] artist = new int[ni];
    String[] titles = new String[ni];
    for (int i = 0; i < ni; i++) {
      String id = items.id(i);
      Track t = catalog.find(id).orElse(null);
      if (t == null) {
        genres[i] = new int[0];
        artist[i] = -1;
        titles[i] = id;
        continue;
      }
      System.arraycopy(content.dense(t), 0, dense, i * TrackContent.WIDTH, TrackContent.WIDTH);
      genres[i] = content.genreIndices(t);
      artist[i] = t.primaryArtist().map(a -> content.artists().indexOf(a.key())).orElse(-1);
      titles[i] = t.displayTitle();
    }
    int nu = train.users().size();
    int[] count = new int[nu];
    int[] pop = new int[ni];
    for (int r = 0; r < train.size(); r++) {
      count[train.user(r)]++;
      pop[train.item(r)]++;
    }
    long[][] keyed = new long[nu][];
    for (int u = 0; u < nu; u++) {
      keyed[u] = new long[count[u]];
    }
    int[] fill = new int[nu];
    // order each history by time, ties by row order (stable: rows are distinct, so sort (time, row))
    Integer[] rows = new Integer[train.size()];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r;
    }
    Arrays.sort(rows, (a, b) -> {
      int c = Long.compare(train.timestamp(a), train.timestamp(b));
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[][] hist = new int[nu][];
    for (int u = 0; u < nu; u++) {
      hist[u] = new int[count[u]];
    }
    for (int r : rows) {
      int u = train.user(r);
      hist[u][fill[u]++] = train.item(r);
    }
    ListenerAttributes attributes = listenerFeatures.towerInputs()
        ? ListenerAttributes.fit(listenerFeatures, train.users(), profiles, items, catalog, content.genreCount())
        : null;
    return new HybridFeatures(content, items, train.users(), historyLength, idDimension, hashBuckets, dense, genres,
        artist, titles, hist, pop, attributes);
  }

  /** The listener tower's inputs. */
  public FeatureSchema querySchema() {
    return querySchema;
  }

  /** The track tower's inputs. */
  public FeatureSchema itemSchema() {
    return itemSchema;
  }

  /** The track content encoder. */
  public TrackContent content() {
    return content;
  }

  /** Known (training) items. */
  public IdIndex items() {
    return items;
  }

  /** Known (training) listeners. */
  public IdIndex users() {
    return users;
  }

  /** Training history of a known listener, in time order (do not modify). */
  public int[] history(int user) {
    return histories[user];
  }

  /** Number of training interactions of each item (do not modify). */
  public int[] popularity() {
    return popularity;
  }

  /** Genre indices of a known item (do not modify). */
  public int[] itemGenres(int item) {
    return itemGenres[item];
  }

  /** Display title of a known item. */
  public String title(int item) {
    return itemTitles[item];
  }

  /**
   * The track tower's row of a known item. An item of the dictionary without training interactions (a table split
   * shares its dictionaries) uses its hash bucket, like a new track, not an untrained row.
   */
  public TowerRow itemRow(int item) {
    FeatureInput.Id trackInput = (FeatureInput.Id) itemSchema.inputs().get(0);
    FeatureInput.Id artistInput = (FeatureInput.Id) itemSchema.inputs().get(1);
    int a = itemArtist[item] >= 0 ? itemArtist[item] : artistInput.unknown("?");
    int id = popularity[item] > 0 ? item : trackInput.unknown(items.id(item));
    return new TowerRow(new int[] {id, a}, new int[][] {itemGenres[item]},
        Arrays.copyOfRange(itemDense, item * TrackContent.WIDTH, (item + 1) * TrackContent.WIDTH));
  }

  /** The track tower's row of any track: a known one as {@link #itemRow(int)}, a new one from content only. */
  public TowerRow trackRow(Track t) {
    int known = items.indexOf(t.id());
    if (known >= 0) {
      return itemRow(known);
    }
    FeatureInput.Id trackInput = (FeatureInput.Id) itemSchema.inputs().get(0);
    FeatureInput.Id artistInput = (FeatureInput.Id) itemSchema.inputs().get(1);
    int a = t.primaryArtist().map(ar -> {
      int i = content.artists().indexOf(ar.key());
      return i >= 0 ? i : artistInput.unknown(ar.key());
    }).orElse(artistInput.unknown("?"));
    return new TowerRow(new int[] {trackInput.unknown(t.id()), a}, new int[][] {content.genreIndices(t)}, content.dense(t));
  }

  /**
   * The listener tower's row for a listener with the given history of known item indices.
   *
   * @param user the listener's index, or -1 for an unknown listener (then {@code userId} picks a hash bucket; so
   *     does a listener of the dictionary without training history)
   * @param length use the first {@code length} items of {@code history}
   */
  public TowerRow queryRow(int user, String userId, int[] history, int length) {
    FeatureInput.Id userInput = (FeatureInput.Id) querySchema.inputs().get(0);
    int id = user >= 0 && histories[user].length > 0 ? user : userInput.unknown(user >= 0 ? users.id(user) : userId);
    int from = Math.max(0, length - historyLength);
    int[] recent = Arrays.copyOfRange(history, from, length);
    if (attributes == null) {
      return new TowerRow(new int[] {id}, new int[][] {recent}, profile(history, length));
    }
    int known = user >= 0 && histories[user].length > 0 ? user : -1;
    int[] attrIds = attributes.ids(known);
    int[] ids = new int[1 + attrIds.length];
    ids[0] = id;
    System.arraycopy(attrIds, 0, ids, 1, attrIds.length);
    int[][] cross = attributes.bags(known, distinctGenres(recent));
    int[][] bags = new int[1 + cross.length][];
    bags[0] = recent;
    System.arraycopy(cross, 0, bags, 1, cross.length);
    float[] profile = profile(history, length);
    float[] extra = attributes.dense(known, history, length);
    float[] dense = Arrays.copyOf(profile, profile.length + extra.length);
    System.arraycopy(extra, 0, dense, profile.length, extra.length);
    return new TowerRow(ids, bags, dense);
  }

  private int[] distinctGenres(int[] tracks) {
    java.util.BitSet seen = new java.util.BitSet();
    for (int it : tracks) {
      for (int g : itemGenres[it]) {
        seen.set(g);
      }
    }
    return seen.stream().toArray();
  }

  /** The listener attribute inputs, or null when the listener tower takes none. */
  public ListenerAttributes attributes() {
    return attributes;
  }

  /** The dense profile of the first {@code length} items of a history. */
  public float[] profile(int[] history, int length) {
    int g = content.genreCount();
    float[] p = new float[profileWidth];
    for (int j = 0; j < length; j++) {
      int it = history[j];
      int[] gs = itemGenres[it];
      for (int x : gs) {
        p[x] += 1f / gs.length;
      }
      int base = it * TrackContent.WIDTH;
      for (int c = 0; c < TrackContent.WIDTH; c++) {
        p[g + c] += itemDense[base + c];
      }
    }
    if (length > 0) {
      for (int c = 0; c < g + TrackContent.WIDTH; c++) {
        p[c] /= length;
      }
    }
    p[profileWidth - 1] = (float) (Math.log1p(length) / 5);
    return p;
  }

  /**
   * The listener's audio preference: the mean standardised audio features of the first {@code length} items of a
   * history (missing values count as the mean), for the preference–track difference term.
   */
  public float[] audioPreference(int[] history, int length) {
    float[] p = new float[TrackContent.AUDIO];
    for (int j = 0; j < length; j++) {
      int base = history[j] * TrackContent.WIDTH;
      for (int c = 0; c < TrackContent.AUDIO; c++) {
        p[c] += itemDense[base + c];
      }
    }
    for (int c = 0; length > 0 && c < TrackContent.AUDIO; c++) {
      p[c] /= length;
    }
    return p;
  }

  /** The standardised audio features of a track tower row (its first {@link TrackContent#AUDIO} dense values). */
  public static float[] audio(TowerRow trackRow) {
    return Arrays.copyOf(trackRow.dense(), TrackContent.AUDIO);
  }

  /** The genre distribution of a history (genre index to share), for explanations. */
  public double[] genreShares(int[] history) {
    double[] s = new double[content.genreCount()];
    int n = 0;
    for (int it : history) {
      int[] gs = itemGenres[it];
      for (int x : gs) {
        s[x] += 1.0 / gs.length;
      }
      n++;
    }
    if (n > 0) {
      for (int i = 0; i < s.length; i++) {
        s[i] /= n;
      }
    }
    return s;
  }

  /** Writes everything serving needs (format version 2: with the listener attribute section). */
  public void write(Payload.Writer w) {
    content.write(w);
    w.putInt(historyLength).putInt(idDimension).putInt(hashBuckets);
    w.putInt(items.size());
    items.ids().forEach(w::putString);
    for (String t : itemTitles) {
      w.putString(t);
    }
    w.putFloats(itemDense).putInts(itemArtist).putInts(popularity);
    for (int[] g : itemGenres) {
      w.putInts(g);
    }
    w.putInt(users.size());
    users.ids().forEach(w::putString);
    for (int[] h : histories) {
      w.putInts(h);
    }
    w.putInt(attributes == null ? 0 : 1);
    if (attributes != null) {
      attributes.write(w);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param version the format version: 1 has no listener attribute section, 2 has one
   */
  public static HybridFeatures read(Payload.Reader r, int version) throws IOException {
    TrackContent content = TrackContent.read(r);
    int historyLength = r.getInt();
    int idDimension = r.getInt();
    int hashBuckets = r.getInt();
    IdIndex items = TrackContent.readIds(r, "item");
    int ni = items.size();
    String[] titles = new String[ni];
    for (int i = 0; i < ni; i++) {
      titles[i] = r.getString();
    }
    float[] dense = r.getFloats();
    int[] artist = r.getInts();
    int[] pop = r.getInts();
    if (dense.length != ni * TrackContent.WIDTH || artist.length != ni || pop.length != ni) {
      throw new ModelFormatException("item feature arrays do not match the " + ni + " items");
    }
    int[][] genres = new int[ni][];
    for (int i = 0; i < ni; i++) {
      genres[i] = r.getInts();
    }
    IdIndex users = TrackContent.readIds(r, "listener");
    int[][] hist = new int[users.size()][];
    for (int u = 0; u < hist.length; u++) {
      hist[u] = r.getInts();
      for (int it : hist[u]) {
        if (it < 0 || it >= ni) {
          throw new ModelFormatException("listener history names item " + it + " outside [0, " + ni + ")");
        }
      }
    }
    ListenerAttributes attributes = null;
    if (version >= 2 && r.getInt() == 1) {
      attributes = ListenerAttributes.read(r, users.size(), ni);
    }
    try {
      return new HybridFeatures(content, items, users, historyLength, idDimension, hashBuckets, dense, genres, artist,
          titles, hist, pop, attributes);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("malformed hybrid features: " + e.getMessage(), e);
    }
  }

  /** The (listener, position) training examples, leaving out the listed validation examples. */
  public List<int[]> examples(boolean[] heldOutLast) {
    List<int[]> out = new ArrayList<>();
    for (int u = 0; u < histories.length; u++) {
      int n = histories[u].length - (heldOutLast != null && heldOutLast[u] ? 1 : 0);
      for (int p = 0; p < n; p++) {
        out.add(new int[] {u, p});
      }
    }
    return out;
  }
}
