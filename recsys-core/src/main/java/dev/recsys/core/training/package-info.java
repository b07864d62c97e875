/**
 * The shared training loop of recsys models: mini-batch gradient descent over a {@link
 * dev.recsys.core.training.Trainable} with an optimizer ({@link dev.recsys.core.training.OptimizerConfig}),
 * a learning-rate schedule ({@link dev.recsys.core.training.LearningRateSchedule}), early stopping ({@link
 * dev.recsys.core.training.EarlyStopping}), checkpoints that resume bit for bit ({@link
 * dev.recsys.core.training.CheckpointPolicy}) and progress through {@link dev.recsys.core.spi.TrainingListener}.
 *
 * <p>The autoencoder, the two-tower models and the graph attention network all train through
 * {@link dev.recsys.core.training.TrainingLoop}: a model exposes its parameters as one flat {@code float[]} and
 * computes the loss gradient of a batch; everything else (shuffling, batching, optimizer state, schedule, stopping,
 * checkpoints) lives here once.
 */
package dev.recsys.core.training;
