package dev.recsys.embedding.matching;

import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link CoListeningMatcherTrainer}. The lists are the candidates the trainer chooses among on a
 * validation split carved from the training listeners (never from the evaluation's queries): item weighting and
 * dimensions at initialisation, then temperature, hard negatives and epochs by training, then the content weight with the genre share, then
 * the item-overlap weight with its weighting.
 *
 * @param seed seed of the validation split, initialisation, views and batches
 * @param dimensions candidate embedding dimensions, each in [2, 512]
 * @param weightings candidate item weightings of the bag
 * @param artistTokens whether bags extended by artist tokens (one pseudo-item per artist of the listener's tracks,
 *     when the catalogue names artists) compete with plain bags at initialisation
 * @param temperatures candidate softmax temperatures, each in [0.01, 1]
 * @param hardNegatives candidate numbers of mined hard negatives per anchor, each in [0, 4]
 * @param contentWeights candidate weights of the content profile in the match score, each in [0, 1]
 * @param coPositiveShare share of training pairs whose positive is a co-listening neighbour's view instead of the
 *     anchor's other half, in [0, 0.9]
 * @param maxEpochs most training epochs, in [0, 1000]
 * @param patience epochs without validation gain before stopping, in [1, 100]
 * @param batchSize anchors per batch, in [8, 4096]
 * @param learningRate Adagrad learning rate, in (0, 10]
 * @param maxViewItems most items in one view (a random sample beyond), in [4, 100000]
 * @param validationFraction share of listeners held out for validation, in [0.05, 0.5]
 * @param minValidation fewest validation listeners for selection; with fewer, the first candidates are used
 *     and trained for {@code fallbackEpochs}, in [10, 100000]
 * @param fallbackEpochs epochs without validation, in [0, 1000]
 * @param svdIterations subspace iterations of the initialisation, in [0, 20]
 * @param hashBuckets buckets that item ids unseen in fitting are hashed to, in [1, 1048576]
 * @param overlapWeights candidate weights λ of the exact item-overlap part (cosine of the bags under the overlap
 *     weighting) added to the dense score, each in [0, 1000]; chosen jointly with the overlap weighting on the mean
 *     criterion of split-half and overlapping-view validation
 * @param overlapShare share of a validation listener's items that both overlapping views hold, in [0.05, 0.9]
 * @param overlapWeightings candidate item weightings of the exact item-overlap part
 * @param genreShares candidate genre shares γ of the content profile ({@code γ cos(genres) + (1 - γ) cos(audio)}
 *     when both exist), each in [0, 1]; chosen jointly with the content weight
 */
public record CoListeningConfig(long seed, List<Integer> dimensions, List<ItemWeighting> weightings,
    boolean artistTokens, List<Double> temperatures, List<Integer> hardNegatives, List<Double> contentWeights, double coPositiveShare,
    int maxEpochs, int patience, int batchSize, double learningRate, int maxViewItems, double validationFraction,
    int minValidation, int fallbackEpochs, int svdIterations, int hashBuckets, List<Double> overlapWeights,
    double overlapShare, List<ItemWeighting> overlapWeightings, List<Double> genreShares) {

  /** Validates and copies. */
  public CoListeningConfig {
    dimensions = nonEmpty("dimensions", dimensions);
    dimensions.forEach(d -> Checks.inRange("dimension", d, 2, 512));
    weightings = nonEmpty("weightings", weightings);
    temperatures = nonEmpty("temperatures", temperatures);
    temperatures.forEach(t -> Checks.inRange("temperature", t, 0.01, 1));
    hardNegatives = nonEmpty("hardNegatives", hardNegatives);
    hardNegatives.forEach(h -> Checks.inRange("hardNegatives", h, 0, 4));
    contentWeights = nonEmpty("contentWeights", contentWeights);
    contentWeights.forEach(w -> Checks.inRange("contentWeight", w, 0.0, 1.0));
    Checks.inRange("coPositiveShare", coPositiveShare, 0.0, 0.9);
    Checks.inRange("maxEpochs", maxEpochs, 0, 1000);
    Checks.inRange("patience", patience, 1, 100);
    Checks.inRange("batchSize", batchSize, 8, 4096);
    Checks.inRange("learningRate", learningRate, 1e-9, 10);
    Checks.inRange("maxViewItems", maxViewItems, 4, 100_000);
    Checks.inRange("validationFraction", validationFraction, 0.05, 0.5);
    Checks.inRange("minValidation", minValidation, 10, 100_000);
    Checks.inRange("fallbackEpochs", fallbackEpochs, 0, 1000);
    Checks.inRange("svdIterations", svdIterations, 0, 20);
    Checks.inRange("hashBuckets", hashBuckets, 1, 1 << 20);
    overlapWeights = nonEmpty("overlapWeights", overlapWeights);
    overlapWeights.forEach(w -> Checks.inRange("overlapWeight", w, 0.0, 1000.0));
    Checks.inRange("overlapShare", overlapShare, 0.05, 0.9);
    overlapWeightings = nonEmpty("overlapWeightings", overlapWeightings);
    genreShares = nonEmpty("genreShares", genreShares);
    genreShares.forEach(g -> Checks.inRange("genreShare", g, 0.0, 1.0));
  }

  private static <T> List<T> nonEmpty(String name, List<T> l) {
    Objects.requireNonNull(l, name);
    if (l.isEmpty()) {
      throw new IllegalArgumentException(name + " must name at least one candidate");
    }
    return List.copyOf(l);
  }

  /**
   * The defaults (see {@link Builder}).
   *
   * @return the default configuration described above
   */
  public static CoListeningConfig defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder holding the default values
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this configuration.
   *
   * @return a new builder holding this configuration's values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.dimensions = dimensions;
    b.weightings = weightings;
    b.artistTokens = artistTokens;
    b.temperatures = temperatures;
    b.hardNegatives = hardNegatives;
    b.contentWeights = contentWeights;
    b.coPositiveShare = coPositiveShare;
    b.maxEpochs = maxEpochs;
    b.patience = patience;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.maxViewItems = maxViewItems;
    b.validationFraction = validationFraction;
    b.minValidation = minValidation;
    b.fallbackEpochs = fallbackEpochs;
    b.svdIterations = svdIterations;
    b.hashBuckets = hashBuckets;
    b.overlapWeights = overlapWeights;
    b.overlapShare = overlapShare;
    b.overlapWeightings = overlapWeightings;
    b.genreShares = genreShares;
    return b;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private long seed = 42;
    private List<Integer> dimensions = List.of(16, 32, 64);
    private List<ItemWeighting> weightings = List.of(ItemWeighting.TFIDF, ItemWeighting.BM25, ItemWeighting.BM25_IDF2);
    private boolean artistTokens = true;
    private List<Double> temperatures = List.of(0.05, 0.1);
    private List<Integer> hardNegatives = List.of(0, 1);
    private List<Double> contentWeights = List.of(0.0, 0.1, 0.2, 0.35, 0.5, 0.7, 0.85, 0.95);
    private double coPositiveShare = 0.0;
    private int maxEpochs = 30;
    private int patience = 4;
    private int batchSize = 256;
    private double learningRate = 0.005;
    private int maxViewItems = 256;
    private double validationFraction = 0.15;
    private int minValidation = 40;
    private int fallbackEpochs = 5;
    private int svdIterations = 8;
    private int hashBuckets = 256;
    private List<Double> overlapWeights =
        List.of(0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0);
    private double overlapShare = 0.25;
    private List<ItemWeighting> overlapWeightings = List.of(ItemWeighting.TFIDF, ItemWeighting.BM25_IDF2);
    private List<Double> genreShares = List.of(0.5, 0.75, 0.9, 1.0);

    private Builder() {}

    /**
     * See {@link CoListeningConfig#seed()}.
     *
     * @param v seed of the validation split, initialisation, views and batches; default {@code 42}
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#dimensions()}.
     *
     * @param v candidate embedding dimensions, each in [2, 512]; default {@code List.of(16, 32, 64)}
     * @return this builder
     */
    public Builder dimensions(List<Integer> v) {
      dimensions = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#weightings()}.
     *
     * @param v candidate item weightings of the bag; default {@code List.of(ItemWeighting.TFIDF, ItemWeighting.BM25,
     *     ItemWeighting.BM25_IDF2)}
     * @return this builder
     */
    public Builder weightings(List<ItemWeighting> v) {
      weightings = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#artistTokens()}.
     *
     * @param v whether bags extended by artist tokens (one pseudo-item per artist of the listener's tracks, when the
     *     catalogue names artists) compete with plain bags at initialisation; default {@code true}
     * @return this builder
     */
    public Builder artistTokens(boolean v) {
      artistTokens = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#temperatures()}.
     *
     * @param v candidate softmax temperatures, each in [0.01, 1]; default {@code List.of(0.05, 0.1)}
     * @return this builder
     */
    public Builder temperatures(List<Double> v) {
      temperatures = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#hardNegatives()}.
     *
     * @param v candidate numbers of mined hard negatives per anchor, each in [0, 4]; default {@code List.of(0, 1)}
     * @return this builder
     */
    public Builder hardNegatives(List<Integer> v) {
      hardNegatives = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#contentWeights()}.
     *
     * @param v candidate weights of the content profile in the match score, each in [0, 1]; default {@code List.of(0.0,
     *     0.1, 0.2, 0.35, 0.5, 0.7, 0.85, 0.95)}
     * @return this builder
     */
    public Builder contentWeights(List<Double> v) {
      contentWeights = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#coPositiveShare()}.
     *
     * @param v share of training pairs whose positive is a co-listening neighbour's view instead of the anchor's other
     *     half, in [0, 0.9]; default {@code 0.0}
     * @return this builder
     */
    public Builder coPositiveShare(double v) {
      coPositiveShare = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#maxEpochs()}.
     *
     * @param v most training epochs, in [0, 1000]; default {@code 30}
     * @return this builder
     */
    public Builder maxEpochs(int v) {
      maxEpochs = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#patience()}.
     *
     * @param v epochs without validation gain before stopping, in [1, 100]; default {@code 4}
     * @return this builder
     */
    public Builder patience(int v) {
      patience = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#batchSize()}.
     *
     * @param v anchors per batch, in [8, 4096]; default {@code 256}
     * @return this builder
     */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#learningRate()}.
     *
     * @param v Adagrad learning rate, in (0, 10]; default {@code 0.005}
     * @return this builder
     */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#maxViewItems()}.
     *
     * @param v most items in one view (a random sample beyond), in [4, 100000]; default {@code 256}
     * @return this builder
     */
    public Builder maxViewItems(int v) {
      maxViewItems = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#validationFraction()}.
     *
     * @param v share of listeners held out for validation, in [0.05, 0.5]; default {@code 0.15}
     * @return this builder
     */
    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#minValidation()}.
     *
     * @param v fewest validation listeners for selection; with fewer, the first candidates are used and trained for
     *     {@code fallbackEpochs}, in [10, 100000]; default {@code 40}
     * @return this builder
     */
    public Builder minValidation(int v) {
      minValidation = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#fallbackEpochs()}.
     *
     * @param v epochs without validation, in [0, 1000]; default {@code 5}
     * @return this builder
     */
    public Builder fallbackEpochs(int v) {
      fallbackEpochs = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#svdIterations()}.
     *
     * @param v subspace iterations of the initialisation, in [0, 20]; default {@code 8}
     * @return this builder
     */
    public Builder svdIterations(int v) {
      svdIterations = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#hashBuckets()}.
     *
     * @param v buckets that item ids unseen in fitting are hashed to, in [1, 1048576]; default {@code 256}
     * @return this builder
     */
    public Builder hashBuckets(int v) {
      hashBuckets = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#overlapWeights()}.
     *
     * @param v candidate weights λ of the exact item-overlap part (cosine of the bags under the overlap weighting)
     *     added to the dense score, each in [0, 1000]; chosen jointly with the overlap weighting on the mean criterion
     *     of split-half and overlapping-view validation; default {@code List.of(0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75,
     *     1.0, 1.5, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)}
     * @return this builder
     */
    public Builder overlapWeights(List<Double> v) {
      overlapWeights = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#overlapShare()}.
     *
     * @param v share of a validation listener's items that both overlapping views hold, in [0.05, 0.9]; default {@code
     *     0.25}
     * @return this builder
     */
    public Builder overlapShare(double v) {
      overlapShare = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#overlapWeightings()}.
     *
     * @param v candidate item weightings of the exact item-overlap part; default {@code List.of(ItemWeighting.TFIDF,
     *     ItemWeighting.BM25_IDF2)}
     * @return this builder
     */
    public Builder overlapWeightings(List<ItemWeighting> v) {
      overlapWeightings = v;
      return this;
    }

    /**
     * See {@link CoListeningConfig#genreShares()}.
     *
     * @param v candidate genre shares γ of the content profile ({@code γ cos(genres) + (1 - γ) cos(audio)} when both
     *     exist), each in [0, 1]; chosen jointly with the content weight; default {@code List.of(0.5, 0.75, 0.9, 1.0)}
     * @return this builder
     */
    public Builder genreShares(List<Double> v) {
      genreShares = v;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @return the configuration holding the current values
     */
    public CoListeningConfig build() {
      return new CoListeningConfig(seed, dimensions, weightings, artistTokens, temperatures, hardNegatives, contentWeights,
          coPositiveShare, maxEpochs, patience, batchSize, learningRate, maxViewItems, validationFraction,
          minValidation, fallbackEpochs, svdIterations, hashBuckets, overlapWeights, overlapShare,
          overlapWeightings, genreShares);
    }
  }
}
