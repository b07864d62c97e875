package dev.recsys.core.synth;

import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.Artist;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Builds a {@link SyntheticWorld}. Every artist, track and listener draws from its own random stream derived
 * from the seed and its index ({@link Rand#stream}), so the result does not depend on the number of threads.
 */
final class WorldGenerator {
  private static final long S_ARTIST = 1;
  private static final long S_TRACK = 2;
  private static final long S_LISTENER = 3;
  private static final long K_TRACK_ID = 0x5EED_0001L;
  private static final long K_ARTIST_ID = 0x5EED_0002L;
  private static final long K_ALBUM_ID = 0x5EED_0003L;

  // artist style offsets (logit units unless noted)
  private static final int ST_ENERGY = 0;
  private static final int ST_DANCE = 1;
  private static final int ST_VALENCE = 2;
  private static final int ST_ACOUSTIC = 3;
  private static final int ST_SPEECH = 4;
  private static final int ST_INSTR = 5;
  private static final int ST_LIVE = 6;
  private static final int ST_LOUD = 7; // dB
  private static final int ST_TEMPO = 8; // bpm
  private static final int ST_MAJOR = 9; // probability shift
  private static final int ST_DURATION = 10; // log seconds
  private static final int STYLE = 11;

  private static final int[][] KEY_PROFILES = {
      {4, 9, 2, 7, 0}, // G guitar: E A D G C
      {5, 10, 3, 8, 0}, // H horns: F Bb Eb Ab C
      {0, 7, 2, 9, 1}, // P pop: C G D A C#
      {1, 6, 8, 9, 5}, // M minor electronic: C# F# G# A F
  };

  private final SynthConfig c;
  private final long seed;
  private final int threads;
  private final List<GenreProfile> genres;
  private final int numGenres;

  WorldGenerator(SynthConfig config) {
    this.c = config;
    this.seed = config.seed();
    this.threads = config.effectiveThreads();
    this.genres = GenreProfile.builtIn().subList(0, config.genres());
    this.numGenres = genres.size();
  }

  SyntheticWorld generate() {
    // ---- artists
    int n = c.tracks();
    int numArtists = (int) Math.max(1, Math.min(n, Math.round(n / c.meanTracksPerArtist())));
    int[] artistGenre = new int[numArtists];
    double[] style = new double[numArtists * STYLE];
    double[] artistPop = new double[numArtists];
    double[] artistEra = new double[numArtists];
    int[] artistKey = new int[numArtists];
    double[] sizeWeight = new double[numArtists];
    String[] artistName = new String[numArtists];
    double[] genreCum = new double[numGenres];
    double acc = 0;
    for (int g = 0; g < numGenres; g++) {
      acc += genres.get(g).weight();
      genreCum[g] = acc;
    }
    double spread = c.artistStyleSpread();
    double sizeSigma = 0.9;
    Rand.parallel(numArtists, 1024, threads, (from, to) -> {
      for (int a = from; a < to; a++) {
        SplittableRandom r = Rand.stream(seed, S_ARTIST, a);
        int g = Rand.pickCumulative(r, genreCum, 0, numGenres);
        GenreProfile gp = genres.get(g);
        artistGenre[a] = g;
        int o = a * STYLE;
        for (int s = 0; s < ST_LOUD; s++) {
          style[o + s] = spread * r.nextGaussian();
        }
        style[o + ST_LOUD] = 3.0 * spread * r.nextGaussian();
        style[o + ST_TEMPO] = 0.6 * gp.tempoSd() * r.nextGaussian();
        style[o + ST_MAJOR] = 0.25 * spread * r.nextGaussian();
        style[o + ST_DURATION] = 0.4 * spread * r.nextGaussian();
        artistPop[a] = 0.8 * r.nextGaussian();
        artistEra[a] = gp.eraYear() + gp.eraSd() * r.nextGaussian();
        int[] keys = keyProfile(gp.keyProfile());
        artistKey[a] = keys == null ? r.nextInt(12) : keys[r.nextInt(keys.length)];
        sizeWeight[a] = Math.exp(sizeSigma * r.nextGaussian());
        artistName[a] = Names.artistName(r);
      }
    });
    dedupe(artistName);
    // track counts per artist: at least one each, the rest in proportion to a lognormal weight
    int[] count = new int[numArtists];
    double wsum = 0;
    for (double w : sizeWeight) {
      wsum += w;
    }
    long assigned = 0;
    int rest = n - numArtists;
    for (int a = 0; a < numArtists; a++) {
      count[a] = 1 + (int) Math.floor(rest * sizeWeight[a] / wsum);
      assigned += count[a];
    }
    for (int a = 0; assigned < n; a = (a + 1) % numArtists) {
      count[a]++;
      assigned++;
    }
    int[] offset = new int[numArtists + 1];
    for (int a = 0; a < numArtists; a++) {
      offset[a + 1] = offset[a] + count[a];
    }
    // artists by genre, for featured credits
    int[][] artistsOfGenre = groupBy(artistGenre, numGenres);
    String[] artistIds = new String[numArtists];
    ArtistRef[] artistRefs = new ArtistRef[numArtists];
    List<List<String>> genreLists = new ArrayList<>();
    for (GenreProfile gp : genres) {
      genreLists.add(List.of(gp.name()));
    }
    for (int a = 0; a < numArtists; a++) {
      artistIds[a] = Rand.id22(seed ^ K_ARTIST_ID, a);
      artistRefs[a] = new ArtistRef(Optional.of(artistIds[a]), artistName[a]);
    }

    // ---- tracks
    Track[] tracks = new Track[n];
    int[] trackGenre = new int[n];
    int[] trackArtist = new int[n];
    float[] energy = new float[n];
    int[] durationMs = new int[n];
    float[] popLatent = new float[n];
    double ts = c.trackSpread();
    Rand.parallel(numArtists, 256, threads, (from, to) -> {
      double[] vals = new double[AudioFeature.values().length];
      for (int a = from; a < to; a++) {
        SplittableRandom ar = Rand.stream(seed, S_ARTIST + 100, a);
        int g = artistGenre[a];
        GenreProfile gp = genres.get(g);
        int cnt = count[a];
        // albums: singles and full-length records, years along the career
        int t = offset[a];
        int end = t + cnt;
        int albumNo = 0;
        double gap = 1 + 2 * ar.nextDouble();
        int numAlbumsGuess = Math.max(1, cnt / 8);
        double year = artistEra[a] - gap * numAlbumsGuess / 2.0;
        while (t < end) {
          int size = ar.nextDouble() < 0.3 ? 1 : 6 + ar.nextInt(9);
          size = Math.min(size, end - t);
          int albumYear = (int) Rand.clamp(Math.round(year), 1950, 2025);
          AlbumRef album = new AlbumRef(Optional.of(Rand.id22(seed ^ K_ALBUM_ID, ((long) a << 26) | albumNo)),
              Optional.of(Names.albumName(ar)));
          ReleaseDate date = ReleaseDate.ofYear(albumYear);
          for (int k = 0; k < size; k++, t++) {
            tracks[t] = track(t, a, g, gp, album, date, vals, artistRefs, artistsOfGenre[g], ts, style, artistPop,
                artistKey, genreLists.get(g), energy, durationMs, popLatent);
            trackGenre[t] = g;
            trackArtist[t] = a;
          }
          albumNo++;
          year += gap * (0.5 + ar.nextDouble());
        }
      }
    });
    Catalog catalog = Catalog.of(Arrays.asList(tracks));
    List<Artist> artists = new ArrayList<>(numArtists);
    for (int a = 0; a < numArtists; a++) {
      artists.add(new Artist(artistIds[a], artistName[a], genreLists.get(artistGenre[a]),
          OptionalInt.of((int) Rand.clamp(Math.round(22 * Math.exp(0.55 * artistPop[a] * 1.25)), 0, 100))));
    }

    // ---- listeners
    int numListeners = c.listeners();
    ListenerModel model = numListeners == 0 ? null
        : new ListenerModel(c, genres, trackGenre, energy, durationMs, popLatent);
    ListenerModel.Result[] results = new ListenerModel.Result[numListeners];
    Rand.parallel(numListeners, 64, threads, (from, to) -> {
      for (int l = from; l < to; l++) {
        results[l] = model.simulate(Rand.stream(seed, S_LISTENER, l));
      }
    });
    long totalEvents = 0;
    for (ListenerModel.Result r : results) {
      totalEvents += r.size();
    }
    if (totalEvents > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the configuration yields " + totalEvents
          + " listening events, more than an int can index; lower listeners or meanSessionsPerListener");
    }
    int m = (int) totalEvents;
    int[] evListener = new int[m];
    int[] evTrack = new int[m];
    long[] evTime = new long[m];
    int[] evMs = new int[m];
    byte[] evFlags = new byte[m];
    float[] taste = new float[numListeners * numGenres];
    BehaviourType[] behaviour = new BehaviourType[numListeners];
    int[] dominant = new int[numListeners];
    List<Listener> listeners = new ArrayList<>(numListeners);
    List<Playlist> playlists = new ArrayList<>();
    int at = 0;
    for (int l = 0; l < numListeners; l++) {
      ListenerModel.Result r = results[l];
      results[l] = null;
      int k = r.size();
      Arrays.fill(evListener, at, at + k, l);
      System.arraycopy(r.tracks(), 0, evTrack, at, k);
      System.arraycopy(r.times(), 0, evTime, at, k);
      System.arraycopy(r.msPlayed(), 0, evMs, at, k);
      System.arraycopy(r.flags(), 0, evFlags, at, k);
      at += k;
      System.arraycopy(r.taste(), 0, taste, l * numGenres, numGenres);
      behaviour[l] = r.behaviour();
      dominant[l] = r.dominantGenre();
      String id = SyntheticWorld.listenerId(l);
      Map<String, String> attrs = new HashMap<>();
      attrs.put(SyntheticWorld.ATTR_BEHAVIOUR, r.behaviour().label());
      attrs.put(SyntheticWorld.ATTR_DOMINANT_GENRE, genres.get(r.dominantGenre()).name());
      attrs.put(SyntheticWorld.ATTR_HOME_FAMILY, r.homeFamily());
      attrs.putAll(Demographics.draw(seed, l, r.taste(), r.behaviour(), r.homeFamily(), genres));
      listeners.add(new Listener(id, Optional.of("Listener " + l), attrs));
      for (ListenerModel.PlaylistDraft p : r.playlists()) {
        List<String> ids = new ArrayList<>(p.tracks().length);
        for (int ti : p.tracks()) {
          ids.add(tracks[ti].id());
        }
        int pid = playlists.size();
        playlists.add(new Playlist(Integer.toString(pid), Optional.of(p.name()), Optional.of(id), ids,
            List.of(genres.get(p.genre()).name())));
      }
    }
    return new SyntheticWorld(c, genres, catalog, artists, listeners, playlists, trackGenre, trackArtist,
        artistGenre, taste, behaviour, dominant, evListener, evTrack, evTime, evMs, evFlags);
  }

  private Track track(int t, int a, int g, GenreProfile gp, AlbumRef album, ReleaseDate date, double[] v,
      ArtistRef[] refs, int[] sameGenre, double ts, double[] style, double[] artistPop, int[] artistKey,
      List<String> genreList, float[] energyOut, int[] durationOut, float[] popOut) {
    SplittableRandom r = Rand.stream(seed, S_TRACK, t);
    int o = a * STYLE;
    double z = r.nextGaussian(); // shared intensity: drives energy and loudness up, acousticness down
    double energy = Rand.logistic(Rand.logit(gp.energy()) + style[o + ST_ENERGY] + 0.55 * z + ts * r.nextGaussian());
    double loudness = Rand.clamp(-27 + 22 * energy + style[o + ST_LOUD] + 1.5 * r.nextGaussian(), -60, 3);
    double acoustic = Rand.logistic(Rand.logit(gp.acousticness()) + style[o + ST_ACOUSTIC] - 0.9 * z
        + ts * r.nextGaussian());
    double dance = Rand.logistic(Rand.logit(gp.danceability()) + style[o + ST_DANCE] + 0.15 * z
        + 0.7 * ts * r.nextGaussian());
    boolean major = r.nextDouble() < Rand.clamp(gp.majorShare() + style[o + ST_MAJOR], 0.02, 0.98);
    double valence = Rand.logistic(Rand.logit(gp.valence()) + style[o + ST_VALENCE] + 0.3 * z + (major ? 0.15 : -0.15)
        + ts * r.nextGaussian());
    double speech = Rand.logistic(Rand.logit(gp.speechiness()) + style[o + ST_SPEECH] + ts * r.nextGaussian());
    double pInstr = Rand.logistic(Rand.logit(Rand.clamp(gp.instrumentalShare(), 0.005, 0.995)) + 2 * style[o + ST_INSTR]);
    double instr = r.nextDouble() < pInstr
        ? Rand.logistic(1.4 + 0.8 * r.nextGaussian())
        : Rand.logistic(-5.3 + 1.2 * r.nextGaussian());
    double live = r.nextDouble() < 0.04
        ? 0.7 + 0.29 * r.nextDouble()
        : Rand.logistic(Rand.logit(gp.liveness()) + 0.5 * style[o + ST_LIVE] + 0.6 * r.nextGaussian());
    double tempo = gp.tempo() + style[o + ST_TEMPO] + 0.6 * gp.tempoSd() * r.nextGaussian();
    if (r.nextDouble() < 0.06) { // beat trackers' octave errors
      tempo = tempo < 110 ? tempo * 2 : tempo / 2;
    }
    tempo = Rand.clamp(tempo, 45, 245);
    int key;
    if (r.nextDouble() < 0.3) {
      key = artistKey[a];
    } else {
      int[] keys = keyProfile(gp.keyProfile());
      key = keys == null || r.nextDouble() < 0.35 ? r.nextInt(12) : keys[r.nextInt(keys.length)];
    }
    double u = r.nextDouble();
    int meter = u < gp.tripleMeterShare() ? 3 : (u < gp.tripleMeterShare() + 0.01 ? 5 : (u > 0.997 ? 1 : 4));
    double seconds = Rand.clamp(Math.exp(Math.log(gp.durationSeconds()) + style[o + ST_DURATION] + 0.25 * r.nextGaussian()),
        30, 1800);
    int ms = (int) Math.round(seconds * 1000);
    boolean explicit = r.nextDouble() < Rand.clamp(gp.explicitShare() * (1 + 4 * (speech - gp.speechiness())), 0, 1);
    double latent = artistPop[a] + 0.6 * r.nextGaussian();
    int popularity = (int) Rand.clamp(Math.round(22 * Math.exp(0.55 * latent)), 0, 100);

    v[AudioFeature.DANCEABILITY.ordinal()] = Rand.round(dance, 1e4);
    v[AudioFeature.ENERGY.ordinal()] = Rand.round(energy, 1e4);
    v[AudioFeature.KEY.ordinal()] = key;
    v[AudioFeature.LOUDNESS.ordinal()] = Rand.round(loudness, 1e3);
    v[AudioFeature.MODE.ordinal()] = major ? 1 : 0;
    v[AudioFeature.SPEECHINESS.ordinal()] = Rand.round(speech, 1e4);
    v[AudioFeature.ACOUSTICNESS.ordinal()] = Rand.round(acoustic, 1e5);
    v[AudioFeature.INSTRUMENTALNESS.ordinal()] = Rand.round(instr, 1e6);
    v[AudioFeature.LIVENESS.ordinal()] = Rand.round(live, 1e4);
    v[AudioFeature.VALENCE.ordinal()] = Rand.round(valence, 1e4);
    v[AudioFeature.TEMPO.ordinal()] = Rand.round(tempo, 1e3);
    v[AudioFeature.TIME_SIGNATURE.ordinal()] = meter;
    if (c.missingRate() > 0 && r.nextDouble() < c.missingRate()) {
      v[r.nextInt(v.length)] = Double.NaN;
    }
    energyOut[t] = (float) v[AudioFeature.ENERGY.ordinal()];
    durationOut[t] = ms;
    popOut[t] = (float) latent;

    String title = Names.trackTitle(r);
    List<ArtistRef> credits;
    if (sameGenre.length > 1 && r.nextDouble() < c.featuredArtistShare()) {
      int other = sameGenre[r.nextInt(sameGenre.length)];
      credits = other == a ? List.of(refs[a]) : List.of(refs[a], refs[other]);
    } else {
      credits = List.of(refs[a]);
    }
    return new Track(Rand.id22(seed ^ K_TRACK_ID, t), Optional.of(title), credits, Optional.of(album),
        Optional.of(date), java.util.OptionalLong.of(ms), OptionalInt.of(popularity), Optional.of(explicit), genreList,
        AudioFeatures.of(v));
  }

  static int[] keyProfile(char p) {
    return switch (p) {
      case 'G' -> KEY_PROFILES[0];
      case 'H' -> KEY_PROFILES[1];
      case 'P' -> KEY_PROFILES[2];
      case 'M' -> KEY_PROFILES[3];
      default -> null;
    };
  }

  /** Items grouped by label, each group in ascending order. */
  static int[][] groupBy(int[] label, int labels) {
    int[] sizes = new int[labels];
    for (int x : label) {
      sizes[x]++;
    }
    int[][] out = new int[labels][];
    for (int g = 0; g < labels; g++) {
      out[g] = new int[sizes[g]];
    }
    int[] fill = new int[labels];
    for (int i = 0; i < label.length; i++) {
      out[label[i]][fill[label[i]]++] = i;
    }
    return out;
  }

  private static void dedupe(String[] names) {
    Map<String, Integer> seen = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      Integer k = seen.merge(names[i], 1, Integer::sum);
      if (k > 1) {
        String candidate = names[i] + Names.suffix(k - 1);
        while (seen.containsKey(candidate)) {
          k++;
          candidate = names[i] + Names.suffix(k - 1);
        }
        seen.put(names[i], k);
        seen.put(candidate, 1);
        names[i] = candidate;
      }
    }
  }
}
