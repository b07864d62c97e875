package dev.recsys.quality;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.util.Checks;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.embedding.twotower.ListenerFeaturesConfig;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.embedding.twotower.TwoTowerRecommenderPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The measured value of listener attributes in the hybrid two-tower recommender: NDCG@10 with and without them,
 * overall and for cold listeners, with paired bootstrap intervals.
 *
 * <p>Protocol: a per-listener temporal split (the latest {@code testFraction} of each listener's rows held out).
 * Cold listeners are made where the data has too few: a seeded random {@code coldShare} of the listeners keep only
 * their first {@code coldHistory} training rows (the same truncated training data for every variant); every listener
 * with at most {@code coldHistory} training rows counts as cold. The listener-feature variant is chosen on a
 * validation split carved from the training rows by the same temporal protocol (the test rows are not read for the
 * choice): each variant is fitted on the validation split's training part and the one with the best overall NDCG@10
 * is kept. Then the model without attributes and the chosen one are fitted on the whole training part and compared on
 * the test rows, per listener, paired (bootstrap interval of the mean difference and a randomisation p-value).
 */
public final class AttributeEvaluation {
  /** The variants compared, by name. */
  public static final Map<String, ListenerFeaturesConfig> VARIANTS = variants();
  /** The metric compared. */
  public static final String METRIC = "ndcg@10";

  private AttributeEvaluation() {}

  private static Map<String, ListenerFeaturesConfig> variants() {
    ListenerFeaturesConfig n = ListenerFeaturesConfig.none();
    Map<String, ListenerFeaturesConfig> m = new LinkedHashMap<>();
    m.put("none", n);
    m.put("attributes", n.with(true, false, false));
    m.put("attributes+age-genre", n.with(true, true, false));
    m.put("attributes+mood", n.with(true, false, true));
    m.put("attributes+preference", n.with(true, false, false).withPreferenceDifferences(true));
    m.put("all", ListenerFeaturesConfig.all());
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Settings of a run.
   *
   * @param model the two-tower settings (its listener features are replaced by each variant's)
   * @param testFraction share of each listener's latest rows held out, in (0, 1)
   * @param coldHistory at most this many training rows make a listener cold, in [1, 1000]
   * @param coldShare share of listeners whose training rows are cut to {@code coldHistory}, in [0, 1)
   * @param variants names of {@link #VARIANTS} to try besides {@code none}
   * @param bootstrap bootstrap resamples, in [1, 1,000,000]
   * @param seed seed of the split, the cold listeners and the bootstrap
   */
  public record Settings(HybridConfig model, double testFraction, int coldHistory, double coldShare,
      List<String> variants, int bootstrap, long seed) {
    /** Validates. */
    public Settings {
      Objects.requireNonNull(model, "model");
      if (!(testFraction > 0 && testFraction < 1)) {
        throw new IllegalArgumentException("testFraction must be in (0, 1); testFraction=" + testFraction);
      }
      Checks.inRange("coldHistory", coldHistory, 1, 1000);
      if (!(coldShare >= 0 && coldShare < 1)) {
        throw new IllegalArgumentException("coldShare must be in [0, 1); coldShare=" + coldShare);
      }
      variants = List.copyOf(variants);
      for (String v : variants) {
        if (!VARIANTS.containsKey(v) || v.equals("none")) {
          throw new IllegalArgumentException("unknown listener-feature variant '" + v + "'; known: "
              + VARIANTS.keySet().stream().filter(k -> !k.equals("none")).toList());
        }
      }
      if (variants.isEmpty()) {
        throw new IllegalArgumentException("name at least one variant besides 'none'");
      }
      Checks.inRange("bootstrap", bootstrap, 1, 1_000_000);
    }

    /**
     * The defaults for a two-tower configuration: 20% held out, cold at 5 training rows, 25% of listeners made cold,
     * every variant, 1,000 resamples, seed 42.
     *
     * @param model the two-tower settings
     * @return the defaults
     */
    public static Settings defaults(HybridConfig model) {
      return new Settings(model, 0.2, 5, 0.25, VARIANTS.keySet().stream().filter(k -> !k.equals("none")).toList(),
          1000, 42);
    }
  }

  /**
   * One variant's NDCG@10 on the validation split.
   *
   * @param variant the variant name
   * @param overall mean over the validation listeners
   * @param cold mean over the cold validation listeners ({@code NaN} when there are none)
   */
  public record ValidationScore(String variant, double overall, double cold) {}

  /**
   * The result of a run.
   *
   * @param listeners test listeners
   * @param coldListeners cold test listeners
   * @param listenersWithAttributes listeners of the data that have at least one attribute
   * @param validation each variant's validation score, in the order tried
   * @param chosen the variant chosen on validation
   * @param overall chosen minus none on the test rows, over every test listener
   * @param cold chosen minus none over the cold test listeners, or null when there are none
   */
  public record Report(int listeners, int coldListeners, int listenersWithAttributes, List<ValidationScore> validation,
      String chosen, PairedComparison overall, PairedComparison cold) {
    /** Copies. */
    public Report {
      validation = List.copyOf(validation);
    }
  }

  /**
   * Runs the protocol.
   *
   * @param data the interactions
   * @param catalog the catalogue (every interaction item)
   * @param listeners the listener profiles with their attributes
   * @param settings the settings
   * @param log receives one line per step
   * @return the report
   */
  public static Report run(Interactions data, Catalog catalog, List<Listener> listeners, Settings settings,
      Consumer<String> log) {
    TemporalSplit protocol = TemporalSplit.lastFraction(settings.testFraction(), settings.seed());
    Split test = withColdListeners(protocol.split(data), settings.coldShare(), settings.coldHistory(), settings.seed());
    Split validation = protocol.split(test.train());
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(10).seed(settings.seed()).build());
    List<ValidationScore> scores = new ArrayList<>();
    String chosen = null;
    double best = Double.NEGATIVE_INFINITY;
    List<String> tried = new ArrayList<>();
    tried.add("none");
    tried.addAll(settings.variants());
    for (String v : tried) {
      EvaluationResult r = evaluate(evaluator, validation, catalog, listeners, settings.model(), VARIANTS.get(v));
      double[] values = r.values(METRIC);
      ValidationScore s = new ValidationScore(v, mean(values, null), mean(values, coldMask(validation, r,
          settings.coldHistory())));
      scores.add(s);
      log.accept(String.format(java.util.Locale.ROOT, "validation %-22s NDCG@10 %.4f (cold %.4f)", v, s.overall(),
          s.cold()));
      if (!v.equals("none") && s.overall() > best) {
        best = s.overall();
        chosen = v;
      }
    }
    EvaluationResult base = evaluate(evaluator, test, catalog, listeners, settings.model(), VARIANTS.get("none"));
    EvaluationResult with = evaluate(evaluator, test, catalog, listeners, settings.model(), VARIANTS.get(chosen));
    PairedComparison overall = PairedComparison.of(METRIC, chosen, with.users(), with.values(METRIC), "none",
        base.users(), base.values(METRIC), settings.bootstrap(), 0.95, settings.seed());
    boolean[] coldA = coldMask(test, with, settings.coldHistory());
    boolean[] coldB = coldMask(test, base, settings.coldHistory());
    int coldCount = 0;
    for (boolean b : coldA) {
      coldCount += b ? 1 : 0;
    }
    PairedComparison cold = coldCount == 0 ? null : PairedComparison.of(METRIC, chosen, with.users(),
        masked(with.values(METRIC), coldA), "none", base.users(), masked(base.values(METRIC), coldB),
        settings.bootstrap(), 0.95, settings.seed());
    int withAttributes = (int) listeners.stream().filter(l -> !l.attributes().isEmpty()).count();
    return new Report(with.users().size(), coldCount, withAttributes, scores, chosen, overall, cold);
  }

  private static EvaluationResult evaluate(Evaluator evaluator, Split split, Catalog catalog, List<Listener> listeners,
      HybridConfig model, ListenerFeaturesConfig features) {
    Interactions train = split.train();
    try (TwoTowerRecommender r = new HybridRecommenderTrainer(model.withListenerFeatures(features),
        dim -> TwoTowerRecommenderPlugin.index(dim, train.items().size())).fit(train, catalog, listeners,
        TrainingListener.NONE)) {
      return evaluator.evaluate(split, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The split with a seeded random {@code share} of its listeners cut to their first {@code history} training rows (in
   * time order, ties by row); test rows unchanged. The table keeps its dictionaries.
   *
   * @param split the split
   * @param share share of listeners made cold
   * @param history training rows a cold listener keeps
   * @param seed the seed of the choice
   * @return the split with cold listeners
   */
  public static Split withColdListeners(Split split, double share, int history, long seed) {
    Interactions data = split.data();
    int nu = data.users().size();
    SplittableRandom r = new SplittableRandom(seed ^ 0xC01DL);
    boolean[] cut = new boolean[nu];
    for (int u = 0; u < nu; u++) {
      cut[u] = r.nextDouble() < share;
    }
    Integer[] train = Arrays.stream(split.trainRows()).boxed().toArray(Integer[]::new);
    Arrays.sort(train, (a, b) -> {
      int c = Long.compare(data.timestamp(a), data.timestamp(b));
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] kept = new int[nu];
    List<Integer> rows = new ArrayList<>();
    for (int row : train) {
      int u = data.user(row);
      if (!cut[u] || kept[u] < history) {
        kept[u]++;
        rows.add(row);
      }
    }
    int[] keep = rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] all = Arrays.copyOf(keep, keep.length + split.testRows().length);
    System.arraycopy(split.testRows(), 0, all, keep.length, split.testRows().length);
    int[] trainPart = new int[keep.length];
    Arrays.setAll(trainPart, i -> i);
    int[] testPart = new int[split.testRows().length];
    Arrays.setAll(testPart, i -> keep.length + i);
    return Split.of(split.protocol() + String.format(java.util.Locale.ROOT, ", %.2f of listeners cut to %d training rows",
        share, history), split.seed(), data.subset(all), trainPart, testPart, null);
  }

  /** Per user of the result, whether the listener has at most {@code history} training rows in the split. */
  private static boolean[] coldMask(Split split, EvaluationResult r, int history) {
    List<String> users = r.users();
    boolean[] out = new boolean[users.size()];
    for (int i = 0; i < out.length; i++) {
      int u = split.data().users().indexOf(users.get(i));
      out[i] = u >= 0 && split.trainCountOfUser(u) <= history;
    }
    return out;
  }

  private static double[] masked(double[] values, boolean[] keep) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (!keep[i]) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  private static double mean(double[] values, boolean[] keep) {
    double s = 0;
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if ((keep == null || keep[i]) && !Double.isNaN(values[i])) {
        s += values[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /**
   * The two-tower settings of the measurement: the defaults with at most {@code epochs} epochs.
   *
   * @param epochs the maximum number of epochs
   * @param seed the seed of model and training
   * @return the settings
   */
  public static HybridConfig model(int epochs, long seed) {
    HybridConfig d = HybridConfig.defaults();
    TrainingConfig t = d.training().toBuilder().epochs(epochs).seed(seed).build();
    return HybridConfig.builder().model(d.model().toBuilder().seed(seed).build()).training(t).build();
  }
}
