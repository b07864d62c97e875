package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.util.Checks;
import dev.recsys.core.util.Seeds;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.ContrastiveConfig;
import dev.recsys.embedding.NeighbourhoodQuality;
import dev.recsys.embedding.PcaAutoencoderEmbedder;
import dev.recsys.embedding.PcaAutoencoderModel;
import dev.recsys.embedding.PcaConfig;
import dev.recsys.embedding.PcaEmbedder;
import dev.recsys.embedding.PcaModel;
import dev.recsys.embedding.PlaylistContrastiveEmbedder;
import dev.recsys.embedding.PlaylistContrastiveModel;
import dev.recsys.embedding.TrackGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The held-out evaluation of track embeddings: raw features, PCA, PCA of the autoencoder's width, PCA +
 * autoencoder and the playlist-contrastive fine-tune, on one split, with paired bootstrap intervals over the held-out
 * tracks.
 *
 * <p>Protocol. A seeded share of the playlists is held out; the held-out tracks are the tracks of held-out
 * playlists that are in no training playlist (without playlists, a seeded share of the tracks). The feature pipeline,
 * PCA, the autoencoder and the fine-tune see only the other tracks (and only the training playlists). Every track is
 * then embedded; for each held-out track the metrics are: the mean squared reconstruction error of its features
 * (autoencoder against PCA of the same width), the share of its {@code k} nearest neighbours (cosine, among all
 * tracks) that share its genre, and the share of them that appear in one of its held-out playlists. Differences are
 * paired per track, with percentile bootstrap intervals.
 *
 * <p>{@link #tune} runs the same protocol inside the training tracks (the training playlists split again), so
 * settings are chosen without the test tracks.
 */
public final class EmbeddingEvaluation {
  private static final long PLAYLIST_SPLIT_STREAM = 31;
  private static final long TRACK_SPLIT_STREAM = 32;

  /** The embeddings compared, in report order. */
  public static final List<String> EMBEDDINGS = List.of("raw", "pca", "pca-same-width", "pca-autoencoder",
      "playlist-contrastive");

  /**
   * A data set for the protocol.
   *
   * @param name its name in reports
   * @param catalog the tracks
   * @param playlists per playlist, its tracks as catalogue indices (may be empty)
   * @param genres per track, its genre label ids (may be empty)
   */
  public record Data(String name, Catalog catalog, int[][] playlists, int[][] genres) {
    /** Checks the shapes. */
    public Data {
      Checks.notBlank("name", name);
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(playlists, "playlists");
      if (genres.length != catalog.size()) {
        throw new IllegalArgumentException("genres has " + genres.length + " entries; the catalogue " + catalog.size());
      }
    }

    /** Catalogue indices of every playlist's tracks (unknown ids are not part of the catalogue and are left out). */
    public static int[][] playlistRows(Catalog catalog, List<Playlist> playlists) {
      int[][] out = new int[playlists.size()][];
      for (int p = 0; p < out.length; p++) {
        out[p] = playlists.get(p).trackIds().stream().mapToInt(catalog::indexOf).filter(i -> i >= 0).distinct()
            .toArray();
      }
      return out;
    }

    /** The data restricted to {@code rows} (catalogue order kept) and to the playlists {@code keep}. */
    Data subset(int[] rows, int[] keep, String suffix) {
      int[] pos = new int[catalog.size()];
      Arrays.fill(pos, -1);
      List<Track> tracks = new ArrayList<>(rows.length);
      int[][] g = new int[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        pos[rows[i]] = i;
        tracks.add(catalog.get(rows[i]));
        g[i] = genres[rows[i]];
      }
      int[][] pl = new int[keep.length][];
      for (int p = 0; p < keep.length; p++) {
        pl[p] = Arrays.stream(playlists[keep[p]]).map(t -> pos[t]).filter(t -> t >= 0).toArray();
      }
      return new Data(name + suffix, Catalog.of(tracks), pl, g);
    }
  }

  /**
   * An estimate of one metric for one embedding over the held-out tracks.
   *
   * @param metric {@code reconstruction_mse}, {@code genre_agreement}, {@code playlist_agreement}
   * @param embedding one of {@link #EMBEDDINGS}
   * @param estimate mean with its bootstrap interval ({@code n} = tracks measured)
   */
  public record Value(String metric, String embedding, Estimate estimate) {}

  /**
   * A paired difference {@code a - b} of one metric over the same held-out tracks.
   *
   * @param metric the metric
   * @param a the first embedding
   * @param b the second
   * @param difference mean per-track difference with its bootstrap interval
   * @param better whether the interval shows {@code a} better than {@code b} (above 0, or below 0 for errors)
   */
  public record Difference(String metric, String a, String b, Estimate difference, boolean better) {}

  /**
   * The result of one evaluation.
   *
   * @param dataset the data set's name
   * @param autoencoder the autoencoder evaluated
   * @param tracks catalogue size
   * @param trainingTracks tracks the models were fitted on
   * @param heldOutTracks tracks measured
   * @param trainingPlaylists playlists the fine-tune saw
   * @param heldOutPlaylists playlists held out
   * @param k neighbours per track
   * @param pcaComponents the autoencoder's PCA input width
   * @param dimension the embedding width
   * @param autoencoderEpochs epochs the autoencoder ran
   * @param values every metric of every embedding
   * @param differences the paired comparisons
   */
  public record Result(String dataset, AutoencoderConfig autoencoder, int tracks, int trainingTracks, int heldOutTracks, int trainingPlaylists,
      int heldOutPlaylists, int k, int pcaComponents, int dimension, int autoencoderEpochs, List<Value> values,
      List<Difference> differences) {

    /** The value of {@code metric} for {@code embedding}, or null. */
    public Estimate value(String metric, String embedding) {
      return values.stream().filter(v -> v.metric().equals(metric) && v.embedding().equals(embedding))
          .map(Value::estimate).findFirst().orElse(null);
    }
  }

  private final AutoencoderConfig autoencoder;
  private final ContrastiveConfig contrastive;
  private final int k;
  private final double heldOutFraction;
  private final int bootstrap;
  private final long seed;

  /**
   * @param autoencoder the autoencoder evaluated (and fine-tuned by {@code contrastive}, whose own autoencoder is
   *     replaced by this one), or null to skip the fine-tune
   * @param contrastive the fine-tune, or null to skip it
   * @param k neighbours per track, in [1, 1000]
   * @param heldOutFraction share of the playlists (or tracks) held out, in (0, 0.5]
   * @param bootstrap bootstrap resamples, in [100, 100000]
   * @param seed seed of the split and the bootstrap
   */
  public EmbeddingEvaluation(AutoencoderConfig autoencoder, ContrastiveConfig contrastive, int k,
      double heldOutFraction, int bootstrap, long seed) {
    this.autoencoder = Objects.requireNonNull(autoencoder, "autoencoder");
    this.contrastive = contrastive == null ? null : contrastive.toBuilder().autoencoder(autoencoder).build();
    this.k = Checks.inRange("k", k, 1, 1000);
    this.heldOutFraction = Checks.inRange("heldOutFraction", heldOutFraction, 1e-9, 0.5);
    this.bootstrap = Checks.inRange("bootstrap", bootstrap, 100, 100_000);
    this.seed = seed;
  }

  /** Runs the protocol on {@code data}. */
  public Result run(Data data, TrainingListener listener) {
    Split s = split(data, heldOutFraction, seed);
    return evaluate(data, s, listener);
  }

  /**
   * Runs the protocol on the training part of {@code data} only (its training tracks and playlists, split again
   * with another seed), for every candidate autoencoder: the validation results from which settings are chosen.
   */
  public static List<Result> tune(Data data, List<AutoencoderConfig> candidates, ContrastiveConfig contrastive, int k,
      double heldOutFraction, int bootstrap, long seed, TrainingListener listener) {
    Split outer = split(data, heldOutFraction, seed);
    Data train = data.subset(outer.trainRows, outer.trainPlaylists, " (training part)");
    List<Result> out = new ArrayList<>();
    for (AutoencoderConfig c : candidates) {
      out.add(new EmbeddingEvaluation(c, contrastive, k, heldOutFraction, bootstrap, Seeds.mix(seed, 1)).run(train,
          listener));
    }
    return out;
  }

  /** Rows and playlists of one split. */
  record Split(int[] trainRows, int[] testRows, int[] trainPlaylists, int[] testPlaylists) {}

  static Split split(Data d, double fraction, long seed) {
    int n = d.catalog().size();
    int p = d.playlists().length;
    boolean[] test = new boolean[n];
    int[] trainPl;
    int[] testPl;
    if (p >= 2) {
      int[] order = Seeds.permutation(p, Seeds.mix(seed, PLAYLIST_SPLIT_STREAM));
      int held = Math.max(1, (int) Math.round(p * fraction));
      testPl = Arrays.copyOfRange(order, 0, held);
      trainPl = Arrays.copyOfRange(order, held, p);
      Arrays.sort(testPl);
      Arrays.sort(trainPl);
      boolean[] inTrain = new boolean[n];
      for (int q : trainPl) {
        for (int t : d.playlists()[q]) {
          inTrain[t] = true;
        }
      }
      for (int q : testPl) {
        for (int t : d.playlists()[q]) {
          test[t] = !inTrain[t];
        }
      }
    } else {
      trainPl = new int[0];
      testPl = new int[0];
      int[] order = Seeds.permutation(n, Seeds.mix(seed, TRACK_SPLIT_STREAM));
      for (int i = 0; i < Math.round(n * fraction); i++) {
        test[order[i]] = true;
      }
    }
    int[] testRows = java.util.stream.IntStream.range(0, n).filter(i -> test[i]).toArray();
    int[] trainRows = java.util.stream.IntStream.range(0, n).filter(i -> !test[i]).toArray();
    return new Split(trainRows, testRows, trainPl, testPl);
  }

  private Result evaluate(Data d, Split s, TrainingListener listener) {
    int n = d.catalog().size();
    if (s.testRows.length < 2 || s.trainRows.length <= k) {
      throw new IllegalArgumentException(d.name() + ": the split leaves " + s.trainRows.length + " training and "
          + s.testRows.length + " held-out tracks; need > k=" + k + " and >= 2");
    }
    Catalog trainCatalog = d.subset(s.trainRows, new int[0], "").catalog();
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(trainCatalog).transform(d.catalog());
    FeatureMatrix xTrain = x.selectRows(s.trainRows);
    FeatureMatrix xTest = x.selectRows(s.testRows);
    listener.message(String.format(java.util.Locale.ROOT,
        "%s: %d tracks (%d training, %d held out), %d training and %d held-out playlists, %d feature columns",
        d.name(), n, s.trainRows.length, s.testRows.length, s.trainPlaylists.length, s.testPlaylists.length, x.cols()));

    var aeFit = new PcaAutoencoderEmbedder(autoencoder).fitWithReport(xTrain, TrackGroups.byArtist(trainCatalog),
        listener);
    PcaAutoencoderModel ae = aeFit.model();
    int width = Math.min(autoencoder.bottleneck(), x.cols());
    PcaModel pcaWidth = new PcaEmbedder(PcaConfig.ofComponents(width)).fit(xTrain, TrainingListener.NONE);
    Map<String, FeatureMatrix> vectors = new LinkedHashMap<>();
    vectors.put("raw", x);
    vectors.put("pca", ae.pca().embedAll(x));
    vectors.put("pca-same-width", pcaWidth.embedAll(x));
    vectors.put("pca-autoencoder", ae.embedAll(x));
    if (contrastive != null && s.trainPlaylists.length > 0) {
      int[] pos = new int[n];
      Arrays.fill(pos, -1);
      for (int i = 0; i < s.trainRows.length; i++) {
        pos[s.trainRows[i]] = i;
      }
      int[][] groups = new int[s.trainPlaylists.length][];
      for (int q = 0; q < groups.length; q++) {
        groups[q] = Arrays.stream(d.playlists()[s.trainPlaylists[q]]).map(t -> pos[t]).filter(t -> t >= 0).toArray();
      }
      PlaylistContrastiveModel cm = new PlaylistContrastiveEmbedder(contrastive).fit(xTrain, groups, listener);
      vectors.put("playlist-contrastive", cm.embedAll(x));
    }

    Map<String, Map<String, double[]>> perTrack = new LinkedHashMap<>();
    Map<String, double[]> rec = new LinkedHashMap<>();
    rec.put("pca", rowMse(ae.pca().reconstructAll(xTest), xTest));
    rec.put("pca-same-width", rowMse(pcaWidth.reconstructAll(xTest), xTest));
    rec.put("pca-autoencoder", rowMse(ae.reconstructAll(xTest), xTest));
    perTrack.put("reconstruction_mse", rec);

    List<NeighbourhoodQuality.Labels> labels = new ArrayList<>();
    labels.add(new NeighbourhoodQuality.Labels("genre_agreement", d.genres()));
    if (s.testPlaylists.length > 0) {
      List<List<Integer>> member = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        member.add(new ArrayList<>(1));
      }
      for (int q : s.testPlaylists) {
        for (int t : d.playlists()[q]) {
          member.get(t).add(q);
        }
      }
      int[][] l = new int[n][];
      for (int i = 0; i < n; i++) {
        l[i] = member.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      labels.add(new NeighbourhoodQuality.Labels("playlist_agreement", l));
    }
    NeighbourhoodQuality nq = new NeighbourhoodQuality(k);
    for (Map.Entry<String, FeatureMatrix> e : vectors.entrySet()) {
      for (NeighbourhoodQuality.ItemScores sc : nq.evaluatePerItem(e.getKey(), e.getValue(), labels)) {
        perTrack.computeIfAbsent(sc.label(), key -> new LinkedHashMap<>()).put(e.getKey(),
            pick(sc.agreement(), s.testRows));
      }
    }

    List<Value> values = new ArrayList<>();
    for (var m : perTrack.entrySet()) {
      for (var e : m.getValue().entrySet()) {
        values.add(new Value(m.getKey(), e.getKey(), Estimate.bootstrap(defined(e.getValue()), bootstrap, 0.95, seed)));
      }
    }
    List<Difference> diffs = new ArrayList<>();
    diff(diffs, perTrack, "reconstruction_mse", "pca-autoencoder", "pca-same-width");
    for (String metric : List.of("genre_agreement", "playlist_agreement")) {
      for (String b : List.of("raw", "pca", "pca-same-width")) {
        diff(diffs, perTrack, metric, "pca-autoencoder", b);
      }
      for (String b : List.of("pca-autoencoder", "raw", "pca")) {
        diff(diffs, perTrack, metric, "playlist-contrastive", b);
      }
    }
    return new Result(d.name(), autoencoder, n, s.trainRows.length, s.testRows.length, s.trainPlaylists.length,
        s.testPlaylists.length, k, ae.pca().dimension(), ae.dimension(), aeFit.report().training().epochsRun(), values,
        diffs);
  }

  private void diff(List<Difference> out, Map<String, Map<String, double[]>> perTrack, String metric, String a,
      String b) {
    Map<String, double[]> m = perTrack.get(metric);
    if (m == null || !m.containsKey(a) || !m.containsKey(b)) {
      return;
    }
    double[] x = m.get(a);
    double[] y = m.get(b);
    double[] d = new double[x.length];
    int c = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        d[c++] = x[i] - y[i];
      }
    }
    Estimate e = Estimate.bootstrap(Arrays.copyOf(d, c), bootstrap, 0.95, seed);
    boolean lowerIsBetter = metric.equals("reconstruction_mse");
    out.add(new Difference(metric, a, b, e, lowerIsBetter ? e.upper() < 0 : e.lower() > 0));
  }

  private static double[] pick(double[] all, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = all[rows[i]];
    }
    return out;
  }

  private static double[] defined(double[] v) {
    return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
  }

  private static double[] rowMse(FeatureMatrix a, FeatureMatrix b) {
    int c = a.cols();
    double[] out = new double[a.rows()];
    for (int i = 0; i < out.length; i++) {
      double s = 0;
      for (int j = 0; j < c; j++) {
        double e = (double) a.data()[i * c + j] - b.data()[i * c + j];
        s += e * e;
      }
      out[i] = s / c;
    }
    return out;
  }
}
