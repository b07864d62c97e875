package dev.recsys.cli;

import dev.recsys.core.eval.PermutationImportance;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.embedding.twotower.TwoTowerImportance;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.simulation.ShuffleComparison;
import dev.recsys.graph.simulation.ShuffleImportance;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys importance}: permutation importance ({@link PermutationImportance}) of the input groups of the
 * two-tower recommender or of the walk features of the smart shuffle, on validation data carved from the training
 * data. Two-tower: the data are split per listener by time ({@code --test-fraction}), the training part is split again
 * the same way, the model is trained on the inner training part and measured on the inner held-out rows (NDCG@k), so
 * the test rows are never read. Shuffle: the choice model is fitted on the training choices (L2 chosen on the
 * validation choices) and measured on the validation choices (log-likelihood per choice).
 */
@Command(name = "importance", mixinStandardHelpOptions = true,
    description = "Permutation importance of the two-tower input groups or the smart-shuffle walk features on validation data.")
final class ImportanceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "two-tower or shuffle.")
  String model;

  @Option(names = "--dataset", required = true,
      description = "two-tower: any dataset specification (movielens:DIR, interactions:FILE, synthetic:DIR, ...); "
          + "shuffle: synthetic or spotify-songs:FILE.")
  String dataset;

  @Option(names = "--k", defaultValue = "10", description = "two-tower: cut-off of NDCG (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "two-tower: share of each listener's latest rows held out, for test and again for validation (default ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--epochs", description = "two-tower: training epochs (default: the model's default).")
  Integer epochs;

  @Option(names = "--tracks", defaultValue = "2000", description = "shuffle, synthetic: tracks of the world (default ${DEFAULT-VALUE}).")
  int tracks;

  @Option(names = "--train-sessions", defaultValue = "400",
      description = "shuffle, synthetic: simulated training sessions; validation gets half as many (default ${DEFAULT-VALUE}).")
  int trainSessions;

  @Option(names = "--repeats", defaultValue = "5", description = "Permutations per group (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples of the intervals (default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the splits, the training and the permutations (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** The JSON report. */
  record Report(String model, String dataset, String validation, PermutationImportance.Result importance) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PermutationImportance.Config config;
    try {
      config = new PermutationImportance.Config(repeats, bootstrap, 0.95, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Report report = switch (model) {
      case "two-tower" -> twoTower(err, config);
      case "shuffle" -> shuffle(err, config);
      default -> throw new ParameterException(spec.commandLine(), "--model must be two-tower or shuffle; got '" + model + "'");
    };
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, report);
    } else {
      out.printf(Locale.ROOT, "%s on %s%nvalidation: %s%n%n", report.model(), report.dataset(), report.validation());
      out.print(report.importance().table());
      out.println("drop = intact minus permuted metric, mean over units with its 95% bootstrap interval; "
          + "sd = spread of the mean drop across permutations");
    }
    out.flush();
    return 0;
  }

  private Report twoTower(PrintWriter err, PermutationImportance.Config config) throws java.io.IOException {
    TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
    err.printf("recsys importance: %s: %s%n", dataset, data.description());
    Split outer = TemporalSplit.lastFraction(testFraction, seed).split(data.interactions());
    Split validation = TemporalSplit.lastFraction(testFraction, seed).split(outer.train());
    String description = String.format(Locale.ROOT, "%s of the training part of %s: %d training rows, %d validation "
        + "listeners", validation.protocol(), outer.protocol(), validation.train().size(), validation.numTestUsers());
    err.println("recsys importance: " + description);
    err.flush();
    HybridConfig d = HybridConfig.defaults();
    HybridConfig c = HybridConfig.builder().model(d.model().toBuilder().seed(seed).build())
        .training(d.training().toBuilder().epochs(epochs == null ? d.training().epochs() : epochs).seed(seed).build())
        .build();
    ProgressBar bar = new ProgressBar("two-tower training", c.training().epochs());
    TrainingListener progress = bar.asTrainingListener("val recall@10");
    try (TwoTowerRecommender rec = new HybridRecommenderTrainer(c,
        dim -> TwoTowerSupport.index(dim, data.interactions().items().size()))
        .fit(validation.train(), data.catalog(), progress)) {
      bar.close();
      TwoTowerImportance target = TwoTowerImportance.of(rec, validation, k);
      return new Report("two-tower", dataset, description, PermutationImportance.measure(target, target.metric(), config));
    }
  }

  private Report shuffle(PrintWriter err, PermutationImportance.Config config) throws java.io.IOException {
    ShuffleComparison.Simulation d = ShuffleComparison.Simulation.defaults(seed);
    ShuffleComparison.Simulation sim = new ShuffleComparison.Simulation(d.listeners(), trainSessions, d.sessionLength(),
        d.weightSpread(), seed);
    EvaluateShuffleCommand.Prepared p = EvaluateShuffleCommand.prepare(dataset, null, 30, 30, tracks, sim, seed);
    err.println("recsys importance: " + p.description());
    err.flush();
    ShuffleComparison.Choices train = p.choices().train();
    ShuffleComparison.Choices validation = p.choices().validation();
    ChoiceModel learned = ShuffleComparison.fitLearned(train.data(), validation.data());
    ShuffleImportance target = ShuffleImportance.of(validation.data(), learned.weights());
    String description = String.format(Locale.ROOT, "%d validation choices (choice model fitted on %d training choices, "
        + "L2 %s chosen on validation; weights %s)", validation.data().size(), train.data().size(),
        learned.config().l2(), java.util.Arrays.toString(learned.weights()));
    return new Report("shuffle", p.description(), description,
        PermutationImportance.measure(target, target.metric(), config));
  }
}
