package dev.recsys.core.synth;

import java.util.SplittableRandom;

/**
 * Made-up names of tracks, artists, albums and playlists. Some contain commas, quotes and non-ASCII letters on
 * purpose, so exported files exercise quoting and UTF-8. Artist names never contain {@code ';'} (the artist
 * separator of the Kaggle schema).
 */
final class Names {
  private Names() {}

  private static final String[] ADJ = {"Blue", "Golden", "Broken", "Silent", "Electric", "Midnight", "Wild", "Lonely",
      "Burning", "Endless", "Velvet", "Crystal", "Neon", "Hollow", "Sweet", "Dark", "Bright", "Lost", "Little", "Crazy",
      "Frozen", "Secret", "Paper", "Northern", "Southern", "Restless", "Quiet", "Heavy", "Slow", "Fast", "Strange",
      "Dusty", "Faded", "Savage", "Gentle", "Early", "Last", "First", "Hidden", "Open"};
  private static final String[] NOUN = {"Heart", "River", "Night", "Sky", "Fire", "Road", "Dream", "Rain", "Moon",
      "Summer", "Shadow", "Light", "City", "Ocean", "Storm", "Love", "Memory", "Mirror", "Garden", "Highway", "Echo",
      "Thunder", "Window", "Morning", "Angel", "Ghost", "Horizon", "Island", "Desert", "Signal", "Kingdom", "Harbor",
      "Season", "Circle", "Wave", "Stone", "Flame", "Voice", "Letter", "Train", "Café", "Corazón", "Sehnsucht", "Año"};
  private static final String[] VERB = {"Running", "Falling", "Dancing", "Waiting", "Dreaming", "Chasing", "Holding",
      "Breaking", "Calling", "Leaving", "Burning", "Drifting", "Shining", "Fading", "Rolling"};
  private static final String[] FIRST = {"Anna", "Leo", "Maya", "Jonas", "Lucia", "Omar", "Nina", "Felix", "Sara",
      "Theo", "Ines", "Kofi", "Yuki", "Mateo", "Elif", "Ravi", "Zoe", "Hugo", "Amara", "Ivan", "Lena", "Diego", "Noor",
      "Oskar", "Chloé", "Björn", "Aiko", "Sofía", "Emeka", "Mira"};
  private static final String[] LAST = {"Stone", "Rivers", "Vale", "Moreno", "Okafor", "Lind", "Sato", "Kowalski",
      "Nakamura", "Haddad", "Brooks", "Fischer", "Duarte", "Novak", "Silva", "Park", "Quinn", "Weber", "Rossi",
      "Müller", "Castillo", "Mensah", "Ibarra", "Holm", "Reyes", "Björk", "O'Neil", "Achebe", "Laurent", "Varga"};
  private static final String[] BAND = {"Wolves", "Tides", "Machines", "Lovers", "Kids", "Saints", "Engines",
      "Horses", "Ghosts", "Echoes", "Strangers", "Planets", "Riders", "Foxes", "Satellites", "Sisters", "Brothers",
      "Pilots", "Poets", "Comets"};
  private static final String[] PLAYLIST_MOOD = {"Chill", "Workout", "Late Night", "Morning", "Road Trip", "Focus",
      "Party", "Rainy Day", "Sunday", "Throwback"};

  private static String pick(SplittableRandom r, String[] words) {
    return words[r.nextInt(words.length)];
  }

  static String trackTitle(SplittableRandom r) {
    double u = r.nextDouble();
    String t;
    if (u < 0.30) {
      t = pick(r, ADJ) + " " + pick(r, NOUN);
    } else if (u < 0.45) {
      t = pick(r, NOUN);
    } else if (u < 0.60) {
      t = pick(r, NOUN) + " of " + pick(r, NOUN);
    } else if (u < 0.75) {
      t = pick(r, VERB) + " " + pick(r, NOUN);
    } else if (u < 0.85) {
      t = pick(r, VERB);
    } else if (u < 0.95) {
      t = "The " + pick(r, ADJ) + " " + pick(r, NOUN);
    } else {
      t = pick(r, NOUN) + ", " + pick(r, NOUN); // a comma, to exercise CSV quoting
    }
    if (r.nextDouble() < 0.01) {
      t = t + " (\"" + pick(r, ADJ) + "\" Version)"; // quotes, to exercise CSV escaping
    } else if (r.nextDouble() < 0.03) {
      t = t + " - Live";
    }
    return t;
  }

  static String artistName(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.45) {
      return pick(r, FIRST) + " " + pick(r, LAST);
    } else if (u < 0.75) {
      return "The " + pick(r, ADJ) + " " + pick(r, BAND);
    } else if (u < 0.9) {
      return pick(r, ADJ) + " " + pick(r, NOUN);
    }
    return pick(r, FIRST) + " & the " + pick(r, BAND);
  }

  static String albumName(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.4) {
      return pick(r, ADJ) + " " + pick(r, NOUN) + "s";
    } else if (u < 0.7) {
      return pick(r, NOUN);
    } else if (u < 0.9) {
      return "The " + pick(r, NOUN) + " Sessions";
    }
    return pick(r, NOUN) + ", Vol. " + (1 + r.nextInt(4));
  }

  static String playlistName(SplittableRandom r, String genre) {
    double u = r.nextDouble();
    if (u < 0.4) {
      return pick(r, PLAYLIST_MOOD) + " " + genre;
    } else if (u < 0.7) {
      return "my " + genre + " mix";
    } else if (u < 0.85) {
      return genre + " " + pick(r, NOUN).toLowerCase(java.util.Locale.ROOT) + "s";
    }
    return pick(r, PLAYLIST_MOOD);
  }

  /** A disambiguating suffix for the {@code n}-th repeat of a name. */
  static String suffix(int n) {
    return " " + toRoman(n + 1);
  }

  private static String toRoman(int n) {
    if (n > 3999) {
      return Integer.toString(n);
    }
    int[] v = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    String[] s = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      while (n >= v[i]) {
        b.append(s[i]);
        n -= v[i];
      }
    }
    return b.toString();
  }
}
