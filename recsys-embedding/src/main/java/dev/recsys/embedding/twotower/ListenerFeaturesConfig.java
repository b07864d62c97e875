package dev.recsys.embedding.twotower;

import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Objects;

/**
 * Which listener attributes and engineered listener features the hybrid recommender's listener tower takes
 * ({@link HybridConfig#listenerFeatures()}); each is switched on its own. Immutable; validated on construction.
 *
 * <ul>
 *   <li>{@code attributes}: the listeners' {@link dev.recsys.core.model.Listener#attributes()} (from a
 *       {@code listeners:FILE} side file, MovieLens {@code u.user}, the synthetic world). An attribute whose every
 *       value among the training listeners is a finite number is numeric: standardised, with a missing flag, in a
 *       dense input; any other is categorical: an embedding of {@code attributeDimension} per value, one shared row
 *       for missing and unseen values.</li>
 *   <li>{@code ageGenreCross}: age band × genre, a mean-pooled embedding of the pairs (the listener's age band, a
 *       genre of the history); bands 13-17, 18-24, 25-34, 35-44, 45-54, 55+ of the numeric attribute
 *       {@code ageAttribute}.</li>
 *   <li>{@code moodQuadrants}: the shares of the history in the four energy × valence quadrants (each split at
 *       0.5: sad-calm, happy-calm, sad-energetic, happy-energetic).</li>
 *   <li>{@code preferenceDifferences}: a listener × track term added to the two-tower score, {@code -w |p - c|^2},
 *       where {@code p} is the listener's mean standardised audio features over the history and {@code c} the
 *       track's; {@code w} is chosen on the trainer's validation listeners from {@link #PREFERENCE_WEIGHTS} (0 when no
 *       weight beats the model alone). It is served exactly through the vector index: the listener vector is
 *       extended by {@code [2w p, -w]} and the track vector by {@code [c, |c|^2]}.</li>
 * </ul>
 *
 * @param attributes feed the listener attributes
 * @param ageGenreCross feed the age band × genre cross
 * @param moodQuadrants feed the energy × valence quadrant shares of the history
 * @param preferenceDifferences add the preference–track difference term to the score
 * @param include the attributes to use; empty: every attribute the listeners carry
 * @param ageAttribute the numeric attribute holding the age in years (for the cross)
 * @param attributeDimension width of each categorical attribute's embedding and of the cross, in [1, 256]
 */
public record ListenerFeaturesConfig(boolean attributes, boolean ageGenreCross, boolean moodQuadrants,
    boolean preferenceDifferences, List<String> include, String ageAttribute, int attributeDimension) {
  /** The weights of the preference–track difference term tried on validation listeners (0: the model alone). */
  public static final List<Double> PREFERENCE_WEIGHTS = List.of(0.0, 0.001, 0.003, 0.01, 0.03, 0.1);

  /** Validates and copies. */
  public ListenerFeaturesConfig {
    include = List.copyOf(Objects.requireNonNull(include, "include"));
    Checks.notBlank("ageAttribute", ageAttribute);
    Checks.inRange("attributeDimension", attributeDimension, 1, 256);
  }

  /**
   * Nothing beyond the history: the listener tower of earlier versions.
   *
   * @return every switch off
   */
  public static ListenerFeaturesConfig none() {
    return new ListenerFeaturesConfig(false, false, false, false, List.of(), "age", 8);
  }

  /**
   * Every attribute, no engineered feature.
   *
   * @return attributes on, crosses off
   */
  public static ListenerFeaturesConfig attributesOnly() {
    return none().with(true, false, false);
  }

  /**
   * Every switch on.
   *
   * @return attributes, the age band × genre cross, the mood quadrants and the preference–track differences
   */
  public static ListenerFeaturesConfig all() {
    return none().with(true, true, true).withPreferenceDifferences(true);
  }

  /**
   * A copy with the three listener-tower switches set.
   *
   * @param attributes feed the listener attributes
   * @param ageGenreCross feed the age band × genre cross
   * @param moodQuadrants feed the mood quadrant shares
   * @return the copy
   */
  public ListenerFeaturesConfig with(boolean attributes, boolean ageGenreCross, boolean moodQuadrants) {
    return new ListenerFeaturesConfig(attributes, ageGenreCross, moodQuadrants, preferenceDifferences, include,
        ageAttribute, attributeDimension);
  }

  /**
   * A copy with the preference–track difference term switched.
   *
   * @param on add the term
   * @return the copy
   */
  public ListenerFeaturesConfig withPreferenceDifferences(boolean on) {
    return new ListenerFeaturesConfig(attributes, ageGenreCross, moodQuadrants, on, include, ageAttribute,
        attributeDimension);
  }

  /**
   * Whether the listener tower takes anything beyond the history.
   *
   * @return whether attributes, the cross or the mood quadrants are on
   */
  public boolean towerInputs() {
    return attributes || ageGenreCross || moodQuadrants;
  }
}
