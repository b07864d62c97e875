package dev.recsys.core.training;

import dev.recsys.core.util.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how often the {@link TrainingLoop} writes a checkpoint. A checkpoint is a {@link
 * dev.recsys.core.io.ModelContainer} file (provider {@value TrainingLoop#CHECKPOINT_PROVIDER}) holding the parameters,
 * the optimizer moments, the schedule and early-stopping state, the position in the epoch and the model's own
 * state; {@link TrainingLoop#resume} continues from it and produces exactly the parameters an uninterrupted run would.
 * Each write replaces the previous file atomically.
 *
 * @param file the checkpoint file
 * @param everySteps write after every this many optimizer steps, 0 for never
 * @param everyEpochs write after every this many epochs, 0 for never
 */
public record CheckpointPolicy(Path file, int everySteps, int everyEpochs) {
  /** Validates the fields. */
  public CheckpointPolicy {
    Objects.requireNonNull(file, "file");
    Checks.atLeast("everySteps", everySteps, 0);
    Checks.atLeast("everyEpochs", everyEpochs, 0);
    if (everySteps == 0 && everyEpochs == 0) {
      throw new IllegalArgumentException("everySteps or everyEpochs must be > 0; both are 0");
    }
  }

  /**
   * A checkpoint after every epoch.
   *
   * @param file the file
   * @return a checkpoint after every epoch
   */
  public static CheckpointPolicy everyEpoch(Path file) {
    return new CheckpointPolicy(file, 0, 1);
  }
}
