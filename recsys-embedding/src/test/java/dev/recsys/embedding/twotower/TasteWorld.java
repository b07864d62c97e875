package dev.recsys.embedding.twotower;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small generated world for tests: tracks in genres with genre-typical audio features, listeners with one
 * favourite genre who mostly play its tracks (popular ones more often). The last {@code testPerUser} plays of each
 * listener are the test part.
 */
final class TasteWorld {
  static final int GENRES = 5;
  final Catalog catalog;
  final Interactions all;
  final Interactions train;
  final List<List<String>> test = new ArrayList<>();
  final List<String> testUsers = new ArrayList<>();
  final int[] favourite;

  TasteWorld(int tracksPerGenre, int users, int playsPerUser, int testPerUser, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Track> tracks = new ArrayList<>();
    for (int g = 0; g < GENRES; g++) {
      for (int i = 0; i < tracksPerGenre; i++) {
        double[] audio = new double[12];
        for (int f = 0; f < 12; f++) {
          audio[f] = clamp(0.15 + 0.15 * ((g + f) % GENRES) + 0.05 * r.nextGaussian());
        }
        audio[2] = (g * 2 + i) % 12; // key
        audio[3] = -20 + 3 * g + r.nextGaussian(); // loudness
        audio[4] = (i % 2); // mode
        audio[10] = 80 + 20 * g + 5 * r.nextGaussian(); // tempo
        audio[11] = 4; // time signature
        tracks.add(Track.builder("t" + g + "-" + i).title("Track " + g + "-" + i)
            .artists(List.of(ArtistRef.named("artist" + g + "-" + (i / 6))))
            .genres(List.of("genre" + g)).releaseDate(ReleaseDate.ofYear(1980 + 8 * g + r.nextInt(8)))
            .audio(AudioFeatures.of(audio)).build());
      }
    }
    catalog = Catalog.of(tracks);
    favourite = new int[users];
    Interactions.Builder b = Interactions.builder();
    Interactions.Builder tr = Interactions.builder();
    for (int u = 0; u < users; u++) {
      favourite[u] = u % GENRES;
      List<String> mine = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (mine.size() < playsPerUser) {
        int g = r.nextDouble() < 0.85 ? favourite[u] : r.nextInt(GENRES);
        int i = (int) Math.min(tracksPerGenre - 1, Math.floor(tracksPerGenre * Math.pow(r.nextDouble(), 2)));
        String id = "t" + g + "-" + i;
        if (seen.add(id)) {
          mine.add(id);
        }
      }
      for (int p = 0; p < mine.size(); p++) {
        b.add("u" + u, mine.get(p), 1, 1000L * p, false);
        if (p < mine.size() - testPerUser) {
          tr.add("u" + u, mine.get(p), 1, 1000L * p, false);
        }
      }
      testUsers.add("u" + u);
      test.add(mine.subList(mine.size() - testPerUser, mine.size()));
    }
    all = b.build();
    train = tr.build();
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
