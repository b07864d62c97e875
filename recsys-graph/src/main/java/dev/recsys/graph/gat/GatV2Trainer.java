package dev.recsys.graph.gat;

import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.util.Seeds;
import dev.recsys.core.training.CheckpointPolicy;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.graph.gat.internal.ContentGatNetwork;
import dev.recsys.graph.gat.internal.ContentGatTrainable;
import dev.recsys.graph.gat.internal.TrackContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fits a {@link GatV2Model}. A seeded {@code validationShare} of the listeners (or playlists) with at least three
 * tracks lose the last 20% of their tracks (at least one) to a validation set; the graph of the remaining rows
 * trains the network through the shared {@link TrainingLoop}, stopping early on validation recall@20 and restoring
 * the best epoch (with {@link GatV2Config#ensemble()} above 1, that many networks of different seeds, one after the
 * other, on the same split); the model then serves from the graph of all rows with those parameters. Same data,
 * configuration and seed give the same model.
 *
 * <p>Stateless and thread-safe.
 */
public final class GatV2Trainer {
  private final GatV2Config config;

  /**
   * A trainer with the given configuration.
   *
   * @param config the configuration
   */
  public GatV2Trainer(GatV2Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public GatV2Config config() {
    return config;
  }

  /**
   * Fits on a dataset.
   *
   * @param dataset the data set
   * @param listener receives progress events
   * @return the model
   */
  public GatV2Model fit(MusicDataset dataset, TrainingListener listener) {
    return fit(dataset.catalog(), dataset.interactions(), listener);
  }

  /**
   * Fits on a catalogue (content, artists, genres, albums) and interactions.
   *
   * @param catalog the catalogue
   * @param interactions the interactions
   * @param listener receives progress events
   * @return the model
   */
  public GatV2Model fit(Catalog catalog, Interactions interactions, TrainingListener listener) {
    try {
      return fit(catalog, interactions, listener, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fits, writing a checkpoint every epoch to {@code checkpoint} when non-null, or resuming from {@code resumeFrom}.
   *
   * @param catalog the catalogue
   * @param interactions the interactions
   * @param listener receives progress events
   * @param checkpoint the checkpoint file, or null
   * @param resumeFrom the checkpoint to resume, or null
   * @return the model
   * @throws IOException if the checkpoint cannot be read or does not fit
   */
  public GatV2Model fit(Catalog catalog, Interactions interactions, TrainingListener listener, Path checkpoint,
      Path resumeFrom) throws IOException {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(interactions, "interactions");
    int[][] ordered = orderedRows(interactions);
    SplittableRandom r = new SplittableRandom(config.training().seed() ^ 0x9E3779B97F4A7C15L);
    boolean[] held = new boolean[interactions.size()];
    List<int[]> valUsers = new ArrayList<>();
    for (int u = 0; u < ordered.length; u++) {
      int n = ordered[u].length;
      double draw = r.nextDouble();
      if (n >= 3 && draw < config.validationShare()) {
        int h = Math.max(1, (int) Math.round(0.2 * n));
        for (int k = n - h; k < n; k++) {
          held[ordered[u][k]] = true;
        }
        valUsers.add(new int[] {u, n - h});
      }
    }
    int kept = 0;
    for (boolean h : held) {
      kept += h ? 0 : 1;
    }
    int[] trainRows = new int[kept];
    for (int row = 0, i = 0; row < held.length; row++) {
      if (!held[row]) {
        trainRows[i++] = row;
      }
    }
    Interactions train = valUsers.isEmpty() ? interactions : interactions.subset(trainRows);
    HeteroGraph g = HeteroGraph.build(catalog, train, config.graph());
    listener.message("graph: " + g);
    int[] itemToTrack = new int[interactions.items().size()];
    for (int i = 0; i < itemToTrack.length; i++) {
      itemToTrack[i] = g.tracks().indexOf(interactions.items().id(i));
    }
    int[][] valSeeds = new int[valUsers.size()][];
    int[][] valTargets = new int[valUsers.size()][];
    for (int v = 0; v < valUsers.size(); v++) {
      int[] rows = ordered[valUsers.get(v)[0]];
      int cut = valUsers.get(v)[1];
      valSeeds[v] = Arrays.stream(rows, 0, cut).map(x -> itemToTrack[interactions.item(x)]).toArray();
      valTargets[v] = Arrays.stream(rows, cut, rows.length).map(x -> itemToTrack[interactions.item(x)]).distinct()
          .toArray();
    }
    if (config.ensemble() > 1 && (checkpoint != null || resumeFrom != null)) {
      throw new IllegalArgumentException("a checkpoint holds one network: checkpoint and resume need ensemble 1; got "
          + config.ensemble());
    }
    int[] fanout = config.fanout().stream().mapToInt(Integer::intValue).toArray();
    ContentGatNetwork net = new ContentGatNetwork(g, TrackContent.build(g, catalog), config.dim(), fanout);
    float[][] members = new float[config.ensemble()][];
    for (int k = 0; k < members.length; k++) {
      // the first network keeps the configured seed, so an ensemble of one is the single network
      long seed = k == 0 ? config.training().seed() : Seeds.mix(config.training().seed(), k);
      float[] params = net.initialParameters(seed);
      ContentGatTrainable trainable = new ContentGatTrainable(net, params, config.maxPrefix(), config.negatives(),
          config.temperature(), config.idDropout(), valSeeds, valTargets);
      if (trainable.trainingExamples() == 0) {
        throw new IllegalArgumentException("no training examples: every session or playlist has fewer than 2 "
            + "tracks (" + g.sequenceCount() + " sequences)");
      }
      listener.message((members.length > 1 ? "network " + (k + 1) + " of " + members.length + ", seed " + seed
          + ": " : "") + "training examples: " + trainable.trainingExamples() + ", validation queries: "
          + trainable.validationExamples() + ", parameters: " + params.length);
      TrainingConfig tc = config.training().toBuilder().seed(seed).build();
      TrainingLoop loop = checkpoint == null && resumeFrom == null ? new TrainingLoop(tc)
          : new TrainingLoop(tc, CheckpointPolicy.everyEpoch(checkpoint != null ? checkpoint : resumeFrom));
      TrainingResult result = resumeFrom != null ? loop.resume(resumeFrom, trainable, listener)
          : loop.fit(trainable, listener);
      listener.message("training: " + result);
      members[k] = trainable.parameters();
    }
    double blend = config.blend();
    if (blend == GatV2Config.AUTO_BLEND) {
      blend = chooseBlend(net, members, new SessionVotes(g), valSeeds, valTargets, config.maxPrefix(), listener);
    }
    HeteroGraph full = valUsers.isEmpty() ? g : HeteroGraph.build(catalog, interactions, config.graph());
    TrackContent content = TrackContent.build(full, catalog);
    int[][] histories = new int[interactions.users().size()][];
    for (int u = 0; u < ordered.length; u++) {
      int[] rows = ordered[u];
      int from = Math.max(0, rows.length - config.maxPrefix());
      histories[u] = Arrays.stream(rows, from, rows.length).map(x -> itemToTrack[interactions.item(x)]).toArray();
    }
    int[][] byUser = interactions.rowsByUser();
    int[][] seen = new int[byUser.length][];
    for (int u = 0; u < byUser.length; u++) {
      seen[u] = Arrays.stream(byUser[u]).map(x -> itemToTrack[interactions.item(x)]).sorted().distinct().toArray();
    }
    String fingerprint = "tracks=" + full.tracks().size() + ",interactions=" + interactions.size() + ",sequences="
        + full.sequenceCount();
    return new GatV2Model(full, content, config.withBlend(blend), members, histories, seen, blend,
        Provenance.now(config.training().seed(), fingerprint));
  }

  /**
   * The weight of {@link GatV2Config#BLEND_GRID} with the best mean NDCG@10 of the validation queries (the smallest
   * on ties; 0 without validation queries), scored by the trained networks on the training graph (the mean of the
   * networks' cosines, as the model scores); each query pools
   * and votes with its last {@code maxPrefix} seeds, as the recommender does. The best weight is kept only when its
   * gain over the network alone (weight 0) exceeds one standard error of the paired per-query differences (the
   * one-standard-error rule): on a small validation set the best of several weights is otherwise often noise.
   */
  static double chooseBlend(ContentGatNetwork net, float[][] members, SessionVotes votes, int[][] seeds,
      int[][] targets, int maxPrefix, TrainingListener listener) {
    List<Double> grid = GatV2Config.BLEND_GRID;
    if (grid.get(0) != 0.0) {
      throw new IllegalStateException("the blend grid must start at 0 (the network alone)");
    }
    List<double[]> perQuery = new java.util.ArrayList<>();
    int dim = net.dim();
    int size = members.length;
    float[][] queries = new float[size][];
    float[][] cand = new float[size][];
    for (int k = 0; k < size; k++) {
      queries[k] = net.embedAll(members[k], false).vectors();
      cand[k] = net.embedAll(members[k], true).vectors();
    }
    int nt = cand[0].length / dim;
    float[] q = new float[dim];
    float[] qn = new float[1];
    float[] cos = new float[nt];
    float[] score = new float[nt];
    for (int v = 0; v < seeds.length; v++) {
      if (seeds[v].length == 0 || targets[v].length == 0) {
        continue;
      }
      int n = Math.min(seeds[v].length, maxPrefix);
      Arrays.fill(cos, 0f);
      for (int k = 0; k < size; k++) {
        float[][] sv = new float[n][];
        for (int i = 0; i < n; i++) {
          int t = seeds[v][seeds[v].length - n + i];
          sv[i] = Arrays.copyOfRange(queries[k], t * dim, t * dim + dim);
        }
        net.pool(members[k], sv, q, qn);
        float[] c = cand[k];
        for (int t = 0; t < nt; t++) {
          float s = 0;
          for (int j = 0; j < dim; j++) {
            s += q[j] * c[t * dim + j];
          }
          cos[t] += s / size;
        }
      }
      float[] vote = votes.votes(Arrays.copyOfRange(seeds[v], seeds[v].length - n, seeds[v].length));
      double[] row = new double[grid.size()];
      perQuery.add(row);
      for (int b = 0; b < grid.size(); b++) {
        float w = (float) (double) grid.get(b);
        for (int t = 0; t < nt; t++) {
          score[t] = cos[t] + w * vote[t];
        }
        for (int t : seeds[v]) {
          score[t] = Float.NEGATIVE_INFINITY;
        }
        row[b] = ndcgAt10(score, targets[v]);
      }
    }
    if (perQuery.isEmpty()) {
      return 0;
    }
    int best = 0;
    StringBuilder msg = new StringBuilder("session-kNN blend on " + perQuery.size()
        + " validation queries (NDCG@10 gain over the network alone):");
    for (int b = 0; b < grid.size(); b++) {
      double[] gain = pairedGain(perQuery, b, 0); // mean NDCG@10 of weight b minus that of weight 0
      msg.append(' ').append(grid.get(b)).append('=').append(String.format(java.util.Locale.ROOT, "%+.4f", gain[0]));
      if (gain[0] > pairedGain(perQuery, best, 0)[0] + 1e-12) {
        best = b;
      }
    }
    double[] gain = pairedGain(perQuery, best, 0);
    int chosen = gain[0] > gain[1] ? best : 0;
    listener.message(msg + String.format(java.util.Locale.ROOT, "; best %s, gain over 0 %.4f (standard error %.4f); "
        + "chosen %s", grid.get(best), gain[0], gain[1], grid.get(chosen)));
    return grid.get(chosen);
  }

  /**
   * The mean of the paired per-query differences {@code row[a] - row[b]} and its standard error (infinite with
   * fewer than two queries).
   */
  static double[] pairedGain(List<double[]> rows, int a, int b) {
    int n = rows.size();
    double mean = 0;
    for (double[] row : rows) {
      mean += row[a] - row[b];
    }
    mean /= Math.max(1, n);
    double ss = 0;
    for (double[] row : rows) {
      double d = row[a] - row[b] - mean;
      ss += d * d;
    }
    double se = n < 2 ? Double.POSITIVE_INFINITY : Math.sqrt(ss / (n - 1) / n);
    return new double[] {mean, se};
  }

  /** NDCG@10 of the targets under the scores (ties broken by the lower index, as the recommender does). */
  private static double ndcgAt10(float[] score, int[] targets) {
    int k = 10;
    int[] top = new int[k];
    int size = 0;
    for (int t = 0; t < score.length; t++) {
      float s = score[t];
      if (s == Float.NEGATIVE_INFINITY || (size == k && s <= score[top[size - 1]])) {
        continue;
      }
      int pos = size < k ? size++ : size - 1;
      while (pos > 0 && score[top[pos - 1]] < s) {
        top[pos] = top[pos - 1];
        pos--;
      }
      top[pos] = t;
    }
    double dcg = 0;
    for (int i = 0; i < size; i++) {
      for (int target : targets) {
        if (top[i] == target) {
          dcg += 1 / (Math.log(i + 2) / Math.log(2));
          break;
        }
      }
    }
    double idcg = 0;
    for (int i = 0; i < Math.min(k, targets.length); i++) {
      idcg += 1 / (Math.log(i + 2) / Math.log(2));
    }
    return dcg / idcg;
  }

  /**
   * Each user's non-skipped rows, ordered by time when every row of the user has one (ties by row), else in table
   * order.
   */
  static int[][] orderedRows(Interactions interactions) {
    int[][] byUser = interactions.rowsByUser();
    int[][] out = new int[byUser.length][];
    for (int u = 0; u < byUser.length; u++) {
      int[] rows = byUser[u].clone();
      boolean timed = rows.length > 0;
      for (int row : rows) {
        timed &= interactions.timestamp(row) != Interaction.NO_TIME;
      }
      Integer[] boxed = Arrays.stream(rows).boxed().toArray(Integer[]::new);
      if (timed) {
        Arrays.sort(boxed, (a, b) -> {
          int c = Long.compare(interactions.timestamp(a), interactions.timestamp(b));
          return c != 0 ? c : Integer.compare(a, b);
        });
      }
      out[u] = Arrays.stream(boxed).mapToInt(Integer::intValue).filter(row -> !interactions.skipped(row)).toArray();
    }
    return out;
  }

  @Override
  public String toString() {
    return "GatV2Trainer[config=" + config + "]";
  }
}
