package dev.recsys.core.eval.baselines;

import dev.recsys.core.kernels.TopK;
import dev.recsys.core.eval.internal.UserItemMatrix;
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
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared query handling of the baselines fitted on an interaction table: resolving the query's history,
 * exclusions, the popularity fallback, deterministic top-k selection and explanations.
 *
 * <p>A query's <em>history</em> is the listener's training items (when the listener is known) plus the query's
 * seed items that are in the catalogue. With an empty history (unknown listener, no known seed) every baseline
 * answers with the most popular items, and says so in the explanation. Results are ordered by score, then by
 * training popularity, then by item index, so the list is total and deterministic; items with score 0 fill the
 * list when fewer items have a positive score (the contract asks for {@code min(k, eligible)} results). Genre
 * filters need item genres, which interaction-only baselines do not have: a query with genres fails with
 * {@link IllegalArgumentException}, unless the recommender was fitted through
 * {@link dev.recsys.core.eval.RecommenderTrainer#fit(Interactions, dev.recsys.core.model.Catalog)}, which
 * applies the filter with the catalogue's genres.
 *
 * <p>Saving ({@link SaveableModel}): the container's provider is the model's name, its configuration the model's
 * settings, and its payload starts with the training listener and track ids and the binary matrix (each listener's
 * tracks), followed by the fitted state of the model (neighbours, weights, embeddings). The provenance's data
 * fingerprint hashes that matrix; its time is the time of the fit.
 *
 * <p>Immutable and thread-safe: each query allocates its own score buffer.
 */
abstract class MatrixRecommender implements Recommender, SaveableModel {
  final String name;
  final IdIndex users;
  final IdIndex items;
  final UserItemMatrix matrix;
  final int[] popularity;
  private final int payloadVersion;
  /** Where a loaded model came from; null for a model fitted in this process (see {@link #fittedAt}). */
  private final Provenance loadedProvenance;
  private final Instant fittedAt;

  MatrixRecommender(String name, int payloadVersion, Interactions train) {
    this(name, payloadVersion, train.users(), train.items(), UserItemMatrix.of(train), null);
  }

  MatrixRecommender(String name, int payloadVersion, Restored saved) {
    this(name, payloadVersion, saved.users(), saved.items(), saved.matrix(), saved.provenance());
  }

  private MatrixRecommender(String name, int payloadVersion, IdIndex users, IdIndex items, UserItemMatrix matrix,
      Provenance loaded) {
    this.name = name;
    this.payloadVersion = payloadVersion;
    this.users = users;
    this.items = items;
    this.matrix = matrix;
    this.loadedProvenance = loaded;
    this.fittedAt = loaded != null ? loaded.createdAt() : Instant.now().truncatedTo(ChronoUnit.MILLIS);
    this.popularity = new int[matrix.numItems()];
    for (int i = 0; i < popularity.length; i++) {
      popularity[i] = matrix.itemDegree(i);
    }
  }

  /** The training ids and matrix of a saved model, and its provenance. */
  record Restored(IdIndex users, IdIndex items, UserItemMatrix matrix, Provenance provenance) {}

  /** Reads the fitted state that follows the ids and the matrix in a saved model's payload. */
  @FunctionalInterface
  interface StateReader<C, R> {
    R read(Restored saved, C config, Payload.Reader in) throws IOException;
  }

  /** The format version of the model's saved form. */
  final int payloadVersion() {
    return payloadVersion;
  }

  /** The settings saved as the container's configuration. */
  abstract Object config();

  /** The container's configuration: {@link #config()} as JSON. */
  String configJson() {
    return ConfigJson.write(config());
  }

  /** The seed recorded in the provenance: the configuration's seed, 0 for models without randomness. */
  long seed() {
    return 0;
  }

  /** Writes the fitted state that follows the ids and the matrix: nothing, for models that keep none. */
  void writeState(Payload.Writer out) {}

  @Override
  public final ModelContainer toContainer() {
    Payload.Writer w = Payload.writer();
    w.putStrings(users.ids()).putStrings(items.ids()).putInts(matrix.userPtr()).putInts(matrix.userItems());
    writeState(w);
    return new ModelContainer(name, payloadVersion(), configJson(), provenance(), w.toByteArray());
  }

  /** Where the model came from: read back for a loaded model, else this library, the seed, the data and the fit time. */
  @Override
  public Provenance provenance() {
    if (loadedProvenance != null) {
      return loadedProvenance;
    }
    Fingerprint f = new Fingerprint().add(matrix.numUsers()).add(matrix.numItems());
    users.ids().forEach(f::add);
    items.ids().forEach(f::add);
    for (int u = 0; u < matrix.numUsers(); u++) {
      f.add(matrix.userDegree(u));
    }
    for (int i : matrix.userItems()) {
      f.add(i);
    }
    return new Provenance(RecsysVersion.get(), Runtime.version().toString(), seed(), f.value(), fittedAt);
  }

  /**
   * Reads a model saved by {@link #toContainer()}: checks provider and version, parses the configuration
   * ({@code configType} null: not read), restores ids and matrix, then lets {@code state} read the rest.
   *
   * @throws ModelFormatException naming the provider and the problem
   */
  static <C, R extends MatrixRecommender> R restore(ModelContainer c, String provider, int payloadVersion,
      Class<C> configType, StateReader<C, R> state) throws ModelFormatException {
    c.require(provider, payloadVersion);
    String source = "'" + provider + "' model";
    C config = configType == null ? null : ConfigJson.readModelConfig(c.configJson(), configType, source);
    return ModelContainer.decode(source, () -> {
      Payload.Reader r = Payload.reader(c.payload());
      IdIndex users = IdIndex.of(r.getStrings());
      IdIndex items = IdIndex.of(r.getStrings());
      int[] userPtr = r.getInts();
      int[] userItems = r.getInts();
      if (userPtr.length != users.size() + 1) {
        throw new ModelFormatException(userPtr.length + " listener offsets for " + users.size() + " listeners");
      }
      UserItemMatrix m = UserItemMatrix.ofRows(items.size(), userPtr, userItems);
      R out = state.read(new Restored(users, items, m, c.provenance()), config, r);
      r.requireEnd();
      return out;
    });
  }

  /** Fails unless {@code n} equals {@code expected}, naming what was counted. */
  static void requireLength(String what, int n, long expected) throws ModelFormatException {
    if (n != expected) {
      throw new ModelFormatException(what + " has " + n + " values; expected " + expected);
    }
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * Number of catalogue items.
   *
   * @return the number of catalogue items
   */
  public int numItems() {
    return matrix.numItems();
  }

  /**
   * Writes the score of every item for a non-empty history into {@code scores} (all zero on entry).
   *
   * @param listener the known listener's index, or -1
   * @return state for {@link #explain}, or {@code null}
   */
  abstract Object score(int[] history, int listener, float[] scores);

  /** The explanation of one result. */
  abstract Explanation explain(Object state, int[] history, int item, float score);

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    if (!query.genres().isEmpty()) {
      throw new IllegalArgumentException(name + " has no item genres, so it cannot filter by genres "
          + query.genres() + "; filter the results instead");
    }
    int listener = query.listenerId().map(users::indexOf).orElse(-1);
    if (listener >= matrix.numUsers()) {
      listener = -1;
    }
    int[] history = history(listener, query.seedItems());
    int n = matrix.numItems();
    boolean[] excluded = new boolean[n];
    for (String id : query.exclude()) {
      int i = items.indexOf(id);
      if (i >= 0 && i < n) {
        excluded[i] = true;
      }
    }
    if (query.excludeSeen()) {
      for (int h : history) {
        excluded[h] = true;
      }
    }
    float[] scores = new float[n];
    Object state = null;
    boolean fallback = history.length == 0;
    if (fallback) {
      for (int i = 0; i < n; i++) {
        scores[i] = popularity[i];
      }
    } else {
      state = score(history, listener, scores);
    }
    int[] top = TopK.select(scores, popularity, excluded, query.k());
    List<Recommendation> out = new ArrayList<>(top.length);
    for (int i : top) {
      Explanation e = fallback
          ? new Explanation("popular: " + popularity[i] + " listeners played it (no history to go on)",
              List.of(new Explanation.Factor("popularity", items.id(i), popularity[i], scores[i])))
          : explain(state, history, i, scores[i]);
      out.add(new Recommendation(items.id(i), scores[i], e));
    }
    return out;
  }

  /** The listener's training items plus the known seed items, sorted and distinct. */
  int[] history(int listener, List<String> seeds) {
    int[] own = listener >= 0 ? matrix.itemsOf(listener) : new int[0];
    if (seeds.isEmpty()) {
      return own;
    }
    int[] all = Arrays.copyOf(own, own.length + seeds.size());
    int m = own.length;
    for (String s : seeds) {
      int i = items.indexOf(s);
      if (i >= 0 && i < matrix.numItems()) {
        all[m++] = i;
      }
    }
    return Arrays.stream(all, 0, m).sorted().distinct().toArray();
  }

  /** Labels of the first few factors, for summaries: {@code "A, B and 3 more"}. */
  static String labels(List<Explanation.Factor> factors, int max) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(max, factors.size());
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(factors.get(i).label());
    }
    if (factors.size() > n) {
      b.append(" and ").append(factors.size() - n).append(" more");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[name=" + name + ", users=" + matrix.numUsers() + ", items="
        + matrix.numItems() + ", nnz=" + matrix.nnz() + "]";
  }
}
