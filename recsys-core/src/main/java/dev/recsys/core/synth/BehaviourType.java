package dev.recsys.core.synth;

import java.util.Locale;

/**
 * How a synthetic listener behaves. Each type fixes the parameters of the listening model; they are part of
 * the world's hidden truth (a listener's {@code behaviour} attribute).
 *
 * <p>Realised skip rates follow the order of {@link #baseSkipRate} plus the effect of off-taste plays:
 * {@code LOYALIST < NICHE < MAINSTREAM < GENRE_HOPPER < EXPLORER}. With the default configuration, seed 7,
 * 100,000 tracks and 5,000 listeners they are 0.154, 0.229, 0.262, 0.317 and 0.499. Close neighbours (niche and
 * mainstream) can swap in small worlds; the loyalist is always lowest and the explorer highest.
 */
public enum BehaviourType {
  /** Broad taste, often plays genres outside it, rarely repeats, skips most. */
  EXPLORER(0.26, 0.05, 0.25, 0.30, 0.2, 15.0, 3.0),
  /** Concentrated taste in one genre family, repeats favourites, skips least. */
  LOYALIST(0.07, 0.45, 0.02, 0.05, 0.6, 1.0, 6.0),
  /** Three to five genres from different families, switches between them inside sessions. */
  GENRE_HOPPER(0.19, 0.10, 0.05, 0.50, 0.5, 0.0, 1.0),
  /** Taste tilted to the big genres and to popular tracks. */
  MAINSTREAM(0.13, 0.20, 0.04, 0.15, 1.2, 3.0, 6.0),
  /** Taste tilted to the small genres and to obscure tracks. */
  NICHE(0.10, 0.25, 0.03, 0.10, -0.3, 2.0, 6.0);

  private final double baseSkipRate;
  private final double repeatRate;
  private final double offTasteRate;
  private final double genreSwitchRate;
  private final double popularityExponent;
  private final double tasteConcentration;
  private final double homeFamilyBoost;

  BehaviourType(double baseSkipRate, double repeatRate, double offTasteRate, double genreSwitchRate,
      double popularityExponent, double tasteConcentration, double homeFamilyBoost) {
    this.baseSkipRate = baseSkipRate;
    this.repeatRate = repeatRate;
    this.offTasteRate = offTasteRate;
    this.genreSwitchRate = genreSwitchRate;
    this.popularityExponent = popularityExponent;
    this.tasteConcentration = tasteConcentration;
    this.homeFamilyBoost = homeFamilyBoost;
  }

  /**
   * Probability of a skip for a perfectly fitting track at the right energy for the hour.
   *
   * @return the probability of a skip for a perfectly fitting track at the right energy for the hour
   */
  public double baseSkipRate() {
    return baseSkipRate;
  }

  /**
   * Probability that a play replays a track from the listener's recent history.
   *
   * @return the probability that a play replays a track from the listener's recent history
   */
  public double repeatRate() {
    return repeatRate;
  }

  /**
   * Probability that a play comes from a genre drawn uniformly, ignoring taste.
   *
   * @return the probability that a play comes from a genre drawn uniformly, ignoring taste
   */
  public double offTasteRate() {
    return offTasteRate;
  }

  /**
   * Probability that the session's current genre is redrawn from the taste before a play.
   *
   * @return the probability that the session's current genre is redrawn from the taste before a play
   */
  public double genreSwitchRate() {
    return genreSwitchRate;
  }

  /**
   * Exponent on a track's popularity weight when choosing tracks inside a genre: above 1 favours hits, below
   * 0 favours obscure tracks.
   *
   * @return the exponent on a track's popularity weight when choosing tracks inside a genre
   */
  public double popularityExponent() {
    return popularityExponent;
  }

  /**
   * Total Dirichlet concentration of the taste mixture (small = few genres); 0 for the hopper's own scheme.
   *
   * @return the total Dirichlet concentration of the taste mixture (small = few genres)
   */
  public double tasteConcentration() {
    return tasteConcentration;
  }

  /**
   * Factor on the Dirichlet base measure of the genres in the listener's home family.
   *
   * @return the factor on the Dirichlet base measure of the genres in the listener's home family
   */
  public double homeFamilyBoost() {
    return homeFamilyBoost;
  }

  /**
   * The lower-case label used in files and attributes ({@code genre-hopper}).
   *
   * @return the lower-case label used in files and attributes ({@code genre-hopper})
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a {@link #label()} (or the constant name), ignoring case.
   *
   * @param label the label
   * @return the {@code BehaviourType}
   */
  public static BehaviourType fromLabel(String label) {
    for (BehaviourType b : values()) {
      if (b.label().equalsIgnoreCase(label) || b.name().equalsIgnoreCase(label)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown behaviour type '" + label + "'; known: "
        + java.util.Arrays.stream(values()).map(BehaviourType::label).toList());
  }
}
