package dev.recsys.core.eval.report;

import dev.recsys.core.eval.CohortGroup;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.Split;
import dev.recsys.core.io.RecsysVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to read, compare and reproduce an evaluation: the dataset, protocol and seed, a fingerprint
 * of the data, the git revision of the code, and per model its metrics with intervals, set-level metrics,
 * curves and cohorts, plus paired comparisons. Serialises to JSON with {@link ReportJson}; plain records, so
 * any JSON library can read it back.
 *
 * @param dataset how the data was named (e.g. {@code movielens:/data/ml-latest-small})
 * @param protocol the protocol and its parameters
 * @param seed the protocol's seed
 * @param evaluatorSeed the seed of the bootstrap intervals and randomisation tests
 * @param ks the cut-offs
 * @param dataFingerprint {@link DataFingerprint} of the whole interaction table
 * @param gitRevision {@code git rev-parse HEAD} of the working directory, or {@code "unknown"}
 * @param recsysVersion the library version
 * @param createdAt when the report was made (ISO-8601)
 * @param data sizes of the data and the split
 * @param models one entry per evaluated model, in evaluation order
 * @param comparisons paired comparisons between models
 */
public record EvaluationReport(String dataset, String protocol, long seed, long evaluatorSeed, List<Integer> ks,
    String dataFingerprint, String gitRevision, String recsysVersion, String createdAt, DataSummary data,
    List<ModelReport> models, List<PairedComparison> comparisons) {

  /** Copies the lists. */
  public EvaluationReport {
    ks = List.copyOf(ks);
    models = List.copyOf(models);
    comparisons = List.copyOf(comparisons);
  }

  /**
   * Sizes of the data and its split.
   *
   * @param rows interaction rows
   * @param users distinct users
   * @param items distinct items
   * @param trainRows rows in training
   * @param testRows rows held out
   * @param testUsers users with at least one held-out item
   * @param droppedSeen held-out rows dropped because the user had the item in training
   */
  public record DataSummary(int rows, int users, int items, int trainRows, int testRows, int testUsers,
      int droppedSeen) {}

  /**
   * The results of one model.
   *
   * @param name the model
   * @param fitMillis fitting time
   * @param recommendMillis time spent answering the test users' queries
   * @param users test users evaluated
   * @param metrics per-user metrics: mean with bootstrap interval
   * @param setMetrics coverage, Gini, personalisation, global AUC
   * @param curves mean precision, recall, NDCG and false positive rate at every cut-off 1..depth
   * @param cohorts cohort name, then group, then its results
   */
  public record ModelReport(String name, long fitMillis, long recommendMillis, int users,
      Map<String, Estimate> metrics, Map<String, Double> setMetrics, Map<String, double[]> curves,
      Map<String, Map<String, CohortGroup>> cohorts) {

    /**
     * The report of one evaluation result.
     *
     * @param r the evaluation result
     * @return the report of one evaluation result
     */
    public static ModelReport of(EvaluationResult r) {
      return new ModelReport(r.model(), r.fitMillis(), r.recommendMillis(), r.users().size(), r.aggregate(),
          r.setMetrics(), r.curves(), r.cohorts());
    }
  }

  /**
   * A report of results that all come from {@code split}.
   *
   * @throws IllegalArgumentException if a result comes from another protocol
   * @param dataset the data set
   * @param split the split
   * @param results the results
   * @param comparisons the comparisons
   * @return a report of results that all come from {@code split}
   */
  public static EvaluationReport of(String dataset, Split split, List<EvaluationResult> results,
      List<PairedComparison> comparisons) {
    List<ModelReport> models = new ArrayList<>();
    List<Integer> ks = List.of();
    long evaluatorSeed = 0;
    for (EvaluationResult r : results) {
      if (!r.protocol().equals(split.protocol())) {
        throw new IllegalArgumentException("result of '" + r.model() + "' comes from protocol '" + r.protocol()
            + "', not '" + split.protocol() + "'");
      }
      models.add(ModelReport.of(r));
      ks = r.config().ks();
      evaluatorSeed = r.config().seed();
    }
    DataSummary data = new DataSummary(split.data().size(), split.data().users().size(),
        split.data().items().size(), split.train().size(), split.test().size(), split.numTestUsers(),
        split.droppedSeen());
    return new EvaluationReport(dataset, split.protocol(), split.seed(), evaluatorSeed, ks,
        DataFingerprint.of(split.data()), GitRevision.current(), RecsysVersion.get(), Instant.now().toString(),
        data, models, comparisons);
  }
}
