package dev.recsys.graph.simulation;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.choice.ChoiceModelFitter;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.choice.OnlineChoiceUpdater.Outcome;
import dev.recsys.graph.choice.PersonalWeights;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.UniformShuffleSampler;
import dev.recsys.graph.shuffle.WalkFeatures;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The shuffle comparison behind {@code recsys evaluate-shuffle}: every sampler (uniform shuffle, similarity walk,
 * hand-set default walk, learned walk, personal walk) on the same listener choices and the same walk sessions, with
 * paired bootstrap intervals, and the dominance checks of the learned walk.
 *
 * <p><b>Data.</b> Listener choices come in three disjoint parts of whole sessions: {@code train} (the choice model
 * is fitted on it), {@code validation} (every setting is chosen on it: the choice model's L2 penalty, the
 * similarity walk's temperature, the personal learning rate and shrinkage) and {@code test} (reported only). A
 * choice set is either what a walk presented to a simulated listener ({@link #fromSimulation}) or, for real
 * playlists, the track that followed plus randomly drawn alternatives ({@link #fromSequences}).
 *
 * <p><b>Metrics</b> (names as in the JSON): {@value #REPEAT_RATE}, the share of plays that repeat a track of the
 * previous {@code repeatWindow} plays; {@value #ARTIST_REPEAT_RATE}, the share of consecutive pairs by the same
 * artist; {@value #COHERENCE}, the mean cosine of consecutive tracks; {@value #TRAVEL}, {@code 1 - cos} between the
 * mean vectors of a session's first and last ten tracks (how far it moves); and {@value #HELDOUT_LL}, the mean
 * log-probability per test choice under each sampler's scoring (uniform: {@code -log} of the set size), averaged
 * per session. Walk metrics are per walk session; every sampler walks from the same starts with the same seeds,
 * so differences are paired by session.
 *
 * <p>Deterministic for a seed.
 */
public final class ShuffleComparison {
  /** Metric: repeats within the window. */
  public static final String REPEAT_RATE = "repeat_rate";
  /** Metric: same artist in a row. */
  public static final String ARTIST_REPEAT_RATE = "artist_repeat_rate";
  /** Metric: cosine of consecutive tracks. */
  public static final String COHERENCE = "coherence";
  /** Metric: distance between the start and the end of a session. */
  public static final String TRAVEL = "travel";
  /** Metric: held-out log-likelihood of listener choices. */
  public static final String HELDOUT_LL = "heldout_log_likelihood";
  /** Sampler: uniform shuffle. */
  public static final String UNIFORM = "uniform";
  /** Sampler: the similarity-only walk. */
  public static final String SIMILARITY = "similarity-walk";
  /** Sampler: the walk with the hand-set default weights. */
  public static final String DEFAULT = "default-smart-walk";
  /** Sampler: the walk with weights fitted on the training choices. */
  public static final String LEARNED = "learned-smart-walk";
  /** Sampler: the learned walk with each listener's personal offsets. */
  public static final String PERSONAL = "personal-smart-walk";

  /** Candidate L2 penalties of the choice model, chosen on validation. */
  static final double[] L2_GRID = {0, 0.1, 1, 10, 100};
  /** Candidate temperatures of the similarity walk, chosen on validation. */
  static final double[] TEMPERATURE_GRID = {0.02, 0.05, 0.1, 0.2, 0.5, 1};
  /** Candidate personal learning rates, chosen on validation. */
  static final double[] RATE_GRID = {0.01, 0.05, 0.2};
  /** Candidate personal shrinkage strengths (prior events), chosen on validation. */
  static final double[] PRIOR_GRID = {5, 20, 100};

  private ShuffleComparison() {}

  /**
   * Settings.
   *
   * @param walkSessions walk sessions per sampler, in [1, 1000000]
   * @param sessionLength plays per walk session, in [11, 100000]
   * @param repeatWindow a play is a repeat when its track was played within this many previous plays, in [1, 100000]
   * @param driftWeight the weight of the {@value WalkFeatures#DRIFT} feature in the drift comparison, in [0, 100]
   * @param bootstrapSamples bootstrap resamples of the intervals, in [0, 100000]
   * @param seed seed of starts, walks and resampling
   */
  public record Config(int walkSessions, int sessionLength, int repeatWindow, double driftWeight, int bootstrapSamples,
      long seed) {
    /** Validates the fields. */
    public Config {
      Checks.inRange("walkSessions", walkSessions, 1, 1_000_000);
      Checks.inRange("sessionLength", sessionLength, 11, 100_000);
      Checks.inRange("repeatWindow", repeatWindow, 1, 100_000);
      Checks.inRange("driftWeight", driftWeight, 0, 100);
      Checks.inRange("bootstrapSamples", bootstrapSamples, 0, 100_000);
    }

    /**
     * 200 sessions of 50 plays, repeats within 50 plays, drift weight 2, 1000 bootstrap resamples.
     *
     * @param seed seed of starts, walks and resampling
     * @return the default settings with {@code seed}
     */
    public static Config defaults(long seed) {
      return new Config(200, 50, SoftmaxWalkConfig.DEFAULT_EXCLUDE_WITHIN, 2.0, 1000, seed);
    }
  }

  /**
   * Listener choices: sets with their chosen row, and for each set the listener and the session it belongs to
   * (sets of a session are consecutive and in play order).
   *
   * @param data the choice sets
   * @param listeners the listener of each set
   * @param sessions the session index of each set
   */
  public record Choices(ChoiceData data, List<String> listeners, int[] sessions) {
    /** Validates the shapes. */
    public Choices {
      Objects.requireNonNull(data, "data");
      listeners = List.copyOf(listeners);
      if (listeners.size() != data.size() || sessions.length != data.size()) {
        throw new IllegalArgumentException("need a listener and a session per choice set; " + listeners.size() + " and "
            + sessions.length + " for " + data.size() + " sets");
      }
    }

    /**
     * Number of sessions (one more than the largest session index).
     *
     * @return the number of sessions, 0 when there are no choice sets
     */
    public int sessionCount() {
      return sessions.length == 0 ? 0 : sessions[sessions.length - 1] + 1;
    }
  }

  /**
   * A played sequence: a listener (or playlist) and its tracks in order.
   *
   * @param listener who played it
   * @param tracks catalogue indices in play order
   */
  public record Sequence(String listener, int[] tracks) {
    /** Validates. */
    public Sequence {
      Objects.requireNonNull(listener, "listener");
      tracks = tracks.clone();
    }
  }

  /**
   * One explained pick of a personal walk.
   *
   * @param listener the listener
   * @param events events learned from that listener
   * @param offsets the listener's shrunk offsets by feature
   * @param startIndex the start track's catalogue index
   * @param pickIndex the picked track's catalogue index
   * @param explanation global and personal contributions ({@link PersonalWeights#explain})
   */
  public record PersonalExample(String listener, long events, Map<String, Double> offsets, int startIndex, int pickIndex,
      dev.recsys.core.spi.Explanation explanation) {}

  /**
   * Where a walk session starts: the listener and the start track.
   *
   * @param listener the listener whose personal weights the session uses
   * @param track catalogue index of the first track
   */
  public record Start(String listener, int track) {}

  /**
   * One sampler's results.
   *
   * @param sampler its name
   * @param metrics metric name to mean with its bootstrap 95% interval over walk sessions (test sessions for the
   *     log-likelihood)
   */
  public record SamplerResult(String sampler, Map<String, Estimate> metrics) {}

  /**
   * One dominance check of the learned walk.
   *
   * @param rule what must hold
   * @param holds whether the mean difference satisfies it
   * @param confident whether the whole 95% interval of the paired difference satisfies it
   * @param difference the paired difference (learned minus the bound) with its interval
   */
  public record Check(String rule, boolean holds, boolean confident, Estimate difference) {}

  /**
   * The drift control on sessions of {@code sessionLength} plays: the learned walk without and with the
   * {@value WalkFeatures#DRIFT} feature.
   *
   * @param driftWeight the drift weight
   * @param without metrics without drift ({@value #COHERENCE}, {@value #TRAVEL}, {@code clusters_visited})
   * @param with metrics with drift
   */
  public record Drift(double driftWeight, Map<String, Estimate> without, Map<String, Estimate> with) {}

  /**
   * The result.
   *
   * @param dataset data set description
   * @param config the settings
   * @param trainChoices choice sets fitted on
   * @param validationChoices choice sets settings were chosen on
   * @param testChoices choice sets scored
   * @param selected the settings chosen on validation (name to value)
   * @param learnedWeights the learned walk's weights by feature
   * @param samplers one result per sampler
   * @param checks the dominance checks
   * @param drift the drift control
   * @param personalExample "why this song" for the first pick of the first walk session's listener under the personal
   *     walk: global and personal contributions per feature
   */
  public record Result(String dataset, Config config, int trainChoices, int validationChoices, int testChoices,
      Map<String, Double> selected, Map<String, Double> learnedWeights, List<SamplerResult> samplers, List<Check> checks,
      Drift drift, PersonalExample personalExample) {
    /**
     * The table: one row per sampler, each metric as {@code mean [lower, upper]}.
     *
     * @return the table as text, rows separated by the platform's line separator
     */
    public String table() {
      StringBuilder sb = new StringBuilder();
      List<String> metrics = List.of(REPEAT_RATE, ARTIST_REPEAT_RATE, COHERENCE, TRAVEL, HELDOUT_LL);
      sb.append(String.format(Locale.ROOT, "%-20s", "sampler"));
      for (String m : metrics) {
        sb.append(String.format(Locale.ROOT, " %-28s", m));
      }
      sb.append(System.lineSeparator());
      for (SamplerResult r : samplers) {
        sb.append(String.format(Locale.ROOT, "%-20s", r.sampler()));
        for (String m : metrics) {
          sb.append(String.format(Locale.ROOT, " %-28s", r.metrics().get(m).format()));
        }
        sb.append(System.lineSeparator());
      }
      return sb.toString();
    }
  }

  /**
   * The choices of a simulation log: each session's sets in order, listener {@code "listener-<i>"}.
   *
   * @param sessionLength the simulated session length (sets per session are one fewer)
   * @param log the simulated sessions and their choices, {@code sessionLength - 1} choices per session
   * @return the choices, listener {@code "listener-<i>"} for simulated listener {@code i}
   */
  public static Choices fromSimulation(ListenerSimulator.Log log, int sessionLength) {
    int per = sessionLength - 1;
    if (log.choices().size() != log.sessions().size() * per) {
      throw new IllegalArgumentException("expected " + per + " choices per session; got " + log.choices().size() + " for "
          + log.sessions().size() + " sessions");
    }
    List<String> listeners = new ArrayList<>(log.choices().size());
    int[] sessions = new int[log.choices().size()];
    for (int s = 0; s < log.sessions().size(); s++) {
      String who = "listener-" + log.sessions().get(s).listener();
      for (int i = 0; i < per; i++) {
        listeners.add(who);
        sessions[s * per + i] = s;
      }
    }
    return new Choices(log.choices(), listeners, sessions);
  }

  /**
   * Real sequences (playlists, sessions) as choices: each transition becomes a set of the track that followed and
   * {@code alternatives} distinct tracks drawn uniformly from the rest of the catalogue (never the current or the
   * next track), with {@code walk}'s features and the cosine to the current track as similarity. Transitions to the
   * same track are left out (they are not a choice of a next track).
   *
   * @param unitVectors unit vectors aligned with the catalogue ({@link ShuffleEvaluation#alignedUnitVectors})
   * @param alternatives drawn alternatives per set, in [1, walk's maxCandidates - 1]
   * @param walk the walk whose features describe each candidate
   * @param sequences the sequences; those shorter than two tracks are skipped
   * @param dimension components per unit vector
   * @param seed seed of the drawn alternatives
   * @return one choice set per transition to a different track, sessions numbered by kept sequence
   */
  public static Choices fromSequences(SoftmaxWalkSampler walk, List<Sequence> sequences, float[] unitVectors,
      int dimension, int alternatives, long seed) {
    int n = walk.attributes().size();
    StepBuffers buf = walk.newBuffers();
    Checks.inRange("alternatives", alternatives, 1, Math.min(buf.capacity() - 1, n - 2));
    SplittableRandom rnd = new SplittableRandom(seed).split();
    ChoiceData.Builder data = ChoiceData.builder(walk.featureNames());
    List<String> listeners = new ArrayList<>();
    List<Integer> sessions = new ArrayList<>();
    int[] cand = new int[alternatives + 1];
    double[] sim = new double[alternatives + 1];
    int session = 0;
    for (Sequence q : sequences) {
      int[] t = q.tracks();
      if (t.length < 2) {
        continue;
      }
      ListeningHistory h = new ListeningHistory(n, 50);
      h.play(t[0]);
      boolean any = false;
      for (int i = 1; i < t.length; i++) {
        int cur = t[i - 1];
        int next = t[i];
        if (next != cur) {
          cand[0] = next;
          int m = 1;
          while (m <= alternatives) {
            int c = rnd.nextInt(n);
            if (c != cur && c != next && !contains(cand, m, c)) {
              cand[m++] = c;
            }
          }
          for (int j = 0; j <= alternatives; j++) {
            sim[j] = ShuffleEvaluation.dot(unitVectors, dimension, cur, cand[j]);
          }
          walk.featuresOf(cur, h, cand, sim, alternatives + 1, buf);
          data.add(buf.features(), alternatives + 1, 0);
          listeners.add(q.listener());
          sessions.add(session);
          any = true;
        }
        h.play(next);
      }
      if (any) {
        session++;
      }
    }
    return new Choices(data.build(), listeners, sessions.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Playlists as sequences in their stored track order, one listener per playlist ({@code "playlist:<id>"}).
   *
   * @param catalog the catalogue the playlists' track ids index into
   * @param playlists the playlists in the order to keep
   * @return one sequence of catalogue indexes per playlist
   * @throws IllegalArgumentException naming the playlist and track when a track is not in the catalogue
   */
  public static List<Sequence> playlists(dev.recsys.core.model.Catalog catalog, List<dev.recsys.core.model.Playlist> playlists) {
    List<Sequence> out = new ArrayList<>(playlists.size());
    for (dev.recsys.core.model.Playlist p : playlists) {
      int[] t = new int[p.trackIds().size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = catalog.indexOf(p.trackIds().get(i));
        if (t[i] < 0) {
          throw new IllegalArgumentException("playlist '" + p.id() + "' track " + i + " '" + p.trackIds().get(i)
              + "' is not in the catalogue");
        }
      }
      out.add(new Sequence("playlist:" + p.id(), t));
    }
    return out;
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /**
   * Settings of the simulated listeners of {@link #simulated}.
   *
   * @param listeners simulated listeners, in [1, 100000]
   * @param trainSessions training sessions; validation and test get half as many each, in [4, 10000000]
   * @param sessionLength plays per simulated session, in [2, 10000]
   * @param weightSpread standard deviation of each listener's own deviation from the shared true weights, in [0, 10]
   * @param seed seed of listeners and sessions
   */
  public record Simulation(int listeners, int trainSessions, int sessionLength, double weightSpread, long seed) {
    /** Validates the fields. */
    public Simulation {
      Checks.inRange("listeners", listeners, 1, 100_000);
      Checks.inRange("trainSessions", trainSessions, 4, 10_000_000);
      Checks.inRange("sessionLength", sessionLength, 2, 10_000);
      Checks.inRange("weightSpread", weightSpread, 0, 10);
    }

    /**
     * 40 listeners, 400 training sessions of 41 plays, weight spread 0.75.
     *
     * @param seed seed of listeners and sessions
     * @return the default simulation with {@code seed}
     */
    public static Simulation defaults(long seed) {
      return new Simulation(40, 400, 41, 0.75, seed);
    }
  }

  /**
   * The comparison over simulated listeners on {@code graph}: each listener has the shared true weights
   * {@link ShuffleExperiment#DEFAULT_TRUE_WEIGHTS} plus its own normal deviation (standard deviation
   * {@code weightSpread} per feature) and a random cluster taste; they choose among the default walk's candidates
   * (constraints included). Train, validation and test are independent simulations of the same listeners; walk
   * sessions start where the test sessions started.
   *
   * @param clusters a cluster id per track, {@code >= 0}
   * @param dataset name of the data in the result
   * @param catalog the tracks
   * @param vectors the track vectors
   * @param graph the similarity graph the walks move on
   * @param sim the simulated listeners and sessions
   * @param config sessions, metrics and seed of the comparison
   * @return every sampler's metrics, the dominance checks and the drift control
   */
  public static Result simulated(String dataset, dev.recsys.core.model.Catalog catalog,
      dev.recsys.core.io.TrackVectors vectors, int[] clusters, SimilarityGraph graph, Simulation sim, Config config) {
    return run(dataset, simulatedChoices(catalog, vectors, clusters, graph, sim), config);
  }

  /**
   * The choices and walk starts of {@link #simulated}, without running the comparison.
   *
   * @param catalog the tracks
   * @param vectors the track vectors
   * @param clusters a cluster id per track, {@code >= 0}
   * @param graph the similarity graph
   * @param sim the simulation settings
   * @return the default walk, the train, validation and test choices and the walk starts
   */
  public static Prepared simulatedChoices(dev.recsys.core.model.Catalog catalog, dev.recsys.core.io.TrackVectors vectors,
      int[] clusters, SimilarityGraph graph, Simulation sim) {
    TrackAttributes attributes = TrackAttributes.of(catalog, clusters);
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(graph, attributes, SoftmaxWalkConfig.defaults());
    int clusterCount = Arrays.stream(clusters).max().orElse(0) + 1;
    SplittableRandom rnd = new SplittableRandom(sim.seed()).split();
    List<SimulatedListener> listeners = new ArrayList<>();
    double[] truth = ShuffleExperiment.DEFAULT_TRUE_WEIGHTS;
    for (int i = 0; i < sim.listeners(); i++) {
      double[] w = truth.clone();
      for (int f = 0; f < w.length; f++) {
        w[f] += sim.weightSpread() * rnd.nextGaussian();
      }
      listeners.add(SimulatedListener.withRandomTaste(w, clusterCount, 0.0, rnd));
    }
    ListenerSimulator simulator = new ListenerSimulator(walk, clusters);
    int half = Math.max(1, sim.trainSessions() / 2);
    Choices train = fromSimulation(simulator.simulate(listeners, sim.trainSessions(), sim.sessionLength(), sim.seed() + 1),
        sim.sessionLength());
    Choices validation = fromSimulation(simulator.simulate(listeners, half, sim.sessionLength(), sim.seed() + 2),
        sim.sessionLength());
    ListenerSimulator.Log testLog = simulator.simulate(listeners, half, sim.sessionLength(), sim.seed() + 3);
    List<Start> starts = new ArrayList<>();
    for (ListenerSimulator.Session s : testLog.sessions()) {
      starts.add(new Start("listener-" + s.listener(), s.tracks()[0]));
    }
    return new Prepared(walk, ShuffleEvaluation.alignedUnitVectors(vectors, catalog), vectors.dimension(), train,
        validation, fromSimulation(testLog, sim.sessionLength()), starts);
  }

  /**
   * The comparison over real sequences (playlists): split by sequence into train, validation and test (70/15/15,
   * seeded), each transition a choice of the next track among it and {@code alternatives} random tracks
   * ({@link #fromSequences}); walk sessions start at the test sequences' first tracks.
   *
   * @param clusters a cluster id per track, {@code -1} for none
   * @param dataset name of the data in the result
   * @param catalog the tracks the sequences index into
   * @param vectors the track vectors
   * @param graph the similarity graph the walks move on
   * @param sequences the real sequences to split
   * @param alternatives drawn alternatives per choice set (see {@link #fromSequences})
   * @param config sessions, metrics and seed of the comparison
   * @return every sampler's metrics, the dominance checks and the drift control
   */
  public static Result sequences(String dataset, dev.recsys.core.model.Catalog catalog,
      dev.recsys.core.io.TrackVectors vectors, int[] clusters, SimilarityGraph graph, List<Sequence> sequences,
      int alternatives, Config config) {
    return run(dataset, sequenceChoices(catalog, vectors, clusters, graph, sequences, alternatives, config.seed()), config);
  }

  /**
   * The choices and walk starts of {@link #sequences}, without running the comparison.
   *
   * @param catalog the tracks
   * @param vectors the track vectors
   * @param clusters a cluster id per track, {@code -1} for none
   * @param graph the similarity graph
   * @param sequences the played sequences
   * @param alternatives random alternatives per choice
   * @param seed seed of the split and of the alternatives
   * @return the default walk, the train, validation and test choices and the walk starts
   */
  public static Prepared sequenceChoices(dev.recsys.core.model.Catalog catalog, dev.recsys.core.io.TrackVectors vectors,
      int[] clusters, SimilarityGraph graph, List<Sequence> sequences, int alternatives, long seed) {
    TrackAttributes attributes = TrackAttributes.of(catalog, clusters);
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(graph, attributes, SoftmaxWalkConfig.defaults());
    float[] unit = ShuffleEvaluation.alignedUnitVectors(vectors, catalog);
    List<Sequence> usable = sequences.stream().filter(q -> q.tracks().length >= 2).toList();
    if (usable.size() < 3) {
      throw new IllegalArgumentException("need at least 3 sequences of 2 or more tracks; got " + usable.size());
    }
    int[] order = new int[usable.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed + 31).split();
    for (int i = order.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nTest = Math.max(1, (int) Math.round(order.length * 0.15));
    int nVal = Math.max(1, (int) Math.round(order.length * 0.15));
    List<Sequence> train = new ArrayList<>();
    List<Sequence> val = new ArrayList<>();
    List<Sequence> test = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      (i < nTest ? test : i < nTest + nVal ? val : train).add(usable.get(order[i]));
    }
    List<Start> starts = new ArrayList<>();
    for (Sequence q : test) {
      starts.add(new Start(q.listener(), q.tracks()[0]));
    }
    int d = vectors.dimension();
    return new Prepared(walk, unit, d, fromSequences(walk, train, unit, d, alternatives, seed + 1),
        fromSequences(walk, val, unit, d, alternatives, seed + 2),
        fromSequences(walk, test, unit, d, alternatives, seed + 3), starts);
  }

  /**
   * The inputs of a comparison: the default walk and its unit vectors, listener choices split into train, validation
   * and test, and where walk sessions start.
   *
   * @param walk the hand-set default walk
   * @param unitVectors unit vectors aligned with the catalogue
   * @param dimension their dimension
   * @param train training choices
   * @param validation validation choices
   * @param test test choices
   * @param starts walk starts
   */
  public record Prepared(SoftmaxWalkSampler walk, float[] unitVectors, int dimension, Choices train, Choices validation,
      Choices test, List<Start> starts) {}

  /**
   * Runs the comparison on prepared inputs.
   *
   * @param dataset a description of the data
   * @param p the inputs
   * @param config the settings
   * @return the result
   */
  public static Result run(String dataset, Prepared p, Config config) {
    return run(dataset, p.walk(), p.unitVectors(), p.dimension(), p.train(), p.validation(), p.test(), p.starts(),
        config);
  }

  /**
   * The choice model of the learned walk: fitted on {@code train} with the L2 penalty of {@link #L2_GRID} that gives
   * the highest mean log-likelihood on {@code validation}.
   *
   * @param train training choices
   * @param validation validation choices
   * @return the fitted model and the chosen penalty
   */
  public static ChoiceModel fitLearned(ChoiceData train, ChoiceData validation) {
    ChoiceModel learned = null;
    double bestLl = Double.NEGATIVE_INFINITY;
    for (double l2 : L2_GRID) {
      ChoiceModel m = new ChoiceModelFitter(ChoiceModelConfig.defaults().withL2(l2)).fit(train);
      double ll = ShuffleEvaluation.heldOutLogLikelihood(validation, m.weights());
      if (ll > bestLl) {
        bestLl = ll;
        learned = m;
      }
    }
    return learned;
  }

  /**
   * Runs the comparison.
   *
   * @param defaultWalk the hand-set default walk (its features, constraints and candidate generation are those of
   *     the learned and personal walks too)
   * @param unitVectors unit vectors aligned with the catalogue
   * @param starts where walk sessions start; cycled when there are fewer than {@code config.walkSessions()}
   * @param dataset name of the data in the result
   * @param dimension components per unit vector
   * @param train choices the learned and personal models are fitted on
   * @param validation choices the penalties, temperature and personal settings are chosen on
   * @param test choices the held-out log-likelihood is measured on
   * @param config sessions, metrics and seed of the comparison
   * @return every sampler's metrics with bootstrap intervals, the chosen settings, the checks and the drift control
   * @throws IllegalArgumentException if train, validation or test holds no choice set
   */
  public static Result run(String dataset, SoftmaxWalkSampler defaultWalk, float[] unitVectors, int dimension,
      Choices train, Choices validation, Choices test, List<Start> starts, Config config) {
    if (train.data().size() == 0 || validation.data().size() == 0 || test.data().size() == 0) {
      throw new IllegalArgumentException("train, validation and test need at least one choice set each; got "
          + train.data().size() + ", " + validation.data().size() + ", " + test.data().size());
    }
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("need at least one walk start");
    }
    List<String> names = defaultWalk.featureNames();
    if (!train.data().featureNames().equals(names)) {
      throw new IllegalArgumentException("choice features " + train.data().featureNames() + " differ from the walk's " + names);
    }
    Map<String, Double> selected = new LinkedHashMap<>();

    // 1. the choice model's L2 penalty, on validation
    ChoiceModel learned = fitLearned(train.data(), validation.data());
    selected.put("choice_model_l2", learned.config().l2());
    double[] w = learned.weights();
    double bestLl;

    // 2. the similarity walk's temperature, on validation (the strongest version of the baseline)
    int simColumn = names.indexOf(WalkFeatures.SIMILARITY);
    if (simColumn < 0) {
      throw new IllegalArgumentException("the walk needs the '" + WalkFeatures.SIMILARITY + "' feature; has " + names);
    }
    double temperature = TEMPERATURE_GRID[0];
    bestLl = Double.NEGATIVE_INFINITY;
    for (double t : TEMPERATURE_GRID) {
      double ll = ShuffleEvaluation.heldOutLogLikelihood(validation.data(), similarityWeights(names.size(), simColumn, t));
      if (ll > bestLl) {
        bestLl = ll;
        temperature = t;
      }
    }
    selected.put("similarity_walk_temperature", temperature);

    // 3. the personal learning rate and shrinkage, on validation (warmed on train, online through validation)
    PersonalWeights.Config personalConfig = null;
    bestLl = Double.NEGATIVE_INFINITY;
    for (double rate : RATE_GRID) {
      for (double prior : PRIOR_GRID) {
        PersonalWeights.Config pc = new PersonalWeights.Config(rate, 0.001, prior);
        PersonalWeights pw = new PersonalWeights(names, w, pc);
        feed(pw, train);
        double ll = mean(prequential(pw, validation));
        if (ll > bestLl) {
          bestLl = ll;
          personalConfig = pc;
        }
      }
    }
    selected.put("personal_learning_rate", personalConfig.learningRate());
    selected.put("personal_prior_events", personalConfig.priorEvents());

    // 4. held-out log-likelihood on test, per test session
    PersonalWeights personal = new PersonalWeights(names, w, personalConfig);
    feed(personal, train);
    feed(personal, validation);
    Map<String, double[]> ll = new LinkedHashMap<>();
    ll.put(UNIFORM, perSession(test, setValues(test.data(), null)));
    ll.put(SIMILARITY, perSession(test, setValues(test.data(), similarityWeights(names.size(), simColumn, temperature))));
    double[] defaultScoring = scaled(defaultWalk.weights(), 1 / defaultWalk.config().temperature());
    ll.put(DEFAULT, perSession(test, setValues(test.data(), defaultScoring)));
    ll.put(LEARNED, perSession(test, setValues(test.data(), w)));
    ll.put(PERSONAL, perSession(test, prequential(personal, test)));

    // 5. walk sessions: the same starts and seeds for every sampler
    int n = defaultWalk.attributes().size();
    SoftmaxWalkSampler learnedWalk = defaultWalk.withWeights(w);
    Map<String, NextTrackSampler> samplers = new LinkedHashMap<>();
    samplers.put(UNIFORM, new UniformShuffleSampler(n));
    samplers.put(SIMILARITY, SoftmaxWalkSampler.similarityOnly(defaultWalk.graph(), defaultWalk.attributes(), temperature));
    samplers.put(DEFAULT, defaultWalk);
    samplers.put(LEARNED, learnedWalk);
    SplittableRandom rnd = new SplittableRandom(config.seed()).split();
    long[] seeds = new long[config.walkSessions()];
    for (int s = 0; s < seeds.length; s++) {
      seeds[s] = rnd.nextLong();
    }
    Map<String, SoftmaxWalkSampler> personalWalks = new HashMap<>();
    Map<String, double[][]> walkMetrics = new LinkedHashMap<>();
    for (String name : List.of(UNIFORM, SIMILARITY, DEFAULT, LEARNED, PERSONAL)) {
      double[][] values = new double[config.walkSessions()][];
      for (int s = 0; s < seeds.length; s++) {
        Start st = starts.get(s % starts.size());
        NextTrackSampler sampler = name.equals(PERSONAL)
            ? personalWalks.computeIfAbsent(st.listener(), l -> learnedWalk.withWeights(personal.weights(l)))
            : samplers.get(name);
        int[] walk = sampler.walk(st.track(), config.sessionLength(), new ListeningHistory(n, 50), new SplittableRandom(seeds[s]));
        values[s] = ShuffleEvaluation.sessionMetrics(walk, defaultWalk.attributes(), unitVectors, dimension, config.repeatWindow());
      }
      walkMetrics.put(name, values);
    }

    // 6. estimates, checks and the drift control
    long bootSeed = config.seed() + 17;
    List<SamplerResult> results = new ArrayList<>();
    for (String name : walkMetrics.keySet()) {
      Map<String, Estimate> m = new LinkedHashMap<>();
      double[][] v = walkMetrics.get(name);
      m.put(REPEAT_RATE, boot(column(v, 0), config, bootSeed));
      m.put(ARTIST_REPEAT_RATE, boot(column(v, 1), config, bootSeed));
      m.put(COHERENCE, boot(column(v, 2), config, bootSeed));
      m.put(TRAVEL, boot(column(v, 3), config, bootSeed));
      m.put(HELDOUT_LL, boot(ll.get(name), config, bootSeed));
      results.add(new SamplerResult(name, m));
    }
    List<Check> checks = new ArrayList<>();
    double[][] lw = walkMetrics.get(LEARNED);
    checks.add(check("repeat_rate(learned) <= repeat_rate(uniform)", diff(column(lw, 0), 1, column(walkMetrics.get(UNIFORM), 0)),
        false, config, bootSeed));
    checks.add(check("artist_repeat_rate(learned) <= artist_repeat_rate(uniform)",
        diff(column(lw, 1), 1, column(walkMetrics.get(UNIFORM), 1)), false, config, bootSeed));
    checks.add(check("coherence(learned) >= 0.9 x coherence(similarity-walk)",
        diff(column(lw, 2), 0.9, column(walkMetrics.get(SIMILARITY), 2)), true, config, bootSeed));
    for (String other : List.of(UNIFORM, SIMILARITY, DEFAULT)) {
      checks.add(check("heldout_log_likelihood(learned) > heldout_log_likelihood(" + other + ")",
          diff(ll.get(LEARNED), 1, ll.get(other)), true, config, bootSeed));
    }
    checks.add(check("heldout_log_likelihood(personal) >= heldout_log_likelihood(learned)",
        diff(ll.get(PERSONAL), 1, ll.get(LEARNED)), true, config, bootSeed));

    SoftmaxWalkConfig driftConfig = defaultWalk.config().toBuilder()
        .weights(learnedWalk.weightMap()).weight(WalkFeatures.DRIFT, config.driftWeight()).build();
    SoftmaxWalkSampler drifting = SoftmaxWalkSampler.create(defaultWalk.graph(), defaultWalk.attributes(), driftConfig);
    double[][] dv = new double[config.walkSessions()][];
    for (int s = 0; s < seeds.length; s++) {
      Start st = starts.get(s % starts.size());
      int[] walk = drifting.walk(st.track(), config.sessionLength(), new ListeningHistory(n, 50), new SplittableRandom(seeds[s]));
      dv[s] = ShuffleEvaluation.sessionMetrics(walk, defaultWalk.attributes(), unitVectors, dimension, config.repeatWindow());
    }
    Drift drift = new Drift(config.driftWeight(), driftMetrics(lw, config, bootSeed), driftMetrics(dv, config, bootSeed));

    Start first = starts.get(0);
    SoftmaxWalkSampler mine = learnedWalk.withWeights(personal.weights(first.listener()));
    SoftmaxWalkSampler.ExplainedStep step = mine.explainedWalk(first.track(), 2, new ListeningHistory(n, 50),
        new SplittableRandom(seeds[0])).get(0);
    Map<String, Double> offsets = new LinkedHashMap<>();
    double[] off = personal.offset(first.listener());
    for (int f = 0; f < names.size(); f++) {
      offsets.put(names.get(f), off[f]);
    }
    PersonalExample example = new PersonalExample(first.listener(), personal.events(first.listener()), offsets, first.track(),
        step.track(), personal.explain(first.listener(), step.distribution(), step.row()));
    return new Result(dataset, config, train.data().size(), validation.data().size(), test.data().size(), selected,
        learnedWalk.weightMap(), results, checks, drift, example);
  }

  private static Map<String, Estimate> driftMetrics(double[][] v, Config config, long seed) {
    Map<String, Estimate> m = new LinkedHashMap<>();
    m.put(COHERENCE, boot(column(v, 2), config, seed));
    m.put(TRAVEL, boot(column(v, 3), config, seed));
    m.put("clusters_visited", boot(column(v, 4), config, seed));
    return m;
  }

  private static double[] similarityWeights(int p, int column, double temperature) {
    double[] s = new double[p];
    s[column] = 1 / temperature;
    return s;
  }

  private static double[] scaled(double[] w, double factor) {
    double[] out = w.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  /** Learns every set of {@code choices} as a full play of the chosen row, in order. */
  private static void feed(PersonalWeights pw, Choices choices) {
    ChoiceData d = choices.data();
    int p = d.featureCount();
    double[] x = d.featureArray();
    for (int s = 0; s < d.size(); s++) {
      int start = d.start(s);
      double[] matrix = Arrays.copyOfRange(x, start * p, (start + d.setSize(s)) * p);
      pw.update(choices.listeners().get(s), matrix, d.setSize(s), d.chosen(s), Outcome.FULL_PLAY);
    }
  }

  /** Online evaluation: each set scored with the listener's weights before learning from it. */
  private static double[] prequential(PersonalWeights pw, Choices choices) {
    ChoiceData d = choices.data();
    int p = d.featureCount();
    double[] x = d.featureArray();
    double[] out = new double[d.size()];
    for (int s = 0; s < d.size(); s++) {
      String who = choices.listeners().get(s);
      out[s] = ShuffleEvaluation.setLogLikelihood(d, s, pw.weights(who));
      int start = d.start(s);
      double[] matrix = Arrays.copyOfRange(x, start * p, (start + d.setSize(s)) * p);
      pw.update(who, matrix, d.setSize(s), d.chosen(s), Outcome.FULL_PLAY);
    }
    return out;
  }

  private static double[] setValues(ChoiceData d, double[] w) {
    double[] out = new double[d.size()];
    for (int s = 0; s < d.size(); s++) {
      out[s] = ShuffleEvaluation.setLogLikelihood(d, s, w);
    }
    return out;
  }

  /** The mean of per-set values within each session. */
  private static double[] perSession(Choices c, double[] perSet) {
    int k = c.sessionCount();
    double[] sum = new double[k];
    int[] count = new int[k];
    for (int s = 0; s < perSet.length; s++) {
      sum[c.sessions()[s]] += perSet[s];
      count[c.sessions()[s]]++;
    }
    for (int i = 0; i < k; i++) {
      sum[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
    }
    return sum;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double[] column(double[][] rows, int c) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][c];
    }
    return out;
  }

  private static double[] diff(double[] a, double factor, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - factor * b[i];
    }
    return out;
  }

  private static Estimate boot(double[] values, Config config, long seed) {
    return Estimate.bootstrap(values, config.bootstrapSamples(), 0.95, seed);
  }

  private static Check check(String rule, double[] difference, boolean positive, Config config, long seed) {
    Estimate e = boot(difference, config, seed);
    boolean holds = positive ? e.mean() >= 0 : e.mean() <= 0;
    boolean confident = config.bootstrapSamples() > 0 && (positive ? e.lower() >= 0 : e.upper() <= 0);
    if (rule.contains(" > ")) {
      holds = e.mean() > 0;
      confident = config.bootstrapSamples() > 0 && e.lower() > 0;
    }
    return new Check(rule, holds, confident, e);
  }
}
