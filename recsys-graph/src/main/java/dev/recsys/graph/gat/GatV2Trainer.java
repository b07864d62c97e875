package dev.recsys.graph.gat;

import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.CheckpointPolicy;
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
 * the best epoch; the model then serves from the graph of all rows with those parameters. Same data,
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
    int[] fanout = config.fanout().stream().mapToInt(Integer::intValue).toArray();
    ContentGatNetwork net = new ContentGatNetwork(g, TrackContent.build(g, catalog), config.dim(), fanout);
    float[] params = net.initialParameters(config.training().seed());
    ContentGatTrainable trainable = new ContentGatTrainable(net, params, config.maxPrefix(), config.negatives(),
        config.temperature(), config.idDropout(), valSeeds, valTargets);
    if (trainable.trainingExamples() == 0) {
      throw new IllegalArgumentException("no training examples: every session or playlist has fewer than 2 tracks ("
          + g.sequenceCount() + " sequences)");
    }
    listener.message("training examples: " + trainable.trainingExamples() + ", validation queries: "
        + trainable.validationExamples() + ", parameters: " + params.length);
    TrainingLoop loop = checkpoint == null && resumeFrom == null ? new TrainingLoop(config.training())
        : new TrainingLoop(config.training(), CheckpointPolicy.everyEpoch(checkpoint != null ? checkpoint : resumeFrom));
    TrainingResult result = resumeFrom != null ? loop.resume(resumeFrom, trainable, listener)
        : loop.fit(trainable, listener);
    listener.message("training: " + result);
    HeteroGraph full = valUsers.isEmpty() ? g : HeteroGraph.build(catalog, interactions, config.graph());
    TrackContent content = TrackContent.build(full, catalog);
    int[][] histories = new int[interactions.users().size()][];
    for (int u = 0; u < ordered.length; u++) {
      int[] rows = ordered[u];
      int from = Math.max(0, rows.length - config.maxPrefix());
      histories[u] = Arrays.stream(rows, from, rows.length).map(x -> itemToTrack[interactions.item(x)]).toArray();
    }
    String fingerprint = "tracks=" + full.tracks().size() + ",interactions=" + interactions.size() + ",sequences="
        + full.sequenceCount();
    return new GatV2Model(full, content, config, trainable.parameters(), histories,
        Provenance.now(config.training().seed(), fingerprint));
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
