package dev.recsys.core.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The listening model: draws a listener's behaviour type and taste, then simulates sessions (time of day,
 * genre choice, popularity-weighted track choice, repeats, skips) and the playlists the listener builds.
 * Immutable after construction and safe to share between threads; each call uses the random stream it is given.
 *
 * <p>Skip probability of a play: {@code baseSkipRate(type) + 0.35 * (1 - fit) + 0.3 * |energy - target(hour)|},
 * times 0.6 for a repeat, clamped to [0.01, 0.95]; {@code fit} is the taste weight of the track's genre divided
 * by the listener's largest taste weight, and {@code target(hour)} is the energy the hour calls for (0.35 at
 * night, 0.55 in the morning, 0.68 in the day, 0.6 in the evening, 0.42 late in the evening).
 */
final class ListenerModel {
  static final byte SKIPPED = 1;
  static final byte LIKED = 2;
  static final byte REPEAT = 4;

  private final SynthConfig c;
  private final List<GenreProfile> genres;
  private final int numGenres;
  private final int[] family;
  private final int numFamilies;
  private final List<String> familyNames;
  private final int[] trackGenre;
  private final float[] energy;
  private final int[] durationMs;
  private final int[][] tracksOfGenre;
  private final int[] nonEmptyGenres;
  /** Per behaviour type ordinal, per genre: cumulative popularity weights over {@code tracksOfGenre[g]}. */
  private final double[][][] pickCum;
  private final double[] behaviourCum;

  ListenerModel(SynthConfig c, List<GenreProfile> genres, int[] trackGenre, float[] energy, int[] durationMs,
      float[] popLatent) {
    this.c = c;
    this.genres = genres;
    this.numGenres = genres.size();
    this.trackGenre = trackGenre;
    this.energy = energy;
    this.durationMs = durationMs;
    List<String> fams = new ArrayList<>();
    family = new int[numGenres];
    for (int g = 0; g < numGenres; g++) {
      String f = genres.get(g).family();
      int i = fams.indexOf(f);
      if (i < 0) {
        fams.add(f);
        i = fams.size() - 1;
      }
      family[g] = i;
    }
    familyNames = List.copyOf(fams);
    numFamilies = fams.size();
    tracksOfGenre = WorldGenerator.groupBy(trackGenre, numGenres);
    nonEmptyGenres = java.util.stream.IntStream.range(0, numGenres).filter(g -> tracksOfGenre[g].length > 0).toArray();
    BehaviourType[] types = BehaviourType.values();
    pickCum = new double[types.length][numGenres][];
    int tasks = types.length * numGenres;
    Rand.parallel(tasks, 8, c.effectiveThreads(), (from, to) -> {
      for (int task = from; task < to; task++) {
        int b = task / numGenres;
        int g = task % numGenres;
        double e = 1.6 * types[b].popularityExponent();
        int[] ts = tracksOfGenre[g];
        double[] cum = new double[ts.length];
        double acc = 0;
        for (int i = 0; i < ts.length; i++) {
          acc += Math.exp(e * popLatent[ts[i]]);
          cum[i] = acc;
        }
        pickCum[b][g] = cum;
      }
    });
    behaviourCum = new double[types.length];
    double acc = 0;
    for (BehaviourType b : types) {
      acc += c.share(b);
      behaviourCum[b.ordinal()] = acc;
    }
  }

  /** A listener's playlist before ids are assigned. */
  record PlaylistDraft(String name, int genre, int[] tracks) {}

  /** Everything drawn for one listener. */
  record Result(BehaviourType behaviour, float[] taste, int dominantGenre, String homeFamily, int size, int[] tracks,
      long[] times, int[] msPlayed, byte[] flags, List<PlaylistDraft> playlists) {}

  Result simulate(SplittableRandom r) {
    BehaviourType b = BehaviourType.values()[Rand.pickCumulative(r, behaviourCum, 0, behaviourCum.length)];
    double[] weight = new double[numGenres];
    for (int g = 0; g < numGenres; g++) {
      double w = genres.get(g).weight();
      weight[g] = switch (b) {
        case MAINSTREAM -> Math.pow(w, 1.5);
        case NICHE -> 1.0 / w;
        default -> w;
      };
    }
    // home family, drawn by the base measure
    double[] famW = new double[numFamilies];
    for (int g = 0; g < numGenres; g++) {
      famW[family[g]] += weight[g];
    }
    int home = pick(r, famW);
    double[] taste = new double[numGenres];
    if (b == BehaviourType.GENRE_HOPPER) {
      int k = Math.min(numGenres, 3 + r.nextInt(3));
      boolean[] usedFamily = new boolean[numFamilies];
      double[] avail = weight.clone();
      for (int i = 0; i < k; i++) {
        int g = pick(r, avail);
        if (g < 0) {
          break;
        }
        taste[g] = Rand.gamma(r, 4.0);
        usedFamily[family[g]] = true;
        for (int h = 0; h < numGenres; h++) {
          if (h == g || (usedFamily[family[h]] && hasUnusedFamily(usedFamily))) {
            avail[h] = 0;
          }
        }
      }
    } else {
      double total = 0;
      for (int g = 0; g < numGenres; g++) {
        if (family[g] == home) {
          weight[g] *= b.homeFamilyBoost();
        }
        total += weight[g];
      }
      for (int g = 0; g < numGenres; g++) {
        taste[g] = Rand.gamma(r, b.tasteConcentration() * weight[g] / total);
      }
    }
    double sum = 0;
    for (double t : taste) {
      sum += t;
    }
    if (!(sum > 0)) { // every gamma draw underflowed: all weight on the likeliest genre
      int best = 0;
      for (int g = 1; g < numGenres; g++) {
        if (weight[g] > weight[best]) {
          best = g;
        }
      }
      taste[best] = 1;
      sum = 1;
    }
    float[] tasteF = new float[numGenres];
    double[] tasteCum = new double[numGenres];
    double acc = 0;
    int dominant = 0;
    for (int g = 0; g < numGenres; g++) {
      tasteF[g] = (float) (taste[g] / sum);
      acc += tasteF[g];
      tasteCum[g] = acc;
      if (tasteF[g] > tasteF[dominant]) {
        dominant = g;
      }
    }
    float maxTaste = tasteF[dominant];

    // sessions
    double activity = Math.exp(0.6 * r.nextGaussian() - 0.18);
    int sessions = Rand.poisson(r, c.meanSessionsPerListener() * activity);
    long[] starts = new long[sessions];
    for (int s = 0; s < sessions; s++) {
      double u = r.nextDouble();
      double hour = u < 0.2 ? 8 + 1.2 * r.nextGaussian() : (u < 0.55 ? 13.5 + 2.5 * r.nextGaussian() : 20.5 + 2 * r.nextGaussian());
      hour = ((hour % 24) + 24) % 24;
      starts[s] = c.startEpochSecond() + 86_400L * r.nextInt(c.days()) + (long) (hour * 3600);
    }
    Arrays.sort(starts);
    int cap = Math.max(16, (int) (sessions * c.meanSessionLength() * 1.3));
    int[] tr = new int[cap];
    long[] tm = new long[cap];
    int[] ms = new int[cap];
    byte[] fl = new byte[cap];
    int n = 0;
    int[] hist = new int[64];
    int histSize = 0;
    int histPos = 0;
    long clock = Long.MIN_VALUE;
    int bi = b.ordinal();
    for (int s = 0; s < sessions; s++) {
      long time = Math.max(starts[s], clock == Long.MIN_VALUE ? starts[s] : clock + 600);
      int len = Rand.geometricAtLeastOne(r, c.meanSessionLength());
      int g = Rand.pickCumulative(r, tasteCum, 0, numGenres);
      for (int p = 0; p < len; p++) {
        double target = targetEnergy(time);
        if (r.nextDouble() < b.genreSwitchRate()) {
          g = Rand.pickCumulative(r, tasteCum, 0, numGenres);
        }
        boolean repeat = histSize > 0 && r.nextDouble() < b.repeatRate();
        int t;
        if (repeat) {
          t = hist[r.nextInt(histSize)];
        } else {
          int pg = r.nextDouble() < b.offTasteRate() ? r.nextInt(numGenres) : g;
          int t1 = pickTrack(r, bi, pg);
          int t2 = pickTrack(r, bi, pg);
          t = Math.abs(energy[t1] - target) <= Math.abs(energy[t2] - target) ? t1 : t2;
        }
        double fit = tasteF[trackGenre[t]] / maxTaste;
        double pSkip = b.baseSkipRate() + 0.35 * (1 - fit) + 0.3 * Math.abs(energy[t] - target);
        if (repeat) {
          pSkip *= 0.6;
        }
        pSkip = Rand.clamp(pSkip, 0.01, 0.95);
        boolean skipped = r.nextDouble() < pSkip;
        int dur = durationMs[t];
        int played = skipped ? Math.max(1000, (int) (dur * (0.02 + 0.33 * r.nextDouble()))) : dur;
        boolean liked = !skipped && fit > 0.5 && r.nextDouble() < 0.06;
        if (n == tr.length) {
          int nc = n * 2;
          tr = Arrays.copyOf(tr, nc);
          tm = Arrays.copyOf(tm, nc);
          ms = Arrays.copyOf(ms, nc);
          fl = Arrays.copyOf(fl, nc);
        }
        tr[n] = t;
        tm[n] = time;
        ms[n] = played;
        fl[n] = (byte) ((skipped ? SKIPPED : 0) | (liked ? LIKED : 0) | (repeat ? REPEAT : 0));
        n++;
        if (!skipped) {
          hist[histPos] = t;
          histPos = (histPos + 1) & 63;
          histSize = Math.min(64, histSize + 1);
        }
        time += played / 1000 + r.nextInt(5);
      }
      clock = time;
    }

    // playlists
    int numPlaylists = Rand.poisson(r, c.meanPlaylistsPerListener());
    List<PlaylistDraft> playlists = new ArrayList<>(numPlaylists);
    for (int k = 0; k < numPlaylists; k++) {
      int pg = Rand.pickCumulative(r, tasteCum, 0, numGenres);
      int size = (int) Rand.clamp(Math.round(Math.exp(Math.log(c.meanPlaylistSize()) + 0.6 * r.nextGaussian())), 5, 250);
      int[] heard = heardInGenre(tr, fl, n, pg);
      int[] items = new int[size];
      int m = 0;
      for (int attempt = 0; attempt < size * 4 && m < size; attempt++) {
        int t;
        if (heard.length > 0 && r.nextDouble() < 0.4) {
          t = heard[r.nextInt(heard.length)];
        } else {
          int gg = pg;
          if (r.nextDouble() < 0.15) { // a neighbour genre of the same family
            int h = r.nextInt(numGenres);
            if (family[h] == family[pg]) {
              gg = h;
            }
          }
          t = pickTrack(r, bi, gg);
        }
        if (!contains(items, m, t)) {
          items[m++] = t;
        }
      }
      playlists.add(new PlaylistDraft(Names.playlistName(r, genres.get(pg).name()), pg, Arrays.copyOf(items, m)));
    }
    return new Result(b, tasteF, dominant,
        familyNames.get(b == BehaviourType.GENRE_HOPPER ? family[dominant] : home), n, Arrays.copyOf(tr, n), Arrays.copyOf(tm, n),
        Arrays.copyOf(ms, n), Arrays.copyOf(fl, n), playlists);
  }

  private static boolean hasUnusedFamily(boolean[] used) {
    for (boolean u : used) {
      if (!u) {
        return true;
      }
    }
    return false;
  }

  private int pickTrack(SplittableRandom r, int behaviour, int genre) {
    int g = tracksOfGenre[genre].length > 0 ? genre : nonEmptyGenres[r.nextInt(nonEmptyGenres.length)];
    double[] cum = pickCum[behaviour][g];
    return tracksOfGenre[g][Rand.pickCumulative(r, cum, 0, cum.length)];
  }

  private int[] heardInGenre(int[] tr, byte[] fl, int n, int genre) {
    int[] out = new int[16];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if ((fl[i] & SKIPPED) == 0 && trackGenre[tr[i]] == genre) {
        if (k == out.length) {
          out = Arrays.copyOf(out, k * 2);
        }
        out[k++] = tr[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /** Index drawn in proportion to non-negative weights, or -1 when they are all 0. */
  private static int pick(SplittableRandom r, double[] w) {
    double total = 0;
    for (double x : w) {
      total += x;
    }
    if (!(total > 0)) {
      return -1;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < w.length; i++) {
      x -= w[i];
      if (x < 0 && w[i] > 0) {
        return i;
      }
    }
    for (int i = w.length - 1; i >= 0; i--) {
      if (w[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  /** The energy a listener wants at this time of day (UTC hour of the epoch second). */
  static double targetEnergy(long epochSecond) {
    double h = Math.floorMod(epochSecond, 86_400L) / 3600.0;
    if (h < 5) {
      return 0.35;
    } else if (h < 9) {
      return 0.55;
    } else if (h < 17) {
      return 0.68;
    } else if (h < 22) {
      return 0.6;
    }
    return 0.42;
  }
}
