package dev.recsys.graph.simulation;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated music world for simulations and tests: a catalogue whose tracks fall in clusters (genres), with
 * artists inside clusters, keys, modes and tempos, and track vectors that place a cluster's tracks (and an artist's
 * tracks even more) close together. Same seed, same world.
 *
 * @param catalog the tracks; track {@code i} has id {@code t<i>}, genre {@code cluster-<c>} and artist
 *     {@code artist-<a>}
 * @param vectors one vector per track, in catalogue order
 * @param clusters the cluster of each track
 * @param clusterCount number of clusters
 */
public record SyntheticWorld(Catalog catalog, TrackVectors vectors, int[] clusters, int clusterCount) {

  /**
   * Generates a world.
   *
   * @param tracks number of tracks, in [1, 10000000]
   * @param clusterCount number of clusters, in [1, 10000]
   * @param tracksPerArtist mean tracks per artist, in [1, 1000]
   * @param dimension vector dimension, in [2, 4096]
   * @param seed the seed
   * @return the {@code SyntheticWorld}
   */
  public static SyntheticWorld generate(int tracks, int clusterCount, int tracksPerArtist, int dimension, long seed) {
    Checks.inRange("tracks", tracks, 1, 10_000_000);
    Checks.inRange("clusterCount", clusterCount, 1, 10_000);
    Checks.inRange("tracksPerArtist", tracksPerArtist, 1, 1000);
    Checks.inRange("dimension", dimension, 2, 4096);
    SplittableRandom rnd = new SplittableRandom(seed).split();
    float[][] centres = new float[clusterCount][dimension];
    double[] tempoMean = new double[clusterCount];
    int[] clusterKey = new int[clusterCount];
    for (int c = 0; c < clusterCount; c++) {
      for (int d = 0; d < dimension; d++) {
        centres[c][d] = (float) gaussian(rnd);
      }
      tempoMean[c] = 80 + rnd.nextDouble() * 80;
      clusterKey[c] = rnd.nextInt(12);
    }
    List<Track> list = new ArrayList<>(tracks);
    float[] data = new float[tracks * dimension];
    int[] clusters = new int[tracks];
    List<Metadata> meta = new ArrayList<>(tracks);
    List<String> ids = new ArrayList<>(tracks);
    int artists = Math.max(1, tracks / tracksPerArtist);
    float[][] artistOffset = new float[artists][];
    int[] artistCluster = new int[artists];
    for (int a = 0; a < artists; a++) {
      artistCluster[a] = rnd.nextInt(clusterCount);
    }
    for (int i = 0; i < tracks; i++) {
      int a = rnd.nextInt(artists);
      int c = artistCluster[a];
      clusters[i] = c;
      if (artistOffset[a] == null) {
        artistOffset[a] = new float[dimension];
        for (int d = 0; d < dimension; d++) {
          artistOffset[a][d] = (float) (0.6 * gaussian(rnd));
        }
      }
      for (int d = 0; d < dimension; d++) {
        data[i * dimension + d] = centres[c][d] + artistOffset[a][d] + (float) (0.6 * gaussian(rnd));
      }
      int key = rnd.nextDouble() < 0.4 ? clusterKey[c] : rnd.nextInt(12);
      boolean missingKey = rnd.nextDouble() < 0.03;
      double tempo = Math.max(40, Math.min(220, tempoMean[c] + 12 * gaussian(rnd)));
      AudioFeatures audio = AudioFeatures.builder()
          .set(AudioFeature.KEY, missingKey ? Double.NaN : key)
          .set(AudioFeature.MODE, missingKey ? Double.NaN : rnd.nextInt(2))
          .set(AudioFeature.TEMPO, Math.rint(tempo * 10) / 10)
          .set(AudioFeature.ENERGY, rnd.nextDouble())
          .build();
      String id = "t" + i;
      String genre = "cluster-" + c;
      String artist = "artist-" + a;
      list.add(Track.builder(id).title("Track " + i).artists(List.of(ArtistRef.named(artist))).genres(List.of(genre))
          .audio(audio).build());
      ids.add(id);
      meta.add(Metadata.builder().put("title", "Track " + i).put("artist", artist).put("genre", genre).build());
    }
    return new SyntheticWorld(Catalog.of(list), new TrackVectors(ids, dimension, data, meta), clusters, clusterCount);
  }

  static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public String toString() {
    return "SyntheticWorld[tracks=" + catalog.size() + ", clusters=" + clusterCount + ", dimension=" + vectors.dimension() + "]";
  }
}
