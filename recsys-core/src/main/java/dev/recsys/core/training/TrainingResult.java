package dev.recsys.core.training;

import java.util.List;

/**
 * What a training run did: one entry per completed epoch, and which epoch's parameters the model holds now.
 *
 * @param epochsRun epochs completed
 * @param steps optimizer steps taken
 * @param trainLoss mean training loss per epoch
 * @param validationMetric validation metric per epoch ({@code NaN} when the model has none)
 * @param learningRates learning rate used in each epoch
 * @param bestEpoch 1-based epoch with the best monitored metric
 * @param bestMetric its value
 * @param stoppedEarly whether early stopping ended the run before the configured epochs
 * @param restoredBest whether the parameters were reset to those of {@code bestEpoch}
 */
public record TrainingResult(int epochsRun, long steps, List<Double> trainLoss, List<Double> validationMetric,
    List<Double> learningRates, int bestEpoch, double bestMetric, boolean stoppedEarly, boolean restoredBest) {
  /** Copies the lists. */
  public TrainingResult {
    trainLoss = List.copyOf(trainLoss);
    validationMetric = List.copyOf(validationMetric);
    learningRates = List.copyOf(learningRates);
  }
}
