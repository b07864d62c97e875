package dev.recsys.core.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws a listener's age, age band, country and gender from the listener's hidden taste, on a random stream of
 * its own ({@link Rand#stream} kind {@value #STREAM}), after everything else about the listener: no other draw of the
 * world changes, and the attributes carry a known amount of information about taste.
 *
 * <ul>
 *   <li>Age: normal with mean {@code 22 + 0.6 (2018 - E)} years, where {@code E} is the taste-weighted mean era
 *       ({@link GenreProfile#eraYear()}) of the listener's genres, 4 years less for mainstream listeners and 4 more for
 *       niche ones, standard deviation 6, clamped to [13, 80]; {@link #AGE_BANDS} groups it.</li>
 *   <li>Country: with probability 0.55 the home country of the listener's home genre family ({@link
 *       #HOME_COUNTRY}), otherwise uniform over {@link #COUNTRIES}.</li>
 *   <li>Gender: {@code F} with probability {@code logistic(8 (D - 0.58))}, where {@code D} is the taste-weighted
 *       mean danceability of the listener's genres; otherwise {@code M}.</li>
 * </ul>
 */
final class Demographics {
  /** The stream kind (artists 1, tracks 2, listeners 3). */
  static final long STREAM = 4;
  /** Age bands: lower bounds, the last open-ended. */
  static final int[] BAND_FROM = {13, 18, 25, 35, 45, 55};
  /** Age band labels aligned with {@link #BAND_FROM}. */
  static final List<String> AGE_BANDS = List.of("13-17", "18-24", "25-34", "35-44", "45-54", "55+");
  /** The countries drawn. */
  static final List<String> COUNTRIES = List.of("US", "GB", "SE", "DE", "FR", "BR", "JM", "JP");
  /** The home country of each genre family. */
  static final Map<String, String> HOME_COUNTRY = Map.of("pop", "US", "rock", "GB", "metal", "SE", "electronic",
      "DE", "urban", "US", "jazz-blues", "FR", "classical", "DE", "folk", "GB", "latin", "BR", "world", "JM");

  private Demographics() {}

  /** The attributes of a listener with the given taste, behaviour and home family. */
  static Map<String, String> draw(long seed, int listener, float[] taste, BehaviourType behaviour, String homeFamily,
      List<GenreProfile> genres) {
    SplittableRandom r = Rand.stream(seed, STREAM, listener);
    double total = 0;
    double era = 0;
    double dance = 0;
    for (int g = 0; g < taste.length; g++) {
      total += taste[g];
      era += taste[g] * genres.get(g).eraYear();
      dance += taste[g] * genres.get(g).danceability();
    }
    if (total > 0) {
      era /= total;
      dance /= total;
    } else {
      era = 2005;
      dance = 0.58;
    }
    double shift = switch (behaviour) {
      case MAINSTREAM -> -4;
      case NICHE -> 4;
      default -> 0;
    };
    int age = (int) Rand.clamp(Math.round(22 + 0.6 * (2018 - era) + shift + 6 * r.nextGaussian()), 13, 80);
    String home = HOME_COUNTRY.getOrDefault(homeFamily, COUNTRIES.get(0));
    String country = r.nextDouble() < 0.55 ? home : COUNTRIES.get(r.nextInt(COUNTRIES.size()));
    String gender = r.nextDouble() < Rand.logistic(8 * (dance - 0.58)) ? "F" : "M";
    Map<String, String> out = new LinkedHashMap<>();
    out.put(SyntheticWorld.ATTR_AGE, Integer.toString(age));
    out.put(SyntheticWorld.ATTR_AGE_BAND, band(age));
    out.put(SyntheticWorld.ATTR_COUNTRY, country);
    out.put(SyntheticWorld.ATTR_GENDER, gender);
    return out;
  }

  /** The band of an age. */
  static String band(int age) {
    int b = 0;
    while (b + 1 < BAND_FROM.length && age >= BAND_FROM[b + 1]) {
      b++;
    }
    return AGE_BANDS.get(b);
  }
}
