package dev.recsys.graph.choice;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.SaveableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted conditional (multinomial) logit model: a candidate's utility is {@code w . x}, and the probability of
 * choosing it from its set is the softmax of the utilities. The weights are the smart shuffle's feature weights.
 *
 * <p>{@link ChoiceModelFitter} fits it and reports standard errors from the inverse of the negative Hessian at the
 * optimum, the log-likelihood, the null log-likelihood (all candidates equally likely) and McFadden's pseudo-R²
 * {@code 1 - LL / LL0}. Immutable and thread-safe; saved as a {@link SaveableModel} with provider
 * {@value #PROVIDER} (read back by the {@code softmax-walk} sampler plugin, or {@link #load(Path)}). Equality
 * compares the fitted values and configuration, not the provenance.
 *
 * @param featureNames the features, in column order
 * @param weights fitted weights
 * @param standardErrors standard errors of the weights (NaN when the Hessian is singular)
 * @param logLikelihood log-likelihood at the fitted weights (without the penalty)
 * @param nullLogLikelihood log-likelihood of equal probabilities
 * @param choices number of choice sets fitted
 * @param iterations iterations used
 * @param converged whether the convergence test passed within the iteration cap
 * @param config how it was fitted
 * @param provenance where it came from (seed 0: the fit has no randomness; the choice data's fingerprint); not part of
 *     the model's JSON form in reports
 */
public record ChoiceModel(
    List<String> featureNames, double[] weights, double[] standardErrors, double logLikelihood, double nullLogLikelihood,
    int choices, int iterations, boolean converged, ChoiceModelConfig config,
    @com.fasterxml.jackson.annotation.JsonIgnore Provenance provenance)
    implements SaveableModel {

  /** Provider name in the model container. */
  public static final String PROVIDER = "choice-model";

  /** The format version written and the newest read. */
  public static final int FORMAT_VERSION = 1;

  /** z for a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  /** Validates shapes and copies the arrays. */
  public ChoiceModel {
    featureNames = List.copyOf(featureNames);
    weights = weights.clone();
    standardErrors = standardErrors.clone();
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(provenance, "provenance");
    if (weights.length != featureNames.size() || standardErrors.length != featureNames.size()) {
      throw new IllegalArgumentException("need one weight and one standard error per feature " + featureNames);
    }
  }

  /**
   * McFadden's pseudo-R²: {@code 1 - LL / LL0} (0 when LL0 is 0).
   *
   * @return McFadden's pseudo-R², {@code 1 - LL / LL0}
   */
  public double mcFaddenR2() {
    return nullLogLikelihood == 0 ? 0 : 1 - logLikelihood / nullLogLikelihood;
  }

  /**
   * Lower end of the 95% confidence interval of weight {@code f}.
   *
   * @return the lower end of the 95% confidence interval of weight {@code f}
   * @param f the weight index
   */
  public double lower95(int f) {
    return weights[f] - Z95 * standardErrors[f];
  }

  /**
   * Upper end of the 95% confidence interval of weight {@code f}.
   *
   * @return the upper end of the 95% confidence interval of weight {@code f}
   * @param f the weight index
   */
  public double upper95(int f) {
    return weights[f] + Z95 * standardErrors[f];
  }

  /**
   * A copy of the weights.
   *
   * @return a copy of the weights
   */
  @Override
  public double[] weights() {
    return weights.clone();
  }

  /**
   * A copy of the standard errors.
   *
   * @return a copy of the standard errors
   */
  @Override
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /**
   * Mean log-likelihood per choice of {@code data} under these weights (e.g. held-out choices).
   *
   * @param data the data
   * @return the mean log-likelihood per choice of {@code data} under these weights (e.g. held-out choices)
   */
  public double meanLogLikelihood(ChoiceData data) {
    requireSameFeatures(data);
    return data.size() == 0 ? 0 : ChoiceLikelihood.logLikelihood(data, weights) / data.size();
  }

  private void requireSameFeatures(ChoiceData data) {
    if (!data.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException("data features " + data.featureNames() + " differ from the model's " + featureNames);
    }
  }

  @Override
  public ModelContainer toContainer() {
    return ChoiceModelIO.write(this);
  }

  /**
   * Loads a model saved with {@link #save(Path)}.
   *
   * @throws ModelFormatException naming the file if it is not a choice model, is of a newer format version or is
   *     inconsistent
   * @param file the file
   * @return the {@code ChoiceModel}, with the provenance it was saved with
   */
  public static ChoiceModel load(Path file) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString());
  }

  /**
   * Reads a model from its container.
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @return the model
   * @throws ModelFormatException naming {@code source} if the container is not a choice model, is of a newer format
   *     version or is inconsistent
   */
  public static ChoiceModel load(ModelContainer c, String source) throws ModelFormatException {
    return ModelContainer.decode(source, () -> ChoiceModelIO.read(c, source));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChoiceModel m && featureNames.equals(m.featureNames) && Arrays.equals(weights, m.weights)
        && Arrays.equals(standardErrors, m.standardErrors) && logLikelihood == m.logLikelihood
        && nullLogLikelihood == m.nullLogLikelihood && choices == m.choices && iterations == m.iterations
        && converged == m.converged && config.equals(m.config);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, Arrays.hashCode(weights), logLikelihood, choices);
  }

  /**
   * This model with another provenance (for example the seed and fingerprint of the simulation its choices came
   * from).
   *
   * @param newProvenance the provenance
   * @return a copy with that provenance
   */
  public ChoiceModel withProvenance(Provenance newProvenance) {
    return new ChoiceModel(featureNames, weights, standardErrors, logLikelihood, nullLogLikelihood, choices, iterations,
        converged, config, newProvenance);
  }

  @Override
  public String toString() {
    return "ChoiceModel[features=" + featureNames + ", weights=" + Arrays.toString(weights) + ", standardErrors="
        + Arrays.toString(standardErrors) + ", logLikelihood=" + logLikelihood + ", nullLogLikelihood=" + nullLogLikelihood
        + ", mcFaddenR2=" + mcFaddenR2() + ", choices=" + choices + ", iterations=" + iterations + ", converged=" + converged
        + ", config=" + config + "]";
  }
}
