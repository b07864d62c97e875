package dev.recsys.graph.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.graph.internal.Exp;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The smart shuffle ({@value #NAME}): a random walk on the {@link SimilarityGraph} that scores each candidate next
 * track with a linear combination of {@link WalkFeature}s and draws from the softmax of the scores divided by the
 * temperature.
 *
 * <p><b>Candidates.</b> The current track's neighbours, best first, then (if
 * {@link SoftmaxWalkConfig#recentNeighbourTracks()} &gt; 0) the neighbours of that many earlier plays, without
 * duplicates and without the current track, up to {@link SoftmaxWalkConfig#maxCandidates()}; tracks played within
 * the last {@link SoftmaxWalkConfig#excludeWithin()} plays are filtered out.
 *
 * <p><b>Hard cases</b> (never an exception in a walk; see {@link StepBuffers.StepSource}):
 * <ol>
 *   <li>every candidate filtered (e.g. all recently played): the filter is relaxed and the unfiltered neighbours are
 *       scored, so the recency feature rather than the filter decides;</li>
 *   <li>the current track has no neighbours at all: the next tracks in catalogue order after it (cyclically, up to
 *       {@code maxCandidates}, never the current track) are scored with the same features;</li>
 *   <li>a one-track catalogue: the only candidate is the current track, with probability 1;</li>
 *   <li>an empty catalogue: an empty distribution, and {@link #sample} returns -1.</li>
 * </ol>
 *
 * <p><b>Performance.</b> {@link #step} writes into caller-owned {@link StepBuffers} and allocates nothing;
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
   * candidates from the current track's neighbours only, no filter.
   *
   * @param graph the similarity graph
   * @param attributes the track attributes
   * @param temperature the softmax temperature
   * @return the similarity-only baseline
   */
  public static SoftmaxWalkSampler similarityOnly(SimilarityGraph graph, TrackAttributes attributes, double temperature) {
    SoftmaxWalkConfig c = SoftmaxWalkConfig.builder()
        .weights(List.of(WalkFeatures.SIMILARITY), new double[] {1.0})
        .temperature(temperature)
        .build();
    return create(graph, attributes, c);
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
   * The same walk with other weights (for example fitted by a choice model).
   *
   * @param newWeights the new weights
   * @return the same walk with other weights (for example fitted by a choice model)
   */
  public SoftmaxWalkSampler withWeights(double[] newWeights) {
    return new SoftmaxWalkSampler(graph, attributes, Arrays.asList(features), newWeights, config);
  }

  /**
   * The feature names, in column order.
   *
   * @return the feature names, in column order
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
    return new StepBuffers(config.maxCandidates(), features.length, new WalkContext(attributes, config.historyWindow(), config.maxCandidates()));
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
    int n = gather(current, history, buf);
    if (n == 0) {
      return 0;
    }
    score(n, w, buf);
    return n;
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
    int n = collect(current, history, buf, config.excludeWithin());
    buf.source = StepBuffers.StepSource.NEIGHBOURS;
    if (n == 0 && config.excludeWithin() > 0) {
      ctx.beginStep(current, history);
      n = collect(current, history, buf, 0);
      buf.source = StepBuffers.StepSource.UNFILTERED_NEIGHBOURS;
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
    ctx.loadSlots(buf.candidates, n);
    int stride = features.length;
    for (int f = 0; f < stride; f++) {
      features[f].computeAll(ctx, buf.candidates, n, buf.features, f, stride);
    }
    return n;
  }

  private int collect(int current, ListeningHistory history, StepBuffers buf, int excludeWithin) {
    WalkContext ctx = buf.context;
    int[] cand = buf.candidates;
    int cap = cand.length;
    int n = 0;
    ctx.mark(current, -1);
    for (int e = offsets[current], end = offsets[current + 1]; e < end && n < cap; e++) {
      int t = neighbours[e];
      if (excludeWithin > 0) {
        int ago = history.playsSince(t);
        if (ago > 0 && ago <= excludeWithin) {
          continue;
        }
      }
      if (ctx.mark(t, n)) {
        ctx.slotSimilarity[n] = edgeWeights[e];
        cand[n++] = t;
      }
    }
    int extra = Math.min(config.recentNeighbourTracks(), ctx.recentCount - 1);
    for (int r = 1; r <= extra && n < cap; r++) {
      int src = ctx.recentTrack(r);
      for (int e = offsets[src], end = offsets[src + 1]; e < end && n < cap; e++) {
        int t = neighbours[e];
        if (excludeWithin > 0) {
          int ago = history.playsSince(t);
          if (ago > 0 && ago <= excludeWithin) {
            continue;
          }
        }
        if (ctx.mark(t, n)) {
          ctx.slotSimilarity[n] = 0f;
          cand[n++] = t;
        }
      }
    }
    // the current track was marked only to keep it out; a candidate list never contains it here
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
    int stride = features.length;
    if (w.length != stride) {
      throw new IllegalArgumentException("need one weight per feature " + featureNames + "; got " + w.length);
    }
    double invT = 1.0 / config.temperature();
    double[] x = buf.features;
    double[] s = buf.scores;
    // column by column: the same sums in the same order as row by row, without a dependency chain per row; the
    // last column's pass also divides by the temperature and finds the maximum
    Arrays.fill(s, 0, n, 0.0);
    int last = stride - 1;
    for (int f = 0; f < last; f++) {
      double wf = w[f];
      for (int i = 0, e = f; i < n; i++, e += stride) {
        s[i] += wf * x[e];
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    double wl = stride > 0 ? w[last] : 0;
    for (int i = 0, e = last; i < n; i++, e += stride) {
      double acc = stride > 0 ? (s[i] + wl * x[e]) * invT : 0.0;
      s[i] = acc;
      if (acc > max) {
        max = acc;
      }
    }
    double[] p = buf.probabilities;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = Exp.exp(s[i] - max);
      p[i] = e;
      sum += e;
    }
    double inv = 1.0 / sum;
    for (int i = 0; i < n; i++) {
      p[i] *= inv;
    }
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
        Arrays.copyOf(buf.features, n * features.length), w.clone(), config.temperature());
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
   * The weight-times-value contribution of every feature for candidate row {@code row} of the last step.
   *
   * @param buf the buffer to fill
   * @param temperature the softmax temperature
   * @param row the row index
   * @param feature the feature
   * @return the weight-times-value contribution of every feature for candidate row {@code row} of the last step
   * @param w the feature weights, one per feature column
   */
  public static double contribution(StepBuffers buf, double[] w, double temperature, int row, int feature) {
    return w[feature] * buf.features[row * buf.featureCount + feature] / temperature;
  }

  @Override
  public String toString() {
    return "SoftmaxWalkSampler[features=" + featureNames + ", weights=" + Arrays.toString(weights) + ", config=" + config + "]";
  }
}
