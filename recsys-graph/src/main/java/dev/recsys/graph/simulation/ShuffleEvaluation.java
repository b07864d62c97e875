package dev.recsys.graph.simulation;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.WalkFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Side-by-side evaluation of shuffle strategies over many simulated sessions: repeats, artist repeats, cluster
 * entropy, coherence (cosine between consecutive tracks), key and tempo smoothness, and the log-likelihood of
 * held-out simulated choices; plus narrative walks with every pick explained. Every contender walks from the same
 * seeded start tracks with the same seeds. The {@link Report} is a tree of records, so it serialises to JSON as is.
 */
public final class ShuffleEvaluation {
  private ShuffleEvaluation() {}

  /**
   * Evaluation settings.
   *
   * @param sessions sessions per contender, in [1, 1000000]
   * @param sessionLength plays per session, in [2, 100000]
   * @param repeatWindow a play counts as a repeat when the track was played within this many previous plays, in [1, 100000]
   * @param seed seed of start tracks and walks
   */
  public record Config(int sessions, int sessionLength, int repeatWindow, long seed) {
    /** Validates the fields. */
    public Config {
      Checks.inRange("sessions", sessions, 1, 1_000_000);
      Checks.inRange("sessionLength", sessionLength, 2, 100_000);
      Checks.inRange("repeatWindow", repeatWindow, 1, 100_000);
    }
  }

  /**
   * A strategy to evaluate.
   *
   * @param name display name
   * @param sampler the sampler walked
   * @param choiceWeights its scoring weights over the held-out data's features, divided by its temperature (null for
   *     a strategy that ignores features, scored as uniform over each choice set)
   */
  public record Contender(String name, NextTrackSampler sampler, double[] choiceWeights) {
    /** Validates the fields. */
    public Contender {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sampler, "sampler");
    }
  }

  /**
   * One row of the table.
   *
   * @param sampler contender name
   * @param repeatRate share of plays repeating a track of the last {@code repeatWindow} plays
   * @param artistRepeatRate share of consecutive pairs by the same artist
   * @param clusterEntropyBits mean Shannon entropy (bits) of a session's cluster histogram
   * @param coherence mean cosine similarity of consecutive tracks
   * @param keySmoothness mean key compatibility of consecutive tracks with known keys (see {@link WalkFeatures})
   * @param meanTempoJumpBpm mean absolute tempo change between consecutive tracks with known tempo
   * @param heldOutLogLikelihood mean log-likelihood per held-out choice (NaN without held-out data)
   */
  public record Row(String sampler, double repeatRate, double artistRepeatRate, double clusterEntropyBits, double coherence,
      double keySmoothness, double meanTempoJumpBpm, double heldOutLogLikelihood) {}

  /**
   * One explained pick of a narrative.
   *
   * @param position play number in the walk (1 = first pick after the start)
   * @param trackId the picked track
   * @param title its display title
   * @param probability the probability the walk gave it
   * @param candidates the number of candidates it was drawn from
   * @param factors the top feature contributions
   */
  public record Pick(int position, String trackId, String title, double probability, int candidates, List<Explanation.Factor> factors) {}

  /**
   * A walk from a start track with every pick explained.
   *
   * @param sampler contender name
   * @param seed the walk's seed
   * @param start the start track's display title
   * @param picks the picks
   */
  public record Narrative(String sampler, long seed, String start, List<Pick> picks) {}

  /**
   * The evaluation result.
   *
   * @param config the settings
   * @param heldOutChoices number of held-out choices scored
   * @param rows one row per contender
   * @param narratives explained walks
   */
  public record Report(Config config, int heldOutChoices, List<Row> rows, List<Narrative> narratives) {
    /**
     * The rows as an aligned text table.
     *
     * @return the rows as an aligned text table
     */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-22s %8s %8s %9s %9s %8s %9s %10s%n", "sampler", "repeat", "artist", "entropy",
          "coherence", "key", "tempo-jump", "heldout-LL"));
      for (Row r : rows) {
        sb.append(String.format(Locale.ROOT, "%-22s %8.4f %8.4f %9.3f %9.4f %8.4f %9.2f %10.4f%n", r.sampler(), r.repeatRate(),
            r.artistRepeatRate(), r.clusterEntropyBits(), r.coherence(), r.keySmoothness(), r.meanTempoJumpBpm(),
            r.heldOutLogLikelihood()));
      }
      return sb.toString();
    }

    /**
     * The narratives as text, one line per pick.
     *
     * @return the narratives as text, one line per pick
     */
    public String narrativeText() {
      StringBuilder sb = new StringBuilder();
      for (Narrative n : narratives) {
        sb.append(String.format(Locale.ROOT, "%s, seed %d, from \"%s\":%n", n.sampler(), n.seed(), n.start()));
        for (Pick p : n.picks()) {
          sb.append(String.format(Locale.ROOT, "  %2d. %-28s p=%.3f of %d  ", p.position(), p.title(), p.probability(), p.candidates()));
          List<String> parts = new ArrayList<>();
          for (Explanation.Factor f : p.factors()) {
            parts.add(String.format(Locale.ROOT, "%s=%.2f (%+.2f)", f.label(), f.value(), f.contribution()));
          }
          sb.append(String.join(", ", parts)).append(System.lineSeparator());
        }
      }
      return sb.toString();
    }
  }

  /**
   * Unit vectors aligned with the catalogue's int index (zero where a track has no vector), for coherence.
   *
   * @param vectors the vectors
   * @param catalog the catalogue
   * @return the unit vectors aligned with the catalogue's int index (zero where a track has no vector), for coherence
   */
  public static float[] alignedUnitVectors(TrackVectors vectors, Catalog catalog) {
    int d = vectors.dimension();
    float[] out = new float[catalog.size() * d];
    for (int r = 0; r < vectors.size(); r++) {
      int i = catalog.indexOf(vectors.ids().get(r));
      if (i < 0) {
        continue;
      }
      double norm = 0;
      for (int c = 0; c < d; c++) {
        norm += (double) vectors.data()[r * d + c] * vectors.data()[r * d + c];
      }
      if (norm > 0) {
        float inv = (float) (1 / Math.sqrt(norm));
        for (int c = 0; c < d; c++) {
          out[i * d + c] = vectors.data()[r * d + c] * inv;
        }
      }
    }
    return out;
  }

  /**
   * Runs every contender over the same sessions and scores the held-out choices.
   *
   * @param unitVectors unit vectors aligned with the catalogue ({@link #alignedUnitVectors})
   * @param dimension their dimension
   * @param heldOut held-out simulated choices (may be null)
   * @param catalog the catalogue
   * @param attributes the track attributes
   * @param contenders the contenders
   * @param config the configuration
   * @return the {@code Report}
   */
  public static Report run(Catalog catalog, TrackAttributes attributes, float[] unitVectors, int dimension,
      List<Contender> contenders, ChoiceData heldOut, Config config) {
    int n = catalog.size();
    if (n == 0) {
      throw new IllegalArgumentException("cannot evaluate shuffles on an empty catalogue");
    }
    SplittableRandom starts = new SplittableRandom(config.seed()).split();
    int[] startTracks = new int[config.sessions()];
    for (int s = 0; s < startTracks.length; s++) {
      startTracks[s] = starts.nextInt(n);
    }
    long[] walkSeeds = new long[config.sessions()];
    for (int s = 0; s < walkSeeds.length; s++) {
      walkSeeds[s] = starts.nextLong();
    }
    List<Row> rows = new ArrayList<>();
    for (Contender c : contenders) {
      double repeats = 0, artistRepeats = 0, pairs = 0, entropy = 0, coherence = 0, key = 0, keyPairs = 0, tempo = 0, tempoPairs = 0;
      int[] hist = new int[Math.max(1, attributes.clusterCount())];
      for (int s = 0; s < config.sessions(); s++) {
        ListeningHistory h = new ListeningHistory(n, 10);
        int[] walk = c.sampler().walk(startTracks[s], config.sessionLength(), h, new SplittableRandom(walkSeeds[s]));
        java.util.Arrays.fill(hist, 0);
        int clustered = 0;
        java.util.Map<Integer, Integer> last = new java.util.HashMap<>();
        for (int i = 0; i < walk.length; i++) {
          int t = walk[i];
          Integer prev = last.put(t, i);
          if (i > 0) {
            if (prev != null && i - prev <= config.repeatWindow()) {
              repeats++;
            }
            int a = attributes.artist(t);
            int pa = attributes.artist(walk[i - 1]);
            if (a >= 0 && a == pa) {
              artistRepeats++;
            }
            coherence += dot(unitVectors, dimension, t, walk[i - 1]);
            int k1 = attributes.key(walk[i - 1]);
            int k2 = attributes.key(t);
            if (k1 >= 0 && k2 >= 0) {
              key += WalkFeatures.keyCompatibility(k1, attributes.mode(walk[i - 1]), k2, attributes.mode(t));
              keyPairs++;
            }
            float b1 = attributes.tempo(walk[i - 1]);
            float b2 = attributes.tempo(t);
            if (!Float.isNaN(b1) && !Float.isNaN(b2)) {
              tempo += Math.abs(b1 - b2);
              tempoPairs++;
            }
            pairs++;
          }
          int cl = attributes.cluster(t);
          if (cl >= 0) {
            hist[cl]++;
            clustered++;
          }
        }
        double e = 0;
        for (int count : hist) {
          if (count > 0) {
            double p = (double) count / clustered;
            e -= p * Math.log(p) / Math.log(2);
          }
        }
        entropy += e;
      }
      double ll = heldOut == null ? Double.NaN : heldOutLogLikelihood(heldOut, c.choiceWeights());
      rows.add(new Row(c.name(), repeats / pairs, artistRepeats / pairs, entropy / config.sessions(), coherence / pairs,
          keyPairs == 0 ? Double.NaN : key / keyPairs, tempoPairs == 0 ? Double.NaN : tempo / tempoPairs, ll));
    }
    return new Report(config, heldOut == null ? 0 : heldOut.size(), rows, List.of());
  }

  /**
   * The report with narratives added: walks of {@code picks} plays from {@code start} for each (sampler, seed).
   *
   * @param report the report
   * @param catalog the catalogue
   * @param start the start track index
   * @param picks the picks
   * @param names the names
   * @param samplers the samplers
   * @param seeds the seeds
   * @return the report with narratives added
   */
  public static Report withNarratives(Report report, Catalog catalog, int start, int picks, List<String> names,
      List<SoftmaxWalkSampler> samplers, long[] seeds) {
    List<Narrative> out = new ArrayList<>(report.narratives());
    for (int i = 0; i < samplers.size(); i++) {
      out.add(narrative(catalog, names.get(i), samplers.get(i), start, picks, seeds[i]));
    }
    return new Report(report.config(), report.heldOutChoices(), report.rows(), out);
  }

  /**
   * One explained walk of {@code picks} plays after {@code start}, each pick with its top three factors.
   *
   * @param catalog the catalogue
   * @param name the name
   * @param sampler the sampler
   * @param start the start track index
   * @param picks the picks
   * @param seed the random seed
   * @return one explained walk of {@code picks} plays after {@code start}, each pick with its top three factors
   */
  public static Narrative narrative(Catalog catalog, String name, SoftmaxWalkSampler sampler, int start, int picks, long seed) {
    return new Narrative(name, seed, catalog.get(start).displayTitle(), explainedWalk(catalog, sampler, start, picks, seed, 3));
  }

  /**
   * A seeded walk of {@code picks} tracks after {@code start}, each pick with its probability, the number of
   * candidates and its {@code maxFactors} largest feature contributions. Stops early only when a step has no
   * candidate.
   *
   * @param catalog the catalogue
   * @param sampler the sampler
   * @param start the start track index
   * @param picks the picks
   * @param seed the random seed
   * @param maxFactors the max factors
   * @return a seeded walk of {@code picks} tracks after {@code start}, each pick with its probability, the number of
   *     candidates and its {@code maxFactors} largest feature contributions
   */
  public static List<Pick> explainedWalk(Catalog catalog, NextTrackSampler sampler, int start, int picks, long seed,
      int maxFactors) {
    SplittableRandom rnd = new SplittableRandom(seed).split();
    ListeningHistory h = new ListeningHistory(catalog.size(), 50);
    h.play(start);
    int cur = start;
    List<Pick> out = new ArrayList<>();
    for (int i = 1; i <= picks; i++) {
      NextTrackDistribution d = sampler.distribution(cur, h);
      if (d.size() == 0) {
        break;
      }
      int row = d.draw(rnd.nextDouble());
      int next = d.candidates()[row];
      List<Explanation.Factor> factors = d.explain(row).factors();
      out.add(new Pick(i, catalog.get(next).id(), catalog.get(next).displayTitle(), d.probabilities()[row], d.size(),
          factors.subList(0, Math.min(maxFactors, factors.size()))));
      h.play(next);
      cur = next;
    }
    return out;
  }

  /**
   * Mean log-likelihood per choice of {@code data} under softmax({@code w . x}); uniform over each set when w is null.
   *
   * @param data the data
   * @param w the feature weights, one per feature column
   * @return the mean log-likelihood per choice
   */
  public static double heldOutLogLikelihood(ChoiceData data, double[] w) {
    if (data.size() == 0) {
      return Double.NaN;
    }
    int p = data.featureCount();
    if (w != null && w.length != p) {
      throw new IllegalArgumentException("need one weight per feature " + data.featureNames() + "; got " + w.length);
    }
    double total = 0;
    for (int s = 0; s < data.size(); s++) {
      total += setLogLikelihood(data, s, w);
    }
    return total / data.size();
  }

  /**
   * The log-probability of choice set {@code s}'s chosen row under softmax({@code w . x}); {@code -log(size)} when
   * {@code w} is null (uniform over the set).
   *
   * @param data the choice sets
   * @param s index of the set, in [0, {@code data.size()})
   * @param w one weight per feature, or null for the uniform model
   * @return the natural log of the chosen row's probability, at most 0
   */
  public static double setLogLikelihood(ChoiceData data, int s, double[] w) {
    int m = data.setSize(s);
    if (w == null) {
      return -Math.log(m);
    }
    int p = data.featureCount();
    double[] x = data.featureArray();
    int start = data.start(s);
    int chosenRow = data.chosen(s);
    double max = Double.NEGATIVE_INFINITY;
    double chosen = 0;
    for (int i = 0; i < m; i++) {
      double v = utility(w, x, (start + i) * p, p);
      max = Math.max(max, v);
      if (i == chosenRow) {
        chosen = v;
      }
    }
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += Math.exp(utility(w, x, (start + i) * p, p) - max);
    }
    return chosen - max - Math.log(sum);
  }

  private static double utility(double[] w, double[] x, int offset, int p) {
    double v = 0;
    for (int f = 0; f < p; f++) {
      v += w[f] * x[offset + f];
    }
    return v;
  }

  /**
   * The per-session metrics of one walk, in this order: the share of plays (after the first) repeating a track of
   * the previous {@code repeatWindow} plays; the share of consecutive pairs by the same known artist; the mean cosine
   * of consecutive tracks; travel, {@code 1 - cos} of the mean unit vectors of the first and last ten plays (0 when
   * either mean is zero); and the number of distinct clusters visited.
   *
   * @param walk at least two plays
   * @param attributes each track's artist and cluster
   * @param unitVectors row-major unit vectors aligned with the catalogue
   * @param dimension components per unit vector
   * @param repeatWindow how many previous plays a repeat looks back, at least 1
   * @return a new array of the five metrics
   */
  public static double[] sessionMetrics(int[] walk, TrackAttributes attributes, float[] unitVectors, int dimension,
      int repeatWindow) {
    if (walk.length < 2) {
      throw new IllegalArgumentException("a session needs at least two plays; got " + walk.length);
    }
    double repeats = 0;
    double artist = 0;
    double coherence = 0;
    java.util.Map<Integer, Integer> last = new java.util.HashMap<>();
    java.util.Set<Integer> clusters = new java.util.HashSet<>();
    for (int i = 0; i < walk.length; i++) {
      int t = walk[i];
      Integer prev = last.put(t, i);
      int c = attributes.cluster(t);
      if (c >= 0) {
        clusters.add(c);
      }
      if (i == 0) {
        continue;
      }
      if (prev != null && i - prev <= repeatWindow) {
        repeats++;
      }
      int a = attributes.artist(t);
      if (a >= 0 && a == attributes.artist(walk[i - 1])) {
        artist++;
      }
      coherence += dot(unitVectors, dimension, t, walk[i - 1]);
    }
    int pairs = walk.length - 1;
    int edge = Math.min(10, walk.length / 2);
    double[] head = new double[dimension];
    double[] tail = new double[dimension];
    for (int i = 0; i < edge; i++) {
      for (int c = 0; c < dimension; c++) {
        head[c] += unitVectors[walk[i] * dimension + c];
        tail[c] += unitVectors[walk[walk.length - 1 - i] * dimension + c];
      }
    }
    double ht = 0;
    double hh = 0;
    double tt = 0;
    for (int c = 0; c < dimension; c++) {
      ht += head[c] * tail[c];
      hh += head[c] * head[c];
      tt += tail[c] * tail[c];
    }
    double travel = hh == 0 || tt == 0 ? 0 : 1 - ht / Math.sqrt(hh * tt);
    return new double[] {repeats / pairs, artist / pairs, coherence / pairs, travel, clusters.size()};
  }

  static double dot(float[] v, int d, int a, int b) {
    double s = 0;
    for (int c = 0; c < d; c++) {
      s += v[a * d + c] * v[b * d + c];
    }
    return s;
  }
}
