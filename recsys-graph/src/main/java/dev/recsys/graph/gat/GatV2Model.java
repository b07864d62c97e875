package dev.recsys.graph.gat;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.gat.internal.ContentGatNetwork;
import dev.recsys.graph.gat.internal.TrackContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted content graph attention recommender ({@link GatV2Trainer}): every track's unit vectors, computed from
 * its content (audio features, popularity, release year, duration, artists, genres, album), its id embedding when it
 * had plays, and attention in each layer over artists, genres and album and, on the query side, co-occurring
 * tracks. A query pools the seed tracks' query vectors (or the listener's latest tracks) by attention with a learned
 * recency decay and scores every track's candidate vector by cosine, plus {@link #blend()} times the session-kNN
 * vote of the same seeds (in [0, 1]) when the blend is positive. Cold tracks (in the catalogue, never played) are
 * scored through their content exactly like warm ones.
 *
 * <p>Each result is explained with names: the seeds by contribution (with the {@code session-knn} factor, the
 * contributions sum to the score), the attention paths of the recommended track ({@code "via artist X"},
 * {@code "via genre Y"}, {@code "via album Z"}, {@code "listeners who played A also played B"}) ranked by attention
 * times agreement with the query, and genre-influence scores (the attention on each of the track's genres).
 *
 * <p>Immutable and thread-safe. Persisted through {@link ModelContainer} (provider {@value #PROVIDER}, payload
 * version {@value #FORMAT_VERSION}; version 1 files are {@link GatModel}s).
 */
public final class GatV2Model implements SaveableModel {
  /** The container provider name (shared with {@link GatModel}, which writes version 1). */
  public static final String PROVIDER = GatModel.PROVIDER;
  /** The format version this class writes (it also reads versions {@value #OLDEST_FORMAT_VERSION} to 4). */
  public static final int FORMAT_VERSION = 5;
  /**
   * The oldest format version this class reads: version 2 files hold no session-kNN blend (they load with
   * none); versions 2 and 3 hold no listener's seen tracks (they load with the tracks each listener played to the
   * end and its latest tracks as seen).
   */
  public static final int OLDEST_FORMAT_VERSION = 2;
  /** The file name inside a model directory. */
  public static final String FILE_NAME = "gat2.model";

  private final HeteroGraph graph;
  private final TrackContent content;
  private final GatV2Config config;
  private final float[][] members;
  /**
   * The first network's parameters ({@code members[0]}): the network whose attention and neighbour vectors explain a
   * recommendation, and the one a payload stores first (alone up to format version 4).
   */
  private final float[] first;
  private final int[][] histories;
  private final int[][] seen;
  private final double blend;
  private final float blendWeight;
  private final SessionVotes votes;
  private final Provenance provenance;
  private final ContentGatNetwork net;
  private final ContentGatNetwork.Embedded embedded;
  private final ContentGatNetwork.Embedded queryEmbedded;
  /** Every track's candidate vectors, the networks' unit vectors side by side: {@code ensemble * dim} per track. */
  private final float[] emb;
  /** Every track's query vectors of each network. */
  private final float[][] queryEmb;

  /**
   * A model of one network's parameters per entry of {@code members} (an ensemble when there are several; the
   * config's {@link GatV2Config#ensemble()} must match); {@code seen[l]} lists every track listener {@code l} has a
   * training row of (played to the end, skipped, or of weight 0), ascending and distinct: what
   * {@link RecommendationQuery#excludeSeen()} leaves out.
   */
  GatV2Model(HeteroGraph graph, TrackContent content, GatV2Config config, float[][] members, int[][] histories,
      int[][] seen, double blend, Provenance provenance) {
    if (seen.length != graph.listeners().size() || histories.length != seen.length) {
      throw new IllegalArgumentException("histories (" + histories.length + ") and seen tracks (" + seen.length
          + ") must be given for each of the " + graph.listeners().size() + " listeners");
    }
    this.graph = graph;
    this.content = content;
    this.config = config;
    if (members.length != config.ensemble()) {
      throw new IllegalArgumentException(members.length + " networks for an ensemble of " + config.ensemble());
    }
    this.members = new float[members.length][];
    for (int k = 0; k < members.length; k++) {
      this.members[k] = members[k].clone();
    }
    this.first = this.members[0];
    this.histories = histories;
    this.seen = seen;
    this.blend = blend;
    this.blendWeight = (float) blend;
    this.votes = blend > 0 ? new SessionVotes(graph) : null;
    this.provenance = provenance;
    this.net = new ContentGatNetwork(graph, content, config.dim(),
        config.fanout().stream().mapToInt(Integer::intValue).toArray());
    for (float[] p : members) {
      if (net.parameterCount() != p.length) {
        throw new IllegalArgumentException("parameter count " + p.length + " does not fit the graph and config ("
            + net.parameterCount() + ")");
      }
    }
    this.queryEmbedded = net.embedAll(first, false);
    this.embedded = net.embedAll(first, true);
    int size = members.length;
    int dim = config.dim();
    int nt = graph.tracks().size();
    this.queryEmb = new float[size][];
    this.queryEmb[0] = queryEmbedded.vectors();
    float[] e = size == 1 ? embedded.vectors() : new float[nt * size * dim];
    for (int k = 0; k < size; k++) {
      if (k > 0) {
        queryEmb[k] = net.embedAll(this.members[k], false).vectors();
      }
      if (size > 1) {
        float[] c = k == 0 ? embedded.vectors() : net.embedAll(this.members[k], true).vectors();
        for (int t = 0; t < nt; t++) {
          System.arraycopy(c, t * dim, e, (t * size + k) * dim, dim);
        }
      }
    }
    this.emb = e;
  }

  /**
   * The graph.
   *
   * @return the graph
   */
  public HeteroGraph graph() {
    return graph;
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public GatV2Config config() {
    return config;
  }

  /**
   * The weight of the session-kNN votes added to the cosine score (the configured one, or the one chosen on
   * validation data when the configuration says {@link GatV2Config#AUTO_BLEND}).
   *
   * @return the weight, 0 when the votes are not used
   */
  public double blend() {
    return blend;
  }

  /**
   * Where and how it was fitted.
   *
   * @return the provenance
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * A copy of track {@code id}'s candidate vector (content, artists, genres, album and, for a played track, its id
   * embedding; what queries are scored against): one network's unit vector, or with an ensemble the networks' unit
   * vectors side by side ({@code ensemble * dim} floats).
   *
   * @param id the track id
   * @return the vector
   */
  public float[] embedding(String id) {
    int t = graph.tracks().require(id);
    int width = members.length * config.dim();
    return Arrays.copyOfRange(emb, t * width, (t + 1) * width);
  }

  /**
   * The recommender under {@code name}: seeds are the query's seed items (newest last), else the listener's latest
   * tracks; the last {@code maxPrefix} are pooled. With {@link RecommendationQuery#excludeSeen()} the seeds and
   * every track of the listener's training rows (skipped plays included) are left out.
   *
   * @param name the recommender's name
   * @return the recommender
   */
  public Recommender recommender(String name) {
    return new Task(Checks.notBlank("name", name));
  }

  /** The recommender of a task; saving it saves the model (a loaded model's recommender is named by its plugin). */
  private final class Task implements Recommender, SaveableModel {
    @Override
    public ModelContainer toContainer() {
      return GatV2Model.this.toContainer();
    }

    private final String name;

    Task(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<Recommendation> recommend(RecommendationQuery query) {
      Objects.requireNonNull(query, "query");
      int dim = config.dim();
      int nt = graph.tracks().size();
      boolean[] banned = new boolean[nt];
      for (String id : query.exclude()) {
        int t = graph.tracks().indexOf(id);
        if (t >= 0) {
          banned[t] = true;
        }
      }
      List<Integer> seeds = new ArrayList<>();
      for (String id : query.seedItems()) {
        int t = graph.tracks().indexOf(id);
        if (t >= 0) {
          seeds.add(t);
          if (query.excludeSeen()) {
            banned[t] = true;
          }
        }
      }
      int listener = query.listenerId().map(l -> graph.listeners().indexOf(l)).orElse(-1);
      if (listener >= 0) {
        if (query.excludeSeen()) {
          for (int t : seen[listener]) {
            banned[t] = true;
          }
        }
        if (seeds.isEmpty()) {
          for (int t : histories[listener]) {
            seeds.add(t);
          }
        }
      }
      Set<Integer> genreFilter = new HashSet<>();
      for (String g : query.genres()) {
        genreFilter.add(graph.genres().indexOf(g));
      }
      if (seeds.size() > config.maxPrefix()) {
        seeds = seeds.subList(seeds.size() - config.maxPrefix(), seeds.size());
      }
      int k = query.k();
      if (seeds.isEmpty()) {
        return popular(k, banned, genreFilter);
      }
      int n = seeds.size();
      int size = members.length;
      int width = size * dim;
      // each network pools its own seed vectors; the query is their unit queries side by side, each divided by the
      // ensemble size, so that its dot product with a candidate is the mean of the networks' cosines
      float[][][] sv = new float[size][n][];
      float[][] beta = new float[size][];
      float[][] qs = new float[size][dim];
      float[] qn = new float[size];
      float[] q = new float[width];
      float[] norm = new float[1];
      float share = 1f / size;
      for (int m = 0; m < size; m++) {
        for (int i = 0; i < n; i++) {
          int t = seeds.get(i);
          sv[m][i] = Arrays.copyOfRange(queryEmb[m], t * dim, (t + 1) * dim);
        }
        beta[m] = net.pool(members[m], sv[m], qs[m], norm);
        qn[m] = norm[0];
        for (int i = 0; i < dim; i++) {
          q[m * dim + i] = qs[m][i] * share;
        }
      }
      float scale = (float) (1 / config.temperature());
      float[] vote = votes == null ? null : votes.votes(seeds.stream().mapToInt(Integer::intValue).toArray());
      int[] top = topK(q, vote, k, banned, genreFilter);
      List<Recommendation> out = new ArrayList<>(top.length);
      for (int t : top) {
        float s = 0;
        for (int i = 0; i < width; i++) {
          s += q[i] * emb[t * width + i];
        }
        float v = vote == null ? 0 : blendWeight * vote[t];
        out.add(new Recommendation(graph.tracks().id(t), scale * (s + v),
            explain(t, seeds, sv, beta, qn, qs[0], scale, scale * v)));
      }
      return out;
    }

    @Override
    public String toString() {
      return "GatV2Recommender[name=" + name + ", config=" + config + "]";
    }
  }

  private int[] topK(float[] q, float[] vote, int k, boolean[] banned, Set<Integer> genreFilter) {
    int dim = q.length;
    int nt = graph.tracks().size();
    int[] best = new int[k];
    float[] bestScore = new float[k];
    int size = 0;
    for (int t = 0; t < nt; t++) {
      if (banned[t] || !genreOk(t, genreFilter)) {
        continue;
      }
      float s = 0;
      int o = t * dim;
      for (int i = 0; i < dim; i++) {
        s += q[i] * emb[o + i];
      }
      if (vote != null) {
        s += blendWeight * vote[t];
      }
      if (size == k && s <= bestScore[size - 1]) {
        continue; // ties keep the lower index
      }
      int pos = size < k ? size++ : size - 1;
      while (pos > 0 && bestScore[pos - 1] < s) {
        best[pos] = best[pos - 1];
        bestScore[pos] = bestScore[pos - 1];
        pos--;
      }
      best[pos] = t;
      bestScore[pos] = s;
    }
    return Arrays.copyOf(best, size);
  }

  private List<Recommendation> popular(int k, boolean[] banned, Set<Integer> genreFilter) {
    Integer[] order = new Integer[graph.tracks().size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> graph.plays(a) != graph.plays(b) ? Float.compare(graph.plays(b), graph.plays(a))
        : Integer.compare(a, b));
    List<Recommendation> out = new ArrayList<>();
    for (int t : order) {
      if (out.size() == k) {
        break;
      }
      if (!banned[t] && genreOk(t, genreFilter)) {
        out.add(new Recommendation(graph.tracks().id(t), graph.plays(t),
            Explanation.of("popular: no known seed track or listener, ranked by plays")));
      }
    }
    return out;
  }

  private boolean genreOk(int t, Set<Integer> filter) {
    if (filter.isEmpty()) {
      return true;
    }
    for (int g : content.genres[t]) {
      if (filter.contains(g)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The explanation of track {@code t}: the seeds' pool weights and contributions (means over the networks of an
   * ensemble, so that with the session-kNN factor they still sum to the score), then the attention paths and genre
   * influence of the first network ({@code q} is its unit query).
   */
  private Explanation explain(int t, List<Integer> seeds, float[][][] sv, float[][] beta, float[] qNorm, float[] q,
      float scale, float voteScore) {
    int dim = config.dim();
    int size = members.length;
    List<Explanation.Factor> factors = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      double weight = 0;
      double contribution = 0;
      for (int m = 0; m < size; m++) {
        double sim = 0;
        for (int c = 0; c < dim; c++) {
          sim += sv[m][i][c] * emb[(t * size + m) * dim + c];
        }
        weight += beta[m][i] / (double) size;
        contribution += scale * beta[m][i] * sim / qNorm[m] / size;
      }
      factors.add(new Explanation.Factor("seed", content.trackNames[seeds.get(i)], weight, contribution));
    }
    int[] kinds = embedded.kinds(t);
    int[] refs = embedded.refs(t);
    float[] alpha = embedded.weights(t);
    String name = content.trackNames[t];
    if (votes != null) {
      factors.add(new Explanation.Factor("session-knn", "sessions with the same tracks played it", blend,
          voteScore));
    }
    List<Explanation.Factor> paths = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      int s = seeds.get(i);
      int[] sk = queryEmbedded.kinds(s);
      int[] sr = queryEmbedded.refs(s);
      float[] sa = queryEmbedded.weights(s);
      for (int k = 0; k < sk.length; k++) {
        if (sk[k] == ContentGatNetwork.KIND_TRACK && sr[k] == t) {
          paths.add(new Explanation.Factor("path", "listeners who played " + content.trackNames[s] + " also played "
              + name, sa[k], beta[0][i] * sa[k]));
        }
      }
    }
    for (int k = 0; k < kinds.length; k++) {
      float[] v = neighbourVector(kinds[k], refs[k]);
      double agree = 0;
      for (int c = 0; c < dim; c++) {
        agree += v[c] * q[c];
      }
      double strength = alpha[k] * Math.max(0, agree);
      String label = switch (kinds[k]) {
        case ContentGatNetwork.KIND_TRACK -> "listeners who played " + content.trackNames[refs[k]] + " also played "
            + name;
        case ContentGatNetwork.KIND_ARTIST -> "via artist " + content.artistNames[refs[k]];
        case ContentGatNetwork.KIND_GENRE -> "via genre " + graph.genres().id(refs[k]);
        default -> "via album " + content.albumNames[refs[k]];
      };
      paths.add(new Explanation.Factor("path", label, alpha[k], strength));
    }
    paths.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
    factors.addAll(paths.subList(0, Math.min(5, paths.size())));
    for (int k = 0; k < kinds.length; k++) {
      if (kinds[k] == ContentGatNetwork.KIND_GENRE) {
        factors.add(new Explanation.Factor("genre-influence", graph.genres().id(refs[k]), alpha[k], alpha[k]));
      }
    }
    int bestSeed = 0;
    for (int i = 1; i < seeds.size(); i++) {
      if (factors.get(i).contribution() > factors.get(bestSeed).contribution()) {
        bestSeed = i;
      }
    }
    String summary = (paths.isEmpty() ? "similar to " + content.trackNames[seeds.get(bestSeed)]
        : paths.get(0).label()) + String.format(Locale.ROOT, "; closest seed %s (pool weight %.2f)",
        content.trackNames[seeds.get(bestSeed)], factors.get(bestSeed).value());
    return new Explanation(summary, factors);
  }

  private float[] neighbourVector(int kind, int ref) {
    int dim = config.dim();
    if (kind == ContentGatNetwork.KIND_TRACK) {
      int o = ref * members.length * dim; // the first network's vector
      return Arrays.copyOfRange(emb, o, o + dim);
    }
    float[] v = new float[dim];
    int off = net.tableOffset(kind, ref);
    System.arraycopy(first, off, v, 0, dim);
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    float norm = (float) Math.sqrt(s) + 1e-6f;
    for (int i = 0; i < dim; i++) {
      v[i] /= norm;
    }
    return v;
  }

  /**
   * Writes the model to {@code file}.
   *
   * @param file the file
   * @throws IOException if it cannot be written
   */
  @Override
  public void save(Path file) throws IOException {
    toContainer().writeTo(file);
  }

  /**
   * The model as a container of format version {@value #FORMAT_VERSION}.
   *
   * @return the container
   */
  @Override
  public ModelContainer toContainer() {
    return container(FORMAT_VERSION);
  }

  /**
   * Writes the model in format version {@code version}: {@value #FORMAT_VERSION}, 4 (without the ensemble's other
   * networks), 3 (without the listeners' seen tracks either) or 2 (without the session-kNN blend either); the older
   * versions for compatibility tests, and only for a single network.
   */
  void save(Path file, int version) throws IOException {
    container(version).writeTo(file);
  }

  private ModelContainer container(int version) {
    if (version < OLDEST_FORMAT_VERSION || version > FORMAT_VERSION) {
      throw new IllegalArgumentException("version must be in [" + OLDEST_FORMAT_VERSION + ", " + FORMAT_VERSION
          + "]; got " + version);
    }
    if (version < 5 && members.length > 1) {
      throw new IllegalArgumentException("format version " + version + " holds one network; this ensemble has "
          + members.length);
    }
    Payload.Writer w = Payload.writer();
    w.putInt(config.dim()).putInts(config.fanout().stream().mapToInt(Integer::intValue).toArray())
        .putInt(config.negatives()).putDouble(config.temperature()).putDouble(config.idDropout())
        .putInt(config.maxPrefix()).putDouble(config.validationShare());
    w.putInt(config.graph().cooccurrenceWindow()).putLong(config.graph().sessionGapSeconds())
        .putInt(config.graph().maxDegree());
    graph.write(w);
    content.write(w);
    w.putInt(histories.length);
    for (int[] h : histories) {
      w.putInts(h);
    }
    w.putFloats(first);
    if (version >= 3) {
      w.putDouble(blend);
    }
    if (version >= 4) {
      for (int[] s : seen) {
        w.putInts(s);
      }
    }
    if (version >= 5) {
      w.putInt(members.length);
      for (int k = 1; k < members.length; k++) {
        w.putFloats(members[k]);
      }
    }
    String json = "{\"dim\":" + config.dim() + ",\"fanout\":" + config.fanout() + ",\"temperature\":"
        + config.temperature() + ",\"maxPrefix\":" + config.maxPrefix() + ",\"blend\":" + blend + ",\"ensemble\":"
        + members.length + ",\"seed\":"
        + config.training().seed() + "}";
    return new ModelContainer(PROVIDER, version, json, provenance, w.toByteArray());
  }

  /**
   * Reads a model written by {@link #save} (format version 2 to 5); a version 1 file (a {@link GatModel}) and a
   * version newer than {@value #FORMAT_VERSION} are refused with a message saying so.
   *
   * @param file the file
   * @return the model
   * @throws IOException if the file cannot be read
   * @throws ModelFormatException if it holds another provider, another version or damaged bytes
   */
  public static GatV2Model load(Path file) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString());
  }

  /**
   * Reads a model from its container ({@link #toContainer()}); see {@link #load(Path)}.
   *
   * @param c the container
   * @param file names the container in messages (its file)
   * @return the model
   * @throws ModelFormatException naming {@code file} if it holds another provider, another version or damaged bytes
   */
  public static GatV2Model load(ModelContainer c, String file) throws ModelFormatException {
    return ModelContainer.decode(file, () -> {
      c.require(PROVIDER, FORMAT_VERSION);
      int version = c.payloadVersion();
      if (version < OLDEST_FORMAT_VERSION) {
        throw new ModelFormatException(file + ": a graph attention model of format version " + c.payloadVersion()
            + " (one layer, no track content); read it with GatModel.load, or retrain for version "
            + FORMAT_VERSION);
      }
      Payload.Reader r = Payload.reader(c.payload());
      int dim = r.getInt();
      int[] fanout = r.getInts();
      int negatives = r.getInt();
      double temperature = r.getDouble();
      double idDropout = r.getDouble();
      int maxPrefix = r.getInt();
      double validationShare = r.getDouble();
      GraphConfig gc = new GraphConfig(r.getInt(), r.getLong(), r.getInt());
      GatV2Config config = new GatV2Config(dim, Arrays.stream(fanout).boxed().toList(), negatives, temperature,
          idDropout, maxPrefix, validationShare, 0, 1, gc,
          GatV2Config.defaults().training().toBuilder().seed(c.provenance().seed()).build());
      HeteroGraph graph = HeteroGraph.read(r);
      TrackContent content = TrackContent.read(r, graph);
      int nl = r.getInt();
      if (nl != graph.listeners().size()) {
        throw new IOException("expected " + graph.listeners().size() + " listener histories, found " + nl);
      }
      int[][] histories = new int[nl][];
      for (int l = 0; l < nl; l++) {
        histories[l] = r.getInts();
        for (int t : histories[l]) {
          if (t < 0 || t >= graph.tracks().size()) {
            throw new IOException("track index " + t + " in the history of listener " + l + " out of range");
          }
        }
      }
      float[] params = r.getFloats();
      double blend = 0;
      if (version >= 3) {
        blend = r.getDouble();
        if (!(blend >= 0 && blend <= 10)) {
          throw new IOException("session-kNN blend " + blend + " out of [0, 10]");
        }
      }
      int[][] seen = new int[nl][];
      for (int l = 0; l < nl; l++) {
        seen[l] = version >= 4 ? r.getInts() : union(graph.listenerTracks(l), histories[l]);
        for (int k = 0; k < seen[l].length; k++) {
          int t = seen[l][k];
          if (t < 0 || t >= graph.tracks().size() || (k > 0 && t <= seen[l][k - 1])) {
            throw new IOException("seen track " + t + " of listener " + l + " out of range or out of order");
          }
        }
      }
      float[][] members = {params};
      if (version >= 5) {
        int size = r.getInt();
        if (size < 1 || size > 16) {
          throw new IOException("ensemble of " + size + " networks out of [1, 16]");
        }
        members = new float[size][];
        members[0] = params;
        for (int k = 1; k < size; k++) {
          members[k] = r.getFloats();
          if (members[k].length != params.length) {
            throw new IOException("network " + (k + 1) + " holds " + members[k].length + " parameters; the first "
                + params.length);
          }
        }
      }
      r.requireEnd();
      return new GatV2Model(graph, content, config.withBlend(blend).withEnsemble(members.length), members, histories,
          seen, blend, c.provenance());
    });
  }

  /** The distinct tracks of {@code a} and {@code b}, ascending. */
  static int[] union(int[] a, int[] b) {
    return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
  }

  @Override
  public String toString() {
    return "GatV2Model[graph=" + graph + ", config=" + config + "]";
  }
}
