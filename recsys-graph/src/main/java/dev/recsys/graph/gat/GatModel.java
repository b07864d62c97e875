package dev.recsys.graph.gat;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.graph.gat.internal.GatNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A fitted graph attention recommender: the graph, the network's parameters and the track embeddings they give.
 * Serves two tasks as {@link Recommender}s: {@link #nextTrack()} (the seed items are the session so far; the last
 * {@code maxPrefix} are pooled) and {@link #playlistContinuation()} (the seed items are a playlist's first tracks;
 * all are pooled, up to 1000). Each result carries an attention {@link Explanation}: the seed tracks by pooling
 * weight times similarity (these contributions sum to the score), the track's neighbours, artists and genres with
 * the largest attention (mean over heads), and a genre-influence score (the share of the genre message in the
 * norm of the track's embedding parts).
 *
 * <p>Immutable and thread-safe. Persisted through {@link ModelContainer} (provider {@value #PROVIDER}).
 */
public final class GatModel {
  /** The container provider name. */
  public static final String PROVIDER = "graph-attention";
  /** The format version this reader writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  /** The file name inside a model directory. */
  public static final String FILE_NAME = "gat.model";

  private final HeteroGraph graph;
  private final GatConfig config;
  private final float[] params;
  private final GatNetwork net;
  private final float[] emb;
  private final int[] popular;
  private final Provenance provenance;

  GatModel(HeteroGraph graph, GatConfig config, float[] params, Provenance provenance) {
    this.graph = graph;
    this.config = config;
    this.params = params.clone();
    this.provenance = provenance;
    this.net = new GatNetwork(graph, config.dim(), config.heads());
    if (net.parameterCount() != params.length) {
      throw new IllegalArgumentException("parameter count " + params.length + " does not fit the graph and config ("
          + net.parameterCount() + ")");
    }
    this.emb = net.embedAll(this.params, config.neighbours());
    Integer[] order = new Integer[graph.tracks().size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> graph.plays(a) != graph.plays(b) ? Float.compare(graph.plays(b), graph.plays(a))
        : Integer.compare(a, b));
    this.popular = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
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
   * The configuration it was trained with.
   *
   * @return the configuration it was trained with
   */
  public GatConfig config() {
    return config;
  }

  /**
   * Where and how it was fitted.
   *
   * @return where and how it was fitted
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * A copy of the network parameters.
   *
   * @return a copy of the network parameters
   */
  public float[] parameters() {
    return params.clone();
  }

  /**
   * A copy of the output embedding of track {@code id}.
   *
   * @param id the id
   * @return a copy of the output embedding of track {@code id}
   */
  public float[] embedding(String id) {
    int t = graph.tracks().require(id);
    return Arrays.copyOfRange(emb, t * config.dim(), (t + 1) * config.dim());
  }

  /**
   * The session-based next-track recommender (name {@code "gat-next"}).
   *
   * @return the session-based next-track recommender (name {@code "gat-next"})
   */
  public Recommender nextTrack() {
    return new Task("gat-next", config.maxPrefix());
  }

  /**
   * The playlist-continuation recommender (name {@code "gat-playlist"}).
   *
   * @return the playlist-continuation recommender (name {@code "gat-playlist"})
   */
  public Recommender playlistContinuation() {
    return new Task("gat-playlist", 1000);
  }

  /**
   * The playlist-continuation recommender under another name (pools up to 1,000 seeds: the query's seed items,
   * else the listener's training history); {@code recsys evaluate --models gat} names it {@code "gat"}.
   *
   * @param name the recommender's name in reports and explanations, not blank
   * @return the recommender
   */
  public Recommender playlistContinuation(String name) {
    return new Task(dev.recsys.core.util.Checks.notBlank("name", name), 1000);
  }

  /**
   * The attention of track {@code id}'s layer per edge type: {@code [type][head][k]} over its top neighbours
   * ({@link #attentionNeighbours}); each head's weights sum to 1 when the track has neighbours of that type.
   *
   * @param id the id
   * @return the attention of track {@code id}'s layer per edge type
   */
  public float[][][] attention(String id) {
    GatNetwork.Node node = node(graph.tracks().require(id));
    float[][][] out = new float[EdgeType.values().length][config.heads()][];
    for (EdgeType t : EdgeType.values()) {
      int n = node.neighbours[t.ordinal()].length;
      for (int h = 0; h < config.heads(); h++) {
        out[t.ordinal()][h] = Arrays.copyOfRange(node.alpha[t.ordinal()], h * n, (h + 1) * n);
      }
    }
    return out;
  }

  /**
   * The neighbour indices {@link #attention} refers to, per edge type.
   *
   * @param id the id
   * @return the neighbour indices {@link #attention} refers to, per edge type
   */
  public int[][] attentionNeighbours(String id) {
    GatNetwork.Node node = node(graph.tracks().require(id));
    int[][] out = new int[node.neighbours.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.neighbours[i].clone();
    }
    return out;
  }

  private GatNetwork.Node node(int t) {
    return net.forward(params, t, net.neighbours(t, config.neighbours(), null));
  }

  private final class Task implements Recommender {
    private final String name;
    private final int maxSeeds;

    Task(String name, int maxSeeds) {
      this.name = name;
      this.maxSeeds = maxSeeds;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<Recommendation> recommend(RecommendationQuery query) {
      Objects.requireNonNull(query, "query");
      int dim = config.dim();
      Set<Integer> banned = new HashSet<>();
      for (String id : query.exclude()) {
        int t = graph.tracks().indexOf(id);
        if (t >= 0) {
          banned.add(t);
        }
      }
      List<Integer> seeds = new ArrayList<>();
      for (String id : query.seedItems()) {
        int t = graph.tracks().indexOf(id);
        if (t >= 0) {
          seeds.add(t);
        }
        if (query.excludeSeen() && t >= 0) {
          banned.add(t);
        }
      }
      int listener = query.listenerId().map(l -> graph.listeners().indexOf(l)).orElse(-1);
      if (listener >= 0) {
        int[] played = graph.listenerTracks(listener);
        if (query.excludeSeen()) {
          for (int t : played) {
            banned.add(t);
          }
        }
        if (seeds.isEmpty()) {
          for (int k = 0; k < Math.min(played.length, maxSeeds); k++) {
            seeds.add(played[k]);
          }
        }
      }
      Set<Integer> genreFilter = new HashSet<>();
      for (String g : query.genres()) {
        int gi = graph.genres().indexOf(g);
        genreFilter.add(gi); // -1 when unknown: then nothing matches that genre
      }
      if (seeds.size() > maxSeeds) {
        seeds = seeds.subList(seeds.size() - maxSeeds, seeds.size());
      }
      int k = query.k();
      if (seeds.isEmpty()) {
        List<Recommendation> out = new ArrayList<>();
        for (int t : popular) {
          if (out.size() == k) {
            break;
          }
          if (!banned.contains(t) && genreOk(t, genreFilter)) {
            out.add(new Recommendation(graph.tracks().id(t), graph.plays(t),
                Explanation.of("popular: no known seed track or listener, ranked by plays")));
          }
        }
        return out;
      }
      int n = seeds.size();
      float[][] outs = new float[n][];
      for (int i = 0; i < n; i++) {
        int t = seeds.get(i);
        outs[i] = Arrays.copyOfRange(emb, t * dim, (t + 1) * dim);
      }
      float[] s = new float[dim];
      float[] beta = net.pool(params, outs, n, s);
      // top-k by score, ties by index
      PriorityQueue<long[]> heap = new PriorityQueue<>(k + 1, (a, b) -> {
        int c = Float.compare(Float.intBitsToFloat((int) a[0]), Float.intBitsToFloat((int) b[0]));
        return c != 0 ? c : Long.compare(b[1], a[1]);
      });
      int nt = graph.tracks().size();
      for (int t = 0; t < nt; t++) {
        if (banned.contains(t) || !genreOk(t, genreFilter)) {
          continue;
        }
        float sc = 0;
        int o = t * dim;
        for (int i = 0; i < dim; i++) {
          sc += s[i] * emb[o + i];
        }
        long[] e = {Float.floatToIntBits(sc), t};
        if (heap.size() < k) {
          heap.add(e);
        } else {
          long[] min = heap.peek();
          float ms = Float.intBitsToFloat((int) min[0]);
          if (sc > ms || (sc == ms && t < min[1])) {
            heap.poll();
            heap.add(e);
          }
        }
      }
      List<long[]> top = new ArrayList<>(heap);
      top.sort((a, b) -> {
        int c = Float.compare(Float.intBitsToFloat((int) b[0]), Float.intBitsToFloat((int) a[0]));
        return c != 0 ? c : Long.compare(a[1], b[1]);
      });
      List<Recommendation> out = new ArrayList<>(top.size());
      for (long[] e : top) {
        int t = (int) e[1];
        float score = Float.intBitsToFloat((int) e[0]);
        out.add(new Recommendation(graph.tracks().id(t), score, explain(t, seeds, outs, beta)));
      }
      return out;
    }

    private boolean genreOk(int t, Set<Integer> filter) {
      if (filter.isEmpty()) {
        return true;
      }
      for (int k = 0; k < graph.degree(EdgeType.TRACK_GENRE, t); k++) {
        if (filter.contains(graph.neighbour(EdgeType.TRACK_GENRE, t, k))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "GatRecommender[name=" + name + ", maxSeeds=" + maxSeeds + ", config=" + config + "]";
    }
  }

  private Explanation explain(int t, List<Integer> seeds, float[][] outs, float[] beta) {
    int dim = config.dim();
    List<Explanation.Factor> factors = new ArrayList<>();
    int bestSeed = 0;
    double bestContribution = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < seeds.size(); i++) {
      double sim = 0;
      for (int c = 0; c < dim; c++) {
        sim += outs[i][c] * emb[t * dim + c];
      }
      double contribution = beta[i] * sim;
      if (contribution > bestContribution) {
        bestContribution = contribution;
        bestSeed = i;
      }
      factors.add(new Explanation.Factor("seed", graph.tracks().id(seeds.get(i)), beta[i], contribution));
    }
    GatNetwork.Node node = node(t);
    double[] norms = new double[EdgeType.values().length];
    double selfNorm = 0;
    for (int c = 0; c < dim; c++) {
      selfNorm += emb[t * dim + c] * emb[t * dim + c];
    }
    double total = 0;
    for (EdgeType type : EdgeType.values()) {
      int r = type.ordinal();
      double nn = 0;
      for (int c = 0; c < dim; c++) {
        nn += node.transformed[r][c] * node.transformed[r][c];
      }
      norms[r] = Math.sqrt(nn);
      total += norms[r];
      int[] nb = node.neighbours[r];
      int n = nb.length;
      if (n == 0 || type == EdgeType.TRACK_LISTENER) {
        continue;
      }
      double[] mean = new double[n];
      for (int h = 0; h < config.heads(); h++) {
        for (int k = 0; k < n; k++) {
          mean[k] += node.alpha[r][h * n + k] / config.heads();
        }
      }
      Integer[] order = new Integer[n];
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> mean[a] != mean[b] ? Double.compare(mean[b], mean[a]) : Integer.compare(a, b));
      String kind = switch (type) {
        case TRACK_TRACK -> "neighbour";
        case TRACK_ARTIST -> "artist";
        case TRACK_GENRE -> "genre";
        case TRACK_LISTENER -> "listener";
      };
      for (int k = 0; k < Math.min(3, n); k++) {
        int j = nb[order[k]];
        String label = switch (type) {
          case TRACK_TRACK -> graph.tracks().id(j);
          case TRACK_ARTIST -> graph.artists().id(j);
          case TRACK_GENRE -> graph.genres().id(j);
          case TRACK_LISTENER -> graph.listeners().id(j);
        };
        factors.add(new Explanation.Factor(kind, label, mean[order[k]], mean[order[k]]));
      }
    }
    double genreInfluence = norms[EdgeType.TRACK_GENRE.ordinal()] / (Math.sqrt(selfNorm) + total + 1e-12);
    factors.add(new Explanation.Factor("genre-influence", "genre message share", genreInfluence, genreInfluence));
    String summary = "attention on seed " + graph.tracks().id(seeds.get(bestSeed)) + String.format(
        " (pool weight %.2f); genre influence %.2f", beta[bestSeed], genreInfluence);
    return new Explanation(summary, factors);
  }

  /**
   * Writes the model to {@code file} as a {@link ModelContainer}.
   *
   * @param file the file
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    Payload.Writer w = Payload.writer();
    w.putInt(config.dim()).putInt(config.heads()).putInt(config.neighbours()).putInt(config.negatives())
        .putInt(config.maxPrefix()).putDouble(config.validationShare());
    w.putInt(config.graph().cooccurrenceWindow()).putLong(config.graph().sessionGapSeconds())
        .putInt(config.graph().maxDegree());
    graph.write(w);
    w.putFloats(params);
    new ModelContainer(PROVIDER, FORMAT_VERSION, configJson(), provenance, w.toByteArray()).writeTo(file);
  }

  /**
   * Reads a model written by {@link #save}. The training part of the configuration is not needed for inference
   * and comes back as {@link GatConfig#defaults()}'s.
   *
   * @throws ModelFormatException if the file holds another provider or a newer format version
   * @param file the file
   * @return the {@code GatModel}
   */
  public static GatModel load(Path file) throws IOException {
    ModelContainer c = ModelContainer.readFrom(file);
    return ModelContainer.decode(file.toString(), () -> decode(file, c));
  }

  private static GatModel decode(Path file, ModelContainer c) throws IOException {
    c.require(PROVIDER, FORMAT_VERSION);
    Payload.Reader r = Payload.reader(c.payload());
    int dim = r.getInt();
    int heads = r.getInt();
    int neighbours = r.getInt();
    int negatives = r.getInt();
    int maxPrefix = r.getInt();
    double validationShare = r.getDouble();
    GraphConfig gc = new GraphConfig(r.getInt(), r.getLong(), r.getInt());
    GatConfig config = new GatConfig(dim, heads, neighbours, negatives, maxPrefix, validationShare, gc,
        GatConfig.defaults().training().toBuilder().seed(c.provenance().seed()).build());
    HeteroGraph graph = HeteroGraph.read(r);
    float[] params = r.getFloats();
    r.requireEnd();
    return new GatModel(graph, config, params, c.provenance());
  }

  private String configJson() {
    return "{\"dim\":" + config.dim() + ",\"heads\":" + config.heads() + ",\"neighbours\":" + config.neighbours()
        + ",\"negatives\":" + config.negatives() + ",\"maxPrefix\":" + config.maxPrefix() + ",\"validationShare\":"
        + config.validationShare() + ",\"cooccurrenceWindow\":" + config.graph().cooccurrenceWindow()
        + ",\"sessionGapSeconds\":" + config.graph().sessionGapSeconds() + ",\"maxDegree\":"
        + config.graph().maxDegree() + ",\"epochs\":" + config.training().epochs() + ",\"batchSize\":"
        + config.training().batchSize() + ",\"seed\":" + config.training().seed() + "}";
  }

  @Override
  public String toString() {
    return "GatModel[graph=" + graph + ", config=" + config + ", parameters=" + params.length + "]";
  }
}
