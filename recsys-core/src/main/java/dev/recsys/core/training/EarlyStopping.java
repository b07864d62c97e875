package dev.recsys.core.training;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * When to stop before the last epoch, watching the validation metric of {@link Trainable#validate()} (or the
 * training loss when the model has no validation data). Immutable; validated on construction.
 *
 * @param enabled whether to stop early at all (the metric is still tracked for {@code restoreBest})
 * @param patience epochs without improvement after which training stops, &gt;= 1
 * @param minDelta smallest change of the metric that counts as an improvement, &gt;= 0
 * @param restoreBest whether to put back the parameters of the best epoch when training ends
 * @param mode whether lower ({@link Mode#MINIMIZE}, a loss) or higher ({@link Mode#MAXIMIZE}, e.g. recall@k) is better
 */
public record EarlyStopping(boolean enabled, int patience, double minDelta, boolean restoreBest, Mode mode) {

  /** The direction of the monitored metric. */
  public enum Mode {
    /** Lower is better (losses). */
    MINIMIZE,
    /** Higher is better (recall, NDCG). */
    MAXIMIZE
  }

  /** Validates every field. */
  public EarlyStopping {
    Checks.atLeast("patience", patience, 1);
    Checks.inRange("minDelta", minDelta, 0.0, Double.MAX_VALUE);
    Objects.requireNonNull(mode, "mode");
  }

  /**
   * Stop after {@code patience} epochs without a loss improvement of more than {@code minDelta}; restore the best.
   *
   * @param patience the patience
   * @param minDelta the min delta
   * @return the stop after {@code patience} epochs without a loss improvement of more than {@code minDelta}
   */
  public static EarlyStopping onLoss(int patience, double minDelta) {
    return new EarlyStopping(true, patience, minDelta, true, Mode.MINIMIZE);
  }

  /**
   * Never stop early; keep the last parameters; the monitored metric is a loss.
   *
   * @return the never stop early
   */
  public static EarlyStopping none() {
    return new EarlyStopping(false, 1, 0.0, false, Mode.MINIMIZE);
  }

  /** Whether {@code candidate} improves on {@code best} by more than {@code delta} in this mode. */
  boolean improves(double candidate, double best, double delta) {
    if (Double.isNaN(candidate)) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return mode == Mode.MINIMIZE ? candidate < best - delta : candidate > best + delta;
  }
}
