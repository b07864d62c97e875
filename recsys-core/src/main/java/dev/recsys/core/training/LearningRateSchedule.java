package dev.recsys.core.training;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * How the learning rate changes from epoch to epoch, as a multiple of {@link OptimizerConfig#learningRate()}.
 * Applied at the start of every epoch. Immutable; validated on construction.
 *
 * <ul>
 *   <li>{@link Kind#CONSTANT}: always the base rate.</li>
 *   <li>{@link Kind#STEP}: multiplied by {@code factor} every {@code stepEpochs} epochs.</li>
 *   <li>{@link Kind#COSINE}: cosine annealing from the base rate at epoch 1 to {@code minLearningRate} at the last
 *       configured epoch.</li>
 *   <li>{@link Kind#REDUCE_ON_PLATEAU}: multiplied by {@code factor} after {@code patience} epochs in which the
 *       monitored metric (the one {@link EarlyStopping} watches) did not improve by more than {@code minDelta};
 *       never below {@code minLearningRate}.</li>
 * </ul>
 *
 * @param kind the schedule
 * @param stepEpochs epochs between steps ({@code STEP}), &gt;= 1
 * @param factor multiplier per step or plateau, in (0, 1]
 * @param patience epochs without improvement before a reduction ({@code REDUCE_ON_PLATEAU}), &gt;= 1
 * @param minDelta smallest change that counts as an improvement ({@code REDUCE_ON_PLATEAU}), &gt;= 0
 * @param minLearningRate the floor of the rate ({@code COSINE}, {@code REDUCE_ON_PLATEAU}), &gt;= 0
 */
public record LearningRateSchedule(Kind kind, int stepEpochs, double factor, int patience, double minDelta,
    double minLearningRate) {

  /** The schedules. */
  public enum Kind {
    /** Constant rate. */
    CONSTANT,
    /** Step decay. */
    STEP,
    /** Cosine annealing. */
    COSINE,
    /** Reduce when the monitored metric stalls. */
    REDUCE_ON_PLATEAU
  }

  /** Validates every field. */
  public LearningRateSchedule {
    Objects.requireNonNull(kind, "kind");
    Checks.atLeast("stepEpochs", stepEpochs, 1);
    Checks.inRange("factor", factor, Double.MIN_NORMAL, 1.0);
    Checks.atLeast("patience", patience, 1);
    Checks.inRange("minDelta", minDelta, 0.0, Double.MAX_VALUE);
    Checks.inRange("minLearningRate", minLearningRate, 0.0, 10.0);
  }

  /**
   * A constant rate.
   *
   * @return a constant rate
   */
  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(Kind.CONSTANT, 1, 1.0, 1, 0.0, 0.0);
  }

  /**
   * Multiply by {@code factor} every {@code stepEpochs} epochs.
   *
   * @param stepEpochs the step epochs
   * @param factor the factor
   * @return the {@code LearningRateSchedule}
   */
  public static LearningRateSchedule step(int stepEpochs, double factor) {
    return new LearningRateSchedule(Kind.STEP, stepEpochs, factor, 1, 0.0, 0.0);
  }

  /**
   * Cosine annealing down to {@code minLearningRate} at the last epoch.
   *
   * @param minLearningRate the min learning rate
   * @return the cosine annealing down to {@code minLearningRate} at the last epoch
   */
  public static LearningRateSchedule cosine(double minLearningRate) {
    return new LearningRateSchedule(Kind.COSINE, 1, 1.0, 1, 0.0, minLearningRate);
  }

  /**
   * Multiply by {@code factor} after {@code patience} epochs without improvement, not below {@code minLearningRate}.
   *
   * @param factor the factor
   * @param patience the patience
   * @param minDelta the min delta
   * @param minLearningRate the min learning rate
   * @return the {@code LearningRateSchedule}
   */
  public static LearningRateSchedule reduceOnPlateau(double factor, int patience, double minDelta, double minLearningRate) {
    return new LearningRateSchedule(Kind.REDUCE_ON_PLATEAU, 1, factor, patience, minDelta, minLearningRate);
  }
}
