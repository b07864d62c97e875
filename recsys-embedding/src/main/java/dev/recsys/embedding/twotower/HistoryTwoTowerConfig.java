package dev.recsys.embedding.twotower;

import dev.recsys.core.util.Checks;

/**
 * Settings of the history two-tower recommender ({@link HistoryTwoTowerRecommender}). Immutable; validated on
 * construction. {@link #defaults()} were chosen on validation splits carved from training data (see
 * {@code docs/two-tower.md}).
 *
 * @param dimension width of the listener and track vectors, in [2, 1024]
 * @param historyLength how many of the listener's most recent plays the listener tower pools, in [1, 10,000]; each
 *     position (0 = the latest) has its own learned weight
 * @param epochs passes over the listeners, in [1, 10,000]
 * @param cutsPerListener training examples drawn per listener and epoch, in [1, 1,000]: each cuts the listener's
 *     time-ordered history at a random position; the plays before the cut feed the listener tower and the next
 *     {@code targetFraction} of them are the targets
 * @param targetFraction length of the target window relative to the prefix, in (0, 10]
 * @param batchSize examples per gradient step, in [1, 65,536]
 * @param learningRate Adam step size, in (0, 1]
 * @param weightDecay decoupled weight decay of the embeddings per step (times the learning rate), in [0, 1]
 * @param historyDropout probability that a pooled play is dropped from a training example, in [0, 0.95]
 * @param content whether the track tower adds content (genre and artist embeddings, a projection of the
 *     standardised audio features) to the track id embedding
 * @param inputContent whether the listener tower's track embeddings add the same content vector (shared tables)
 *     to their own id embedding, so sparsely played tracks still carry their genre and artist
 * @param fullSoftmaxLimit catalogues up to this many tracks are trained with a softmax over the whole catalogue;
 *     larger ones with a sampled softmax over the batch's targets and uniform negatives, in [0, 10,000,000]
 * @param sampledNegatives uniform negatives per batch of the sampled softmax, in [1, 1,000,000]
 * @param wholeHistoryShare share of the training examples that use the whole history instead of a cut, in [0, 1]:
 *     half of the pooled plays are hidden and the hidden tracks that are not among the kept ones are the targets
 * @param outputInitScale standard deviation of the random initial track id embeddings of the track tower, in
 *     [0, 10]
 * @param popularityAffinity whether the score may add a popularity-affinity term {@code beta p_u(i)}: the
 *     log-probability of track {@code i} among the tracks of its genres for a listener who picks tracks in
 *     proportion to {@code exp(alpha_u t)}, with {@code t} the track's standardised log popularity (the catalogue's
 *     popularity when tracks have one, else the training plays) and {@code alpha_u} the listener's
 *     most probable popularity exponent over the pooled plays (normal prior N(0, 2^2), in [-4, 4]; the catalogue's genres normalise
 *     the probabilities, all tracks form one group when there are none); {@code beta} is chosen with the blend
 *     weight on the validation plays from 0, 0.5, 1, 2, 4 and 8 (0 when no weight helps, and always 0 with
 *     {@code validationFraction} 0)
 * @param genreAffinity whether the score may add a genre-affinity term {@code gamma log s_u(i)}, with
 *     {@code s_u(i)} the listener's smoothed share of pooled plays in the genres of track {@code i} (the mean share
 *     when the track has several genres): the listener's taste over the catalogue's genres; {@code gamma} is
 *     chosen with the blend and popularity-affinity weights on the validation plays from 0, 0.125, 0.25, 0.5, 1 and
 *     2 (0 when no weight helps, when the tracks have no genres, and always with {@code validationFraction} 0)
 * @param genreSmoothing the pseudo-count {@code a} of the genre shares {@code (c_g + a) / (n + a G)} ({@code c_g}
 *     the pooled plays in genre {@code g}, a play with several genres split evenly, {@code n} the pooled plays with
 *     genres, {@code G} the number of genres), in (0, 1,000]
 * @param itemItemItems the item-item (EASE) component models this many of the most played tracks, in [0, 20,000];
 *     0 turns the component off and the score is the two-tower score alone
 * @param itemItemLambda L2 regularisation of the item-item component (EASE's lambda), &gt; 0
 * @param blendWeight weight of the item-item component in the blended score when it is not chosen on validation
 *     data ({@code validationFraction} 0), in [0, 1]
 * @param validationFraction share of each listener's latest training plays held out to choose the blend weight
 *     (a grid of 0, 0.05, ..., 1 by NDCG@10 on a model fitted without them) and the popularity- and genre-affinity
 *     weights, in [0, 0.5]; 0 uses {@code blendWeight} and neither affinity term
 * @param ensemble how many two-tower networks are trained, each with its own seed (the first with {@code seed}, the
 *     others with seeds derived from it), in [1, 16]; the two-tower score is the mean of their scores, so a larger
 *     ensemble lowers the variance of the learned component at the cost of that many fits
 * @param threads worker threads of training (0: all available processors), in [0, 1024]; the model does not
 *     depend on it
 * @param seed seed of initialisation, example order, cuts and dropout
 */
public record HistoryTwoTowerConfig(int dimension, int historyLength, int epochs, int cutsPerListener,
    double targetFraction, int batchSize, double learningRate, double weightDecay, double historyDropout,
    boolean content, boolean inputContent, int fullSoftmaxLimit, int sampledNegatives, double wholeHistoryShare,
    double outputInitScale, boolean popularityAffinity, boolean genreAffinity, double genreSmoothing,
    int itemItemItems,
    double itemItemLambda, double blendWeight, double validationFraction, int ensemble, int threads, long seed) {

  /** Validates. */
  public HistoryTwoTowerConfig {
    Checks.inRange("dimension", dimension, 2, 1024);
    Checks.inRange("historyLength", historyLength, 1, 10_000);
    Checks.inRange("epochs", epochs, 1, 10_000);
    Checks.inRange("cutsPerListener", cutsPerListener, 1, 1000);
    Checks.inRange("targetFraction", targetFraction, 1e-9, 10);
    Checks.inRange("batchSize", batchSize, 1, 65_536);
    Checks.inRange("learningRate", learningRate, 1e-12, 1);
    Checks.inRange("weightDecay", weightDecay, 0, 1);
    Checks.inRange("historyDropout", historyDropout, 0, 0.95);
    Checks.inRange("fullSoftmaxLimit", fullSoftmaxLimit, 0, 10_000_000);
    Checks.inRange("sampledNegatives", sampledNegatives, 1, 1_000_000);
    Checks.inRange("wholeHistoryShare", wholeHistoryShare, 0, 1);
    Checks.inRange("outputInitScale", outputInitScale, 0, 10);
    Checks.inRange("genreSmoothing", genreSmoothing, 1e-9, 1000);
    Checks.inRange("itemItemItems", itemItemItems, 0, 20_000);
    Checks.positive("itemItemLambda", itemItemLambda);
    Checks.inRange("blendWeight", blendWeight, 0, 1);
    Checks.inRange("validationFraction", validationFraction, 0, 0.5);
    Checks.inRange("ensemble", ensemble, 1, 16);
    Checks.inRange("threads", threads, 0, 1024);
  }

  /**
   * The defaults: 64-wide vectors, the last 200 plays pooled, 10 epochs of 8 cuts per listener with a target
   * window of a quarter of the prefix, batch 128, Adam 0.005, weight decay 0.0001, history dropout 0.2, content on,
   * full softmax up to 100,000 tracks (2,048 uniform negatives above), the popularity-affinity term, the
   * genre-affinity term with add-one smoothing, an item-item component over the 3,000 most played tracks (lambda
   * 500) blended in with a weight chosen on the latest 20% of each listener's training plays, an ensemble of three
   * networks, all processors, seed 42.
   *
   * @return the defaults
   */
  public static HistoryTwoTowerConfig defaults() {
    return new HistoryTwoTowerConfig(64, 200, 10, 8, 0.25, 128, 0.005, 1e-4, 0.2, true, true, 100_000, 2048, 0, 0.1,
        true, true, 1, 3000, 500, 0.5, 0.2, 3, 0, 42);
  }

  /**
   * These settings with another ensemble size.
   *
   * @param networks the {@link #ensemble()}
   * @return the changed settings
   */
  public HistoryTwoTowerConfig withEnsemble(int networks) {
    return new HistoryTwoTowerConfig(dimension, historyLength, epochs, cutsPerListener, targetFraction, batchSize,
        learningRate, weightDecay, historyDropout, content, inputContent, fullSoftmaxLimit, sampledNegatives,
        wholeHistoryShare, outputInitScale, popularityAffinity, genreAffinity, genreSmoothing, itemItemItems,
        itemItemLambda, blendWeight, validationFraction, networks, threads, seed);
  }

  /**
   * These settings with another seed.
   *
   * @param newSeed the {@link #seed()}
   * @return the changed settings
   */
  public HistoryTwoTowerConfig withSeed(long newSeed) {
    return new HistoryTwoTowerConfig(dimension, historyLength, epochs, cutsPerListener, targetFraction, batchSize,
        learningRate, weightDecay, historyDropout, content, inputContent, fullSoftmaxLimit, sampledNegatives,
        wholeHistoryShare, outputInitScale, popularityAffinity, genreAffinity, genreSmoothing, itemItemItems,
        itemItemLambda, blendWeight, validationFraction, ensemble, threads, newSeed);
  }

  /**
   * These settings with the popularity-affinity term on or off.
   *
   * @param on the {@link #popularityAffinity()}
   * @return the changed settings
   */
  public HistoryTwoTowerConfig withPopularityAffinity(boolean on) {
    return new HistoryTwoTowerConfig(dimension, historyLength, epochs, cutsPerListener, targetFraction, batchSize,
        learningRate, weightDecay, historyDropout, content, inputContent, fullSoftmaxLimit, sampledNegatives,
        wholeHistoryShare, outputInitScale, on, genreAffinity, genreSmoothing, itemItemItems, itemItemLambda,
        blendWeight, validationFraction, ensemble, threads, seed);
  }

  /**
   * These settings with the genre-affinity term on or off.
   *
   * @param on the {@link #genreAffinity()}
   * @return the changed settings
   */
  public HistoryTwoTowerConfig withGenreAffinity(boolean on) {
    return new HistoryTwoTowerConfig(dimension, historyLength, epochs, cutsPerListener, targetFraction, batchSize,
        learningRate, weightDecay, historyDropout, content, inputContent, fullSoftmaxLimit, sampledNegatives,
        wholeHistoryShare, outputInitScale, popularityAffinity, on, genreSmoothing, itemItemItems, itemItemLambda,
        blendWeight, validationFraction, ensemble, threads, seed);
  }

  /**
   * These settings with another item-item component and blend.
   *
   * @param items the {@link #itemItemItems()} (0: off)
   * @param fixedWeight the {@link #blendWeight()}
   * @param validation the {@link #validationFraction()}
   * @return the changed settings
   */
  public HistoryTwoTowerConfig withBlend(int items, double fixedWeight, double validation) {
    return new HistoryTwoTowerConfig(dimension, historyLength, epochs, cutsPerListener, targetFraction, batchSize,
        learningRate, weightDecay, historyDropout, content, inputContent, fullSoftmaxLimit, sampledNegatives,
        wholeHistoryShare, outputInitScale, popularityAffinity, genreAffinity, genreSmoothing, items,
        itemItemLambda, fixedWeight, validation, ensemble, threads, seed);
  }
}
