package dev.recsys.core.matching;

/**
 * How a listener's plays of an item become the item's weight in the listener's profile. {@code plays} is the
 * sum of the listener's interaction weights for the item, {@code df} the number of fitted listeners with the
 * item, {@code n} the number of fitted listeners, {@code length} the listener's number of distinct items and
 * {@code avgLength} its mean over fitted listeners.
 */
public enum ItemWeighting {
  /** 1 for every item heard. */
  BINARY,
  /** {@code ln(1 + plays)}. */
  LOG_PLAYS,
  /** {@code ln(1 + plays) * (ln((1 + n) / (1 + df)) + 1)}: log plays times smoothed inverse document frequency. */
  TFIDF,
  /**
   * Okapi BM25 with {@code k1 = 1.2}, {@code b = 0.75}: {@code idf * tf (k1 + 1) / (tf + k1 (1 - b + b length /
   * avgLength))}, {@code tf = ln(1 + plays)}, {@code idf = ln(1 + (n - df + 0.5) / (df + 0.5))}.
   */
  BM25,
  /**
   * BM25 with the inverse document frequency squared: {@code idf^2 * tf (k1 + 1) / (tf + k1 (1 - b + b length /
   * avgLength))} with the {@link #BM25} terms. Saturated plays, and an item shared by few listeners weighs much more
   * than a popular one: two listeners who share a niche item are far more likely related than two who share a hit.
   */
  BM25_IDF2;

  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /**
   * The weight of one item in one listener's profile.
   *
   * @param plays the listener's summed plays of the item; negative values count as 0
   * @param df number of fitted listeners with the item, at least 0
   * @param n number of fitted listeners
   * @param length number of distinct items of the listener
   * @param avgLength mean number of distinct items of the fitted listeners (only BM25 variants use it)
   * @return the weight, at least 0
   */
  public float weight(double plays, int df, int n, int length, double avgLength) {
    double tf = Math.log1p(Math.max(plays, 0));
    return (float) switch (this) {
      case BINARY -> 1.0;
      case LOG_PLAYS -> tf;
      case TFIDF -> tf * (Math.log((1.0 + n) / (1.0 + df)) + 1);
      case BM25 -> bm25Idf(df, n) * saturated(tf, length, avgLength);
      case BM25_IDF2 -> {
        double idf = bm25Idf(df, n);
        yield idf * idf * saturated(tf, length, avgLength);
      }
    };
  }

  private static double bm25Idf(int df, int n) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private static double saturated(double tf, int length, double avgLength) {
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / Math.max(avgLength, 1e-9)));
  }

  /**
   * The lower-case name used on command lines and in configuration ({@code "log-plays"}).
   *
   * @return the label, e.g. {@code "bm25-idf2"} for {@link #BM25_IDF2}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The weighting of a label ({@code "tfidf"}, {@code "bm25"}, {@code "bm25-idf2"}, {@code "log-plays"},
   * {@code "binary"}).
   *
   * @param label a label as returned by {@link #label()}, case-sensitive
   * @return the weighting with that label
   * @throws IllegalArgumentException naming the known labels
   */
  public static ItemWeighting parse(String label) {
    for (ItemWeighting w : values()) {
      if (w.label().equals(label)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown item weighting '" + label + "'; expected one of binary, log-plays, tfidf, bm25, bm25-idf2");
  }
}
