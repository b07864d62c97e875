package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.RecsysVersion;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Session-based k-nearest-neighbours (SKNN): the training users (sessions or playlists) most similar to the query's
 * items (cosine of binary item sets) vote for their items with their similarity. The simple strong baseline for
 * session-based recommendation. A known user without seed items is answered from their own items; a query with
 * neither known seeds nor a known user falls back to popularity.
 *
 * <p>Saved ({@link SaveableModel}) as the training ids, each session's items in order and the play counts; the
 * {@code sessionknn} plugin reads it back.
 *
 * <p>Immutable and thread-safe.
 */
public final class SessionKnnRecommender implements Recommender, SaveableModel {
  /** Name in reports. */
  public static final String NAME = "sessionknn";
  /** The format version of saved models this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  private final IdIndex users;
  private final IdIndex items;
  private final int neighbours;
  private final int[][] userItems;
  private final int[][] itemUsers;
  private final int[] popular;
  private final float[] counts;
  /** Where a loaded model came from; null for one fitted in this process. */
  private final Provenance loaded;
  private final java.time.Instant fittedAt;

  private SessionKnnRecommender(Interactions train, int neighbours) {
    this(train.users(), train.items(), neighbours, sessions(train), null);
  }

  /** Each training user's distinct played (not skipped) items, in first-play order. */
  private static int[][] sessions(Interactions train) {
    int nu = train.users().size();
    List<Set<Integer>> ui = new ArrayList<>(nu);
    for (int u = 0; u < nu; u++) {
      ui.add(new java.util.LinkedHashSet<>());
    }
    for (int r = 0; r < train.size(); r++) {
      if (!train.skipped(r)) {
        ui.get(train.user(r)).add(train.item(r));
      }
    }
    int[][] out = new int[nu][];
    for (int u = 0; u < nu; u++) {
      out[u] = ui.get(u).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  private SessionKnnRecommender(IdIndex users, IdIndex items, int neighbours, int[][] userItems, Provenance loaded) {
    this.users = users;
    this.items = items;
    this.neighbours = neighbours;
    this.userItems = userItems;
    this.loaded = loaded;
    this.fittedAt = loaded != null ? loaded.createdAt()
        : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    int nu = users.size();
    int ni = items.size();
    counts = new float[ni];
    int[] deg = new int[ni];
    for (int u = 0; u < nu; u++) {
      for (int i : userItems[u]) {
        deg[i]++;
        counts[i]++;
      }
    }
    itemUsers = new int[ni][];
    for (int i = 0; i < ni; i++) {
      itemUsers[i] = new int[deg[i]];
    }
    int[] fill = new int[ni];
    for (int u = 0; u < nu; u++) {
      for (int i : userItems[u]) {
        itemUsers[i][fill[i]++] = u;
      }
    }
    Integer[] order = new Integer[ni];
    for (int i = 0; i < ni; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Float.compare(counts[b], counts[a]) : Integer.compare(a, b));
    popular = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Fits on training interactions.
   *
   * @param neighbours how many most similar sessions vote, in [1, 100000]
   * @param train the training interactions
   * @return the {@code SessionKnnRecommender}
   */
  public static SessionKnnRecommender fit(Interactions train, int neighbours) {
    Checks.inRange("neighbours", neighbours, 1, 100_000);
    return new SessionKnnRecommender(train, neighbours);
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param c the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version or is malformed
   */
  public static SessionKnnRecommender load(ModelContainer c) throws ModelFormatException {
    c.require(NAME, FORMAT_VERSION);
    String source = "'" + NAME + "' model";
    SessionKnnRecommenderPlugin.Config config =
        ConfigJson.readModelConfig(c.configJson(), SessionKnnRecommenderPlugin.Config.class, source);
    return ModelContainer.decode(source, () -> {
      Payload.Reader r = Payload.reader(c.payload());
      IdIndex users = IdIndex.of(r.getStrings());
      IdIndex items = IdIndex.of(r.getStrings());
      int[][] sessions = new int[users.size()][];
      for (int u = 0; u < sessions.length; u++) {
        sessions[u] = r.getInts();
        Set<Integer> seen = new HashSet<>();
        for (int i : sessions[u]) {
          if (i < 0 || i >= items.size() || !seen.add(i)) {
            throw new ModelFormatException("item " + i + " of session " + u + " is outside [0, " + items.size()
                + ") or repeated");
          }
        }
      }
      r.requireEnd();
      return new SessionKnnRecommender(users, items, config.neighbours(), sessions, c.provenance());
    });
  }

  @Override
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer().putStrings(users.ids()).putStrings(items.ids());
    Fingerprint f = new Fingerprint().add(users.size()).add(items.size());
    for (int[] session : userItems) {
      w.putInts(session);
      f.add(session.length);
      for (int i : session) {
        f.add(i);
      }
    }
    Provenance p = loaded != null ? loaded
        : new Provenance(RecsysVersion.get(), Runtime.version().toString(), 0, f.value(), fittedAt);
    return new ModelContainer(NAME, FORMAT_VERSION,
        ConfigJson.write(new SessionKnnRecommenderPlugin.Config(neighbours)), p, w.toByteArray());
  }

  /**
   * An evaluation trainer with {@code neighbours} voters.
   *
   * @param neighbours the neighbours
   * @return an evaluation trainer with {@code neighbours} voters
   */
  public static RecommenderTrainer trainer(int neighbours) {
    return RecommenderTrainer.of(NAME, train -> fit(train, neighbours));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    Set<Integer> banned = new HashSet<>();
    for (String id : query.exclude()) {
      int i = items.indexOf(id);
      if (i >= 0) {
        banned.add(i);
      }
    }
    Set<Integer> session = new java.util.LinkedHashSet<>();
    for (String id : query.seedItems()) {
      int i = items.indexOf(id);
      if (i >= 0) {
        session.add(i);
        if (query.excludeSeen()) {
          banned.add(i);
        }
      }
    }
    int user = query.listenerId().map(l -> users.indexOf(l)).orElse(-1);
    if (user >= 0) {
      for (int i : userItems[user]) {
        if (query.excludeSeen()) {
          banned.add(i);
        }
      }
      if (session.isEmpty()) {
        for (int i : userItems[user]) {
          session.add(i);
        }
      }
    }
    int k = query.k();
    List<Recommendation> out = new ArrayList<>();
    if (session.isEmpty()) {
      for (int i : popular) {
        if (out.size() == k) {
          break;
        }
        if (!banned.contains(i)) {
          out.add(new Recommendation(items.id(i), counts[i], Explanation.of("popular: no known seed items")));
        }
      }
      return out;
    }
    // overlap counts with every session sharing an item
    java.util.HashMap<Integer, Integer> overlap = new java.util.HashMap<>();
    for (int i : session) {
      for (int u : itemUsers[i]) {
        if (u != user) {
          overlap.merge(u, 1, Integer::sum);
        }
      }
    }
    int m = overlap.size();
    int[] users = new int[m];
    double[] sims = new double[m];
    int q = 0;
    for (var e : overlap.entrySet()) {
      users[q] = e.getKey();
      sims[q] = e.getValue() / Math.sqrt((double) session.size() * userItems[e.getKey()].length);
      q++;
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> sims[a] != sims[b] ? Double.compare(sims[b], sims[a]) : Integer.compare(users[a], users[b]));
    double[] score = new double[items.size()];
    for (int n = 0; n < Math.min(neighbours, m); n++) {
      int u = users[order[n]];
      for (int i : userItems[u]) {
        score[i] += sims[order[n]];
      }
    }
    Integer[] ranked = new Integer[score.length];
    int cnt = 0;
    for (int i = 0; i < score.length; i++) {
      if (score[i] > 0 && !banned.contains(i)) {
        ranked[cnt++] = i;
      }
    }
    Arrays.sort(ranked, 0, cnt, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
    for (int n = 0; n < Math.min(k, cnt); n++) {
      out.add(new Recommendation(items.id(ranked[n]), score[ranked[n]],
          new Explanation("similar sessions voted for it", List.of(
              new Explanation.Factor("neighbour-sessions", "summed similarity", score[ranked[n]], score[ranked[n]])))));
    }
    // fill with popular items so that the list has min(k, eligible) entries
    for (int i : popular) {
      if (out.size() >= k) {
        break;
      }
      if (score[i] == 0 && !banned.contains(i)) {
        out.add(new Recommendation(items.id(i), 0, Explanation.of("popular fill-in")));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "SessionKnnRecommender[neighbours=" + neighbours + ", sessions=" + userItems.length + ", items="
        + itemUsers.length + "]";
  }
}
