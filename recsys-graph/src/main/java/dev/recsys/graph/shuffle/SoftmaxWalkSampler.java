package dev.recsys.graph.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.internal.EdgeLists;
import dev.recsys.graph.internal.Exp;
import dev.recsys.graph.internal.WalkKernel;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The smart shuffle ({@value #NAME}): a random walk on the {@link SimilarityGraph} that scores each candidate next
 * track with a linear combination of {@link WalkFeature}s and draws from the softmax of the scores divided by the
 * temperature.
 *
 * <p><b>Candidates.</b> The current track's neighbours, best first, then (if
 * {@link SoftmaxWalkConfig#recentNeighbourTracks()} &gt; 0) the neighbours of that many earlier plays, without
 * duplicates and without the current track, up to {@link SoftmaxWalkConfig#maxCandidates()}.
 *
 * <p><b>Hard constraints.</b> Two filters run before scoring, so no weight can override them: no track played
 * within the last {@link SoftmaxWalkConfig#excludeWithin()} plays ("no repeat within N"), and no track whose
 * primary artist is the artist of one of the last {@link SoftmaxWalkConfig#artistGap()} plays ("no artist twice
 * within M"). The defaults are N = {@value SoftmaxWalkConfig#DEFAULT_EXCLUDE_WITHIN} and
 * M = {@value SoftmaxWalkConfig#DEFAULT_ARTIST_GAP}. Each step records where its candidates came from
 * ({@link StepBuffers#source()}), and an {@linkplain #explainedWalk explained walk} reports it per pick, so a
 * relaxed constraint is visible in the explanation.
 *
 * <p><b>Hard cases</b> (never an exception in a walk; see {@link StepBuffers.StepSource}):
 * <ol>
 *   <li>the constraints remove every neighbour: the neighbours of the neighbours (second hop) are taken, still under
 *       the constraints; if those are all removed too, the constraints are relaxed and the current track's unfiltered
 *       neighbours are scored, so the recency and artist features rather than the filters decide;</li>
 *   <li>the current track has no neighbours at all: the next tracks in catalogue order after it (cyclically, up to
 *       {@code maxCandidates}, never the current track) are scored with the same features;</li>
 *   <li>a one-track catalogue: the only candidate is the current track, with probability 1;</li>
 *   <li>an empty catalogue: an empty distribution, and {@link #sample} returns -1.</li>
 * </ol>
 *
 * <p><b>Performance.</b> {@link #step} writes into caller-owned {@link StepBuffers} and allocates nothing. The
 * features are computed in a column layout (each feature's values for all candidates contiguous), and the built-in
 * features, the scores and the softmax run as JDK Vector API kernels when {@code jdk.incubator.vector} is resolved,
 * plain loops otherwise; both give the same bits (see {@code WalkKernel}), so a seeded walk picks the same tracks
 * with the same probabilities on every JVM. A long-lived walk on its own weights (one that has taken as many steps
 * as the catalogue has tracks) builds a table per edge of the graph (16 bytes per edge: the edge-only part of the
 * score, the target's artist and cluster) and then scores the built-in history features in one pass over the
 * candidates, writing the feature columns only when they are read; the bits stay those of the column layout.
 * {@link #sample} (hence {@link #walk}) uses one set of buffers per thread and allocates nothing either.
 * {@link #distribution} and {@link #recommendNext} build a {@link NextTrackDistribution} on top of a step.
 *
 * <p>Immutable and thread-safe; {@link #distribution} is a pure function of the current track and the history.
 */
public final class SoftmaxWalkSampler implements NextTrackSampler {
  /** The plugin name. */
  public static final String NAME = "softmax-walk";

  private final SimilarityGraph graph;
  private final TrackAttributes attributes;
  private final WalkFeature[] features;
  private final List<String> featureNames;
  private final double[] weights;
  private final SoftmaxWalkConfig config;
  private final int[] offsets;
  private final int[] neighbours;
  private final float[] edgeWeights;
  private final ThreadLocal<StepBuffers> buffers;
  private final WalkKernel kernel;
  /** Whether no track's neighbour list repeats a track, so a list can be taken as candidates without marking. */
  private final boolean distinctNeighbours;
  /** The feature columns in scoring order: the edge-only ones first, then the others, each group in column order. */
  private final int[] scoreOrder;
  /** How many of {@link #scoreOrder} depend on the edge only. */
  private final int edgeOnly;
  /**
   * The one-pass scorer of the features after the edge-only ones with this walk's weights, for steps that take the
   * edge-only part from {@link #edgeScores}; null when one of them is not a built-in history feature.
   */
  private final HistoryScorer historyScorer;
  /**
   * Per edge of the graph, the partial score of its target as a candidate after its source, over the edge-only
   * features with this walk's weights (built once this walk has taken as many steps that could use it as the
   * catalogue has tracks), or null.
   */
  private volatile double[] edgeScores;
  /**
   * The neighbour lists with {@link #edgeScores} and each edge target's artist and cluster (8 bytes per edge) for
   * {@link #historyScorer}, built and published with {@link #edgeScores} (written before it), or null.
   */
  private EdgeLists edgeLists;
  /** Steps that could have used {@link #edgeScores} before it was built (a benign race: only a threshold). */
  private int edgeScoreSteps;

  /**
   * A walk with explicit features and weights (the extension point for custom {@link WalkFeature}s); the config's
   * own feature map is ignored except for the candidate and feature parameters.
   *
   * @throws IllegalArgumentException when the graph and attributes cover different catalogues, names repeat or the
   *     weights do not match the features
   * @param graph the similarity graph
   * @param attributes the track attributes
   * @param features the feature matrix
   * @param weights the feature weights
   * @param config the configuration
   */
  public SoftmaxWalkSampler(SimilarityGraph graph, TrackAttributes attributes, List<? extends WalkFeature> features,
      double[] weights, SoftmaxWalkConfig config) {
    this(graph, attributes, features, weights, config, WalkKernel.get(), distinctNeighbourLists(graph));
  }

  private SoftmaxWalkSampler(SimilarityGraph graph, TrackAttributes attributes, List<? extends WalkFeature> features,
      double[] weights, SoftmaxWalkConfig config, WalkKernel kernel, boolean distinctNeighbours) {
    this.distinctNeighbours = distinctNeighbours;
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.graph = Objects.requireNonNull(graph, "graph");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.config = Objects.requireNonNull(config, "config");
    if (graph.size() != attributes.size()) {
      throw new IllegalArgumentException("graph and attributes must cover the same catalogue; " + graph.size() + " vs "
          + attributes.size() + " tracks");
    }
    this.features = features.toArray(new WalkFeature[0]);
    List<String> names = new ArrayList<>();
    for (WalkFeature f : this.features) {
      Objects.requireNonNull(f, "feature");
      if (names.contains(f.name())) {
        throw new IllegalArgumentException("feature names must be unique; '" + f.name() + "' repeats");
      }
      names.add(f.name());
    }
    this.featureNames = List.copyOf(names);
    this.weights = checkWeights(weights).clone();
    this.scoreOrder = new int[this.features.length];
    int k = 0;
    for (int f = 0; f < this.features.length; f++) {
      if (WalkFeatures.dependsOnEdgeOnly(this.features[f])) {
        scoreOrder[k++] = f;
      }
    }
    this.edgeOnly = k;
    for (int f = 0; f < this.features.length; f++) {
      if (!WalkFeatures.dependsOnEdgeOnly(this.features[f])) {
        scoreOrder[k++] = f;
      }
    }
    this.historyScorer = HistoryScorer.of(this.features, scoreOrder, edgeOnly, this.weights, config.historyWindow());
    this.offsets = graph.offsets();
    this.neighbours = graph.neighbours();
    this.edgeWeights = graph.weights();
    this.buffers = ThreadLocal.withInitial(this::newBuffers);
  }

  /**
   * A walk over the built-in features and weights named in {@code config}.
   *
   * @param graph the similarity graph
   * @param attributes the track attributes
   * @param config the configuration
   * @return a walk over the built-in features and weights named in {@code config}
   */
  public static SoftmaxWalkSampler create(SimilarityGraph graph, TrackAttributes attributes, SoftmaxWalkConfig config) {
    List<WalkFeature> fs = new ArrayList<>();
    for (String n : config.featureNames()) {
      fs.add(WalkFeatures.builtIn(n, config));
    }
    return new SoftmaxWalkSampler(graph, attributes, fs, config.weightArray(), config);
  }

  /**
   * The similarity-only baseline: one feature ({@value WalkFeatures#SIMILARITY}, weight 1) at the given temperature,
   * candidates from the current track's neighbours only, no constraints.
   *
   * @param graph the similarity graph the walk moves on
   * @param attributes the tracks' artists, keys and tempos
   * @param temperature the softmax temperature, above 0 (lower: closer to always taking the most similar track)
   * @return the baseline sampler
   */
  public static SoftmaxWalkSampler similarityOnly(SimilarityGraph graph, TrackAttributes attributes, double temperature) {
    SoftmaxWalkConfig c = SoftmaxWalkConfig.builder()
        .weights(List.of(WalkFeatures.SIMILARITY), new double[] {1.0})
        .temperature(temperature)
        .unconstrained()
        .build();
    return create(graph, attributes, c);
  }

  /** Whether every neighbour list of {@code graph} holds distinct tracks (a list never holds its own track). */
  private static boolean distinctNeighbourLists(SimilarityGraph graph) {
    int[] off = graph.offsets();
    int[] nb = graph.neighbours();
    int[] seenBy = new int[graph.size()];
    for (int t = 0; t < graph.size(); t++) {
      for (int e = off[t]; e < off[t + 1]; e++) {
        if (seenBy[nb[e]] == t + 1) {
          return false;
        }
        seenBy[nb[e]] = t + 1;
      }
    }
    return true;
  }

  private double[] checkWeights(double[] w) {
    Objects.requireNonNull(w, "weights");
    if (w.length != features.length) {
      throw new IllegalArgumentException("need one weight per feature " + featureNames + "; got " + w.length);
    }
    for (int i = 0; i < w.length; i++) {
      if (!Double.isFinite(w[i])) {
        throw new IllegalArgumentException("weights must be finite; weight of '" + featureNames.get(i) + "'=" + w[i]);
      }
    }
    return w;
  }

  /**
   * The same walk with other weights in column order (for example fitted by a choice model); see
   * {@link #withWeights(Map)} for weights by feature name.
   *
   * @param newWeights one weight per feature, in the order of {@link #featureNames()}
   * @return a sampler on the same graph, attributes and configuration with these weights
   */
  public SoftmaxWalkSampler withWeights(double[] newWeights) {
    return new SoftmaxWalkSampler(graph, attributes, Arrays.asList(features), newWeights, config, kernel,
        distinctNeighbours);
  }

  /** The same walk computed with another kernel (to check that the kernels agree). */
  SoftmaxWalkSampler withKernel(WalkKernel other) {
    return new SoftmaxWalkSampler(graph, attributes, Arrays.asList(features), weights, config, other, distinctNeighbours);
  }

  /**
   * The same walk with the weights of the named features replaced; features not named keep their weight.
   *
   * @param byName the new weights of some of this walk's features, by feature name
   * @return a sampler on the same graph, attributes and configuration with these weights
   * @throws IllegalArgumentException for a name that is not one of this walk's features (listing them) or a
   *     non-finite weight
   */
  public SoftmaxWalkSampler withWeights(Map<String, Double> byName) {
    return withWeights(weightsByName(byName));
  }

  /**
   * This walk's weights with the named ones replaced, in column order (validated as {@link #withWeights(Map)}).
   *
   * @param byName the new weights of some of this walk's features, by feature name
   * @return one weight per feature, in the order of {@link #featureNames()}
   */
  public double[] weightsByName(Map<String, Double> byName) {
    double[] w = weights.clone();
    for (Map.Entry<String, Double> e : byName.entrySet()) {
      int f = featureNames.indexOf(e.getKey());
      if (f < 0) {
        throw new IllegalArgumentException("unknown walk feature '" + e.getKey() + "'; this walk's features: " + featureNames);
      }
      Double v = e.getValue();
      if (v == null || !Double.isFinite(v)) {
        throw new IllegalArgumentException("weight of '" + e.getKey() + "' must be finite; weight=" + v);
      }
      w[f] = v;
    }
    return w;
  }

  /**
   * The weights by feature name.
   *
   * @return feature name to weight, iterated in column order
   */
  public Map<String, Double> weightMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int f = 0; f < weights.length; f++) {
      m.put(featureNames.get(f), weights[f]);
    }
    return m;
  }

  /**
   * The weight of one feature.
   *
   * @param name the feature's name
   * @return its weight
   * @throws IllegalArgumentException listing the features, for a name this walk does not use
   */
  public double weight(String name) {
    int f = featureNames.indexOf(name);
    if (f < 0) {
      throw new IllegalArgumentException("unknown walk feature '" + name + "'; this walk's features: " + featureNames);
    }
    return weights[f];
  }

  /**
   * The feature names.
   *
   * @return the names in column order (the order of weights and feature values)
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * A copy of the weights, in column order.
   *
   * @return a copy of the weights, in column order
   */
  public double[] weights() {
    return weights.clone();
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public SoftmaxWalkConfig config() {
    return config;
  }

  /**
   * The graph walked.
   *
   * @return the graph walked
   */
  public SimilarityGraph graph() {
    return graph;
  }

  /**
   * The per-track attributes.
   *
   * @return the per-track attributes
   */
  public TrackAttributes attributes() {
    return attributes;
  }

  /**
   * Fresh buffers for {@link #step}, sized for this sampler; keep one per thread and reuse it.
   *
   * @return the fresh buffers for {@link #step}, sized for this sampler
   */
  public StepBuffers newBuffers() {
    return new StepBuffers(config.maxCandidates(), features.length,
        new WalkContext(attributes, config.historyWindow(), config.maxCandidates(), config.artistGap(), kernel));
  }

  /**
   * One step, allocation-free: gathers the candidates after {@code current}, computes their features, scores with
   * {@code w} and normalises into probabilities, all in {@code buf}.
   *
   * @return the number of candidates (0 only for an empty catalogue)
   * @throws IllegalArgumentException if {@code current} is not a track of the catalogue or {@code w} has the wrong
   *     length
   * @param current the current track
   * @param history the listening history
   * @param buf the buffer to fill
   * @param w the feature weights, one per feature column
   */
  public int step(int current, ListeningHistory history, double[] w, StepBuffers buf) {
    int n = candidates(current, history, buf);
    if (n == 0) {
      return 0;
    }
    double[] table = buf.listStart >= 0 ? edgeScores(w) : null;
    if (historyScorer == null || table == null) {
      copyList(buf, n);
    }
    if (table == null) {
      loadSimilarity(buf, n);
      computeFeatures(buf.context, buf, n);
      score(n, w, buf);
      return n;
    }
    // the candidates are a run of the current track's neighbour list and w are this walk's weights: the edge-only
    // part of each score comes from the table, those columns are computed only if the features are read
    WalkContext ctx = buf.context;
    double invT = 1.0 / config.temperature();
    double max;
    if (historyScorer != null) {
      // the built-in history features scored in the same pass that reads the candidates' plays and attributes
      max = historyScorer.score(ctx, edgeLists, buf.listStart, n, invT, buf.candidates, buf.scores);
      buf.columnsPending(this, n, true);
    } else {
      loadSimilarity(buf, n);
      ctx.loadSlots(buf.candidates, n);
      int cs = buf.columnStride;
      for (int k = edgeOnly; k < features.length; k++) {
        int f = scoreOrder[k];
        features[f].computeAll(ctx, buf.candidates, n, buf.columns, f * cs, 1);
      }
      buf.columnsPending(this, n, false);
      System.arraycopy(table, buf.listStart, buf.scores, 0, n);
      max = kernel.score(buf.columns, cs, scoreOrder, edgeOnly, features.length, w, invT, n, buf.scores);
    }
    kernel.softmax(buf.scores, max, n, buf.probabilities);
    return n;
  }

  /**
   * Computes the feature columns the last step of {@code buf} left unwritten for its {@code n} candidates: every
   * column when {@code all} (the step wrote only the plays-ago slots), else the edge-only ones.
   */
  void computePendingColumns(StepBuffers buf, int n, boolean all) {
    if (!all) {
      computeEdgeColumns(buf, n);
      return;
    }
    WalkContext ctx = buf.context;
    loadSimilarity(buf, n);
    ctx.loadSlots(buf.candidates, n, false);
    int cs = buf.columnStride;
    for (int f = 0; f < features.length; f++) {
      features[f].computeAll(ctx, buf.candidates, n, buf.columns, f * cs, 1);
    }
  }

  /** Computes the edge-only feature columns of the last step's {@code n} candidates in {@code buf}. */
  void computeEdgeColumns(StepBuffers buf, int n) {
    int cs = buf.columnStride;
    for (int k = 0; k < edgeOnly; k++) {
      int f = scoreOrder[k];
      features[f].computeAll(buf.context, buf.candidates, n, buf.columns, f * cs, 1);
    }
  }

  /**
   * This walk's table of edge scores when {@code w} are its own weights and it has edge-only features, building it
   * once the walk has taken as many such steps as the catalogue has tracks (so a short-lived walk, such as one per
   * listener, never pays for it); else null. The table holds, per edge, exactly the partial score that
   * {@link #score} sums over the edge-only columns, so a step gives the same bits with or without it.
   */
  private double[] edgeScores(double[] w) {
    if (edgeOnly == 0 || !sameBits(w, weights)) {
      return null;
    }
    double[] t = edgeScores;
    if (t != null) {
      return t;
    }
    return ++edgeScoreSteps < graph.size() ? null : buildEdgeScores();
  }

  /** Whether {@code a} and {@code b} hold the same bits (a plain loop: cheaper than a library call for a few). */
  private static boolean sameBits(double[] a, double[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
        return false;
      }
    }
    return true;
  }

  /** Builds {@link #edgeScores}: the edge-only features of every neighbour list, scored as {@link #score} does. */
  synchronized double[] buildEdgeScores() {
    double[] t = edgeScores;
    if (t != null) {
      return t;
    }
    // a vector's worth of zeros past the last edge, for the vector kernels
    t = new double[neighbours.length + WalkContext.PAD];
    StepBuffers b = newBuffers();
    WalkContext ctx = b.context;
    ListeningHistory none = new ListeningHistory(graph.size(), 1);
    int cap = b.candidates.length;
    int cs = b.columnStride;
    for (int track = 0; track < graph.size(); track++) {
      for (int e = offsets[track], end = offsets[track + 1]; e < end; e += cap) {
        int n = Math.min(cap, end - e);
        ctx.beginStep(track, none);
        System.arraycopy(neighbours, e, b.candidates, 0, n);
        System.arraycopy(edgeWeights, e, ctx.slotSimilarity, 0, n);
        ctx.markLater(b.candidates, n);
        ctx.loadSlots(b.candidates, n);
        computeEdgeColumns(b, n);
        kernel.score(b.columns, cs, scoreOrder, 0, edgeOnly, weights, 1.0, n, b.scores);
        System.arraycopy(b.scores, 0, t, e, n);
      }
    }
    if (historyScorer != null) {
      edgeLists = new EdgeLists(neighbours, t, HistoryScorer.edgeAttribute(neighbours, attributes, 0),
          HistoryScorer.edgeAttribute(neighbours, attributes, 2));
    }
    edgeScores = t;
    return t;
  }

  /**
   * Gathers candidates and computes the feature matrix into {@code buf}; returns the candidate count.
   *
   * @param current the current track
   * @param history the listening history
   * @param buf the buffer to fill
   * @return the number of candidates
   */
  public int gather(int current, ListeningHistory history, StepBuffers buf) {
    int n = candidates(current, history, buf);
    if (n == 0) {
      return 0;
    }
    copyList(buf, n);
    loadSimilarity(buf, n);
    return computeFeatures(buf.context, buf, n);
  }

  /**
   * Copies the {@code n} candidates into {@code buf} when they were taken straight from the current track's
   * neighbour list (the gathering leaves them to the step, which may copy them in a pass of its own).
   */
  private void copyList(StepBuffers buf, int n) {
    if (buf.listStart >= 0) {
      System.arraycopy(neighbours, buf.listStart, buf.candidates, 0, n);
    }
  }

  /**
   * Copies the similarities of the {@code n} candidates into the context's slots when the candidates were taken
   * straight from the current track's neighbour list (the gathering leaves them for the steps that read them).
   */
  private void loadSimilarity(StepBuffers buf, int n) {
    if (buf.listStart >= 0) {
      System.arraycopy(edgeWeights, buf.listStart, buf.context.slotSimilarity, 0, n);
    }
  }

  /** Gathers the candidates into {@code buf} (and their similarities into its context); returns their count. */
  private int candidates(int current, ListeningHistory history, StepBuffers buf) {
    buf.listStart = -1;
    int size = graph.size();
    if (size == 0) {
      buf.source = StepBuffers.StepSource.EMPTY;
      return 0;
    }
    if (current < 0 || current >= size) {
      throw new IllegalArgumentException("current must be in [0, " + (size - 1) + "]; current=" + current);
    }
    if (history.catalogSize() != size) {
      throw new IllegalArgumentException("history covers " + history.catalogSize() + " tracks but the catalogue has " + size);
    }
    WalkContext ctx = buf.context;
    ctx.beginStep(current, history);
    boolean constrained = config.excludeWithin() > 0 || config.artistGap() > 0;
    int n = collect(current, history, buf, constrained);
    buf.source = StepBuffers.StepSource.NEIGHBOURS;
    if (n == 0 && constrained) {
      n = secondHop(current, history, buf);
      buf.source = StepBuffers.StepSource.SECOND_HOP;
      if (n == 0) {
        ctx.beginStep(current, history);
        n = collect(current, history, buf, false);
        buf.source = StepBuffers.StepSource.UNFILTERED_NEIGHBOURS;
      }
    }
    if (n == 0) {
      if (size == 1) {
        ctx.forceMark(current, 0);
        ctx.slotSimilarity[0] = 0f;
        buf.candidates[0] = current;
        n = 1;
        buf.source = StepBuffers.StepSource.ONLY_TRACK;
      } else {
        int cap = Math.min(buf.candidates.length, size - 1);
        for (int i = 1; i <= cap; i++) {
          int t = (current + i) % size;
          ctx.mark(t, n);
          ctx.slotSimilarity[n] = 0f;
          buf.candidates[n++] = t;
        }
        buf.source = StepBuffers.StepSource.CATALOGUE_FALLBACK;
      }
    }
    return n;
  }

  /** Whether the hard constraints keep {@code t} out of this step. */
  private boolean excluded(int t, ListeningHistory history, WalkContext ctx) {
    int within = config.excludeWithin();
    if (within > 0) {
      int ago = history.playsSince(t);
      if (ago > 0 && ago <= within) {
        return true;
      }
    }
    return ctx.artistGap > 0 && ctx.artistBlocked(attributes.artist(t));
  }

  /**
   * Computes this walk's features for candidates chosen by the caller instead of the graph (for example a played
   * track and sampled alternatives, to score real playlists as choices), into {@code buf}; {@code similarity[i]} is
   * candidate {@code i}'s value of the {@value WalkFeatures#SIMILARITY} feature (typically its cosine to
   * {@code current}). No constraint is applied.
   *
   * @param current the track the walk is on
   * @param history the plays so far (recency, artist and cluster counts)
   * @param candidates distinct track indices, none equal to {@code current}
   * @param similarity the candidates' similarity to {@code current}, parallel to {@code candidates}
   * @param n how many of {@code candidates} to compute
   * @param buf the buffers the feature values are written to, one row per candidate
   * @return {@code n}
   * @throws IllegalArgumentException for a track out of range, a repeated candidate or more than the buffers' capacity
   */
  public int featuresOf(int current, ListeningHistory history, int[] candidates, double[] similarity, int n, StepBuffers buf) {
    int size = graph.size();
    Checks.inRange("n", n, 0, buf.candidates.length);
    if (current < 0 || current >= size) {
      throw new IllegalArgumentException("current must be in [0, " + (size - 1) + "]; current=" + current);
    }
    WalkContext ctx = buf.context;
    ctx.beginStep(current, history);
    ctx.mark(current, -1);
    for (int i = 0; i < n; i++) {
      int t = candidates[i];
      if (t < 0 || t >= size) {
        throw new IllegalArgumentException("candidates[" + i + "] must be in [0, " + (size - 1) + "]; got " + t);
      }
      if (!ctx.mark(t, i)) {
        throw new IllegalArgumentException("candidates must be distinct and differ from current; candidates[" + i + "]=" + t);
      }
      ctx.slotSimilarity[i] = (float) similarity[i];
      buf.candidates[i] = t;
    }
    buf.source = StepBuffers.StepSource.EXPLICIT;
    return computeFeatures(ctx, buf, n);
  }

  /** Loads the slots of the {@code n} candidates in {@code buf} and computes their feature matrix; returns n. */
  private int computeFeatures(WalkContext ctx, StepBuffers buf, int n) {
    ctx.loadSlots(buf.candidates, n);
    int cs = buf.columnStride;
    for (int f = 0; f < features.length; f++) {
      features[f].computeAll(ctx, buf.candidates, n, buf.columns, f * cs, 1);
    }
    buf.columnsWritten(n);
    return n;
  }

  private int collect(int current, ListeningHistory history, StepBuffers buf, boolean filter) {
    WalkContext ctx = buf.context;
    int[] cand = buf.candidates;
    int cap = cand.length;
    int first = offsets[current];
    int degree = offsets[current + 1] - first;
    if (!filter && distinctNeighbours && degree > 0 && Math.min(config.recentNeighbourTracks(), ctx.recentCount - 1) <= 0) {
      // the candidates are the current track's neighbour list as it is: copied by the step (copyList), their marks
      // written only on demand and their similarities only when a feature column is computed (loadSimilarity)
      int n = Math.min(degree, cap);
      ctx.markLater(cand, n);
      buf.listStart = first;
      return n;
    }
    int n = 0;
    ctx.mark(current, -1);
    for (int e = offsets[current], end = offsets[current + 1]; e < end && n < cap; e++) {
      int t = neighbours[e];
      if (filter && excluded(t, history, ctx)) {
        continue;
      }
      if (ctx.mark(t, n)) {
        ctx.slotSimilarity[n] = edgeWeights[e];
        cand[n++] = t;
      }
    }
    int extra = Math.min(config.recentNeighbourTracks(), ctx.recentCount - 1);
    for (int r = 1; r <= extra && n < cap; r++) {
      n = addNeighbours(ctx.recentTrack(r), history, buf, n, filter);
    }
    // the current track was marked only to keep it out; a candidate list never contains it here
    return n;
  }

  /** The neighbours of the current track's neighbours, under the constraints (the first fallback). */
  private int secondHop(int current, ListeningHistory history, StepBuffers buf) {
    int n = 0;
    int cap = buf.candidates.length;
    for (int e = offsets[current], end = offsets[current + 1]; e < end && n < cap; e++) {
      n = addNeighbours(neighbours[e], history, buf, n, true);
    }
    return n;
  }

  /** Adds the unmarked neighbours of {@code src} from slot {@code n} on, with similarity 0; returns the new count. */
  private int addNeighbours(int src, ListeningHistory history, StepBuffers buf, int n, boolean filter) {
    WalkContext ctx = buf.context;
    int[] cand = buf.candidates;
    int cap = cand.length;
    for (int e = offsets[src], end = offsets[src + 1]; e < end && n < cap; e++) {
      int t = neighbours[e];
      if (filter && excluded(t, history, ctx)) {
        continue;
      }
      if (ctx.mark(t, n)) {
        ctx.slotSimilarity[n] = 0f;
        cand[n++] = t;
      }
    }
    return n;
  }

  /**
   * Scores the gathered candidates with {@code w} and writes the softmax probabilities. The exponentials come from
   * {@link Exp} (within 2 ulp of {@link StrictMath#exp}, the same bits on every JVM and platform); the largest score
   * gets {@code e^0 = 1} exactly and the probabilities are normalised by their sum.
   *
   * @param buf the buffer to fill
   * @param n the number of gathered candidates
   * @param w the feature weights, one per feature column
   */
  public void score(int n, double[] w, StepBuffers buf) {
    if (w.length != features.length) {
      throw new IllegalArgumentException("need one weight per feature " + featureNames + "; got " + w.length);
    }
    buf.completeColumns();
    double max = kernel.score(buf.columns, buf.columnStride, scoreOrder, 0, features.length, w, 1.0 / config.temperature(),
        n, buf.scores);
    kernel.softmax(buf.scores, max, n, buf.probabilities);
  }

  /**
   * Draws a candidate from the probabilities of the last step in {@code buf} with a uniform {@code u} in [0, 1).
   *
   * @param buf the buffer to fill
   * @param n the number of gathered candidates
   * @param u a uniform random number in [0, 1)
   * @return the candidate row, or -1 when there is none
   */
  public static int draw(StepBuffers buf, int n, double u) {
    double acc = 0;
    double[] p = buf.probabilities;
    for (int i = 0; i < n; i++) {
      acc += p[i];
      if (u < acc) {
        return buf.candidates[i];
      }
    }
    return buf.candidates[n - 1];
  }

  @Override
  public NextTrackDistribution distribution(int current, ListeningHistory history) {
    return recommendNext(current, history, weights);
  }

  /**
   * The full distribution over the next track after {@code current} under the weights {@code w}, with each
   * candidate's feature values (and through {@link NextTrackDistribution#explain} their contributions).
   *
   * @param current the current track
   * @param history the listening history
   * @return the full distribution over the next track after {@code current} under the weights {@code w}, with each
   *     candidate's feature values (and through {@link NextTrackDistribution#explain} their contributions)
   * @param w the feature weights, one per feature column
   */
  public NextTrackDistribution recommendNext(int current, ListeningHistory history, double[] w) {
    checkWeights(w);
    StepBuffers buf = buffers.get();
    int n = step(current, history, w, buf);
    return new NextTrackDistribution(Arrays.copyOf(buf.candidates, n), Arrays.copyOf(buf.probabilities, n), featureNames,
        Arrays.copyOf(buf.features(), n * features.length), w.clone(), config.temperature());
  }

  /** Allocation-free: one step into this thread's buffers, then one draw. */
  @Override
  public int sample(int current, ListeningHistory history, RandomGenerator random) {
    StepBuffers buf = buffers.get();
    int n = step(current, history, weights, buf);
    if (n == 0) {
      return -1;
    }
    return draw(buf, n, random.nextDouble());
  }

  /**
   * Draws the next track with explicit buffers and weights (for simulations and benchmarks that keep their own
   * buffers); returns -1 for an empty catalogue.
   *
   * @param current the current track
   * @param history the listening history
   * @param buf the buffer to fill
   * @param random the source of randomness
   * @param w the feature weights, one per feature column
   * @return the next track index, or -1 for an empty catalogue
   */
  public int sample(int current, ListeningHistory history, double[] w, StepBuffers buf, RandomGenerator random) {
    int n = step(current, history, w, buf);
    return n == 0 ? -1 : draw(buf, n, random.nextDouble());
  }

  /**
   * One pick of an {@linkplain #explainedWalk explained walk}.
   *
   * @param track the track picked
   * @param row its row in {@code distribution} (so {@code distribution.explain(row)} is why it was picked)
   * @param distribution the full distribution the pick was drawn from, with every candidate's feature values
   * @param source where the step's candidates came from (shows when the hard constraints were widened or relaxed)
   */
  public record ExplainedStep(int track, int row, NextTrackDistribution distribution, StepBuffers.StepSource source) {
    /**
     * The probability the walk gave the pick.
     *
     * @return the pick's probability in its step's distribution
     */
    public double probability() {
      return distribution.probabilities()[row];
    }
  }

  /**
   * A walk of {@code length} tracks from {@code start} (included, recorded in {@code history} like every pick) with
   * each pick explained: its full distribution, its row and the step's candidate source. The tracks are exactly
   * those of {@link #walk} with a generator in the same state (one uniform draw per pick, the same draw rule), so
   * nothing needs replaying. Stops early only for an empty catalogue.
   *
   * @param start the first track's index
   * @param length the walk's length, the start included
   * @param history the plays before the walk, updated with every pick
   * @param random the generator of the draws
   * @return {@code length - 1} steps (the start is not a pick)
   */
  public List<ExplainedStep> explainedWalk(int start, int length, ListeningHistory history, RandomGenerator random) {
    return explainedWalk(start, length, history, random, weights);
  }

  /**
   * {@link #explainedWalk(int, int, ListeningHistory, RandomGenerator)} with explicit weights.
   *
   * @param start the first track's index
   * @param length the walk's length, the start included
   * @param history the plays before the walk, updated with every pick
   * @param random the generator of the draws
   * @param w one weight per feature, in the order of {@link #featureNames()}
   * @return {@code length - 1} steps (the start is not a pick)
   */
  public List<ExplainedStep> explainedWalk(int start, int length, ListeningHistory history, RandomGenerator random,
      double[] w) {
    if (length < 1 || length > 1_000_000) {
      throw new IllegalArgumentException("length must be in [1, 1000000]; length=" + length);
    }
    checkWeights(w);
    List<ExplainedStep> out = new ArrayList<>(length - 1);
    history.play(start);
    int cur = start;
    for (int i = 1; i < length; i++) {
      NextTrackDistribution d = recommendNext(cur, history, w);
      StepBuffers.StepSource source = buffers.get().source;
      if (d.size() == 0) {
        break;
      }
      int row = d.draw(random.nextDouble());
      int next = d.candidates()[row];
      out.add(new ExplainedStep(next, row, d, source));
      history.play(next);
      cur = next;
    }
    return out;
  }

  /**
   * A feature's contribution to a candidate's softmax score in the last step: weight times value over the
   * temperature.
   *
   * @param buf the step's buffers
   * @param w the weights, in feature column order
   * @param temperature the softmax temperature
   * @param row the candidate's row
   * @param feature the feature's column
   * @return the contribution to the candidate's logit
   */
  public static double contribution(StepBuffers buf, double[] w, double temperature, int row, int feature) {
    return w[feature] * buf.value(row, feature) / temperature;
  }

  @Override
  public String toString() {
    return "SoftmaxWalkSampler[features=" + featureNames + ", weights=" + Arrays.toString(weights) + ", config=" + config + "]";
  }
}
