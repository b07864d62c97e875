package dev.recsys.embedding;

import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.util.Seeds;
import dev.recsys.embedding.internal.ContrastiveTrainable;
import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.internal.Mlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fits the unsupervised PCA + autoencoder, then fine-tunes its encoder contrastively on co-occurrence groups: two
 * members of one playlist (or session) should embed closer to each other than to the other batch members. The model
 * keeps the encoder's input (features through PCA), so a track that is in no group, or new, still embeds. Single use;
 * deterministic for a given configuration, input and kernel (see {@link AutoencoderConfig.Kernel}).
 *
 * <p>Procedure: {@link PcaAutoencoderEmbedder} on all rows; a seeded split holds out
 * {@link ContrastiveConfig#validationFraction()} of the groups; the encoder is trained through {@link TrainingLoop}
 * with early stopping on the held-out groups' contrastive loss and restored to its best epoch.
 */
public final class PlaylistContrastiveEmbedder implements CooccurrenceEmbedder {
  private static final long GROUP_SPLIT_STREAM = 11;

  private final ContrastiveConfig config;
  private final AtomicBoolean used = new AtomicBoolean();

  /**
   * An embedder with {@code config}.
   *
   * @param config the autoencoder it starts from, temperature, epochs, batches and validation share; fitted once
   */
  public PlaylistContrastiveEmbedder(ContrastiveConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Always fails: this embedder learns from co-occurrence groups; use {@link #fit(FeatureMatrix, int[][],
   * TrainingListener)}.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public PlaylistContrastiveModel fit(FeatureMatrix features, TrainingListener listener) {
    throw new UnsupportedOperationException("'" + PlaylistContrastivePlugin.NAME
        + "' learns from playlists: call fit(features, groups, listener) with the playlists as groups of rows");
  }

  @Override
  public PlaylistContrastiveModel fit(FeatureMatrix features, int[][] groups, TrainingListener listener) {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("an Embedder is single use; create a new one to fit again");
    }
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(listener, "listener");
    int[][] clean = distinctGroups(groups, features.rows());
    PcaAutoencoderModel base = new PcaAutoencoderEmbedder(config.autoencoder()).fit(features, listener);
    long seed = config.autoencoder().training().seed();

    int[] order = PcaAutoencoderEmbedder.permutation(clean.length, Seeds.mix(seed, GROUP_SPLIT_STREAM));
    int held = (int) Math.round(clean.length * config.validationFraction());
    List<int[]> train = new ArrayList<>();
    List<int[]> val = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      (i < held ? val : train).add(clean[order[i]]);
    }
    int[][] trainGroups = train.toArray(int[][]::new);
    int[][] valGroups = val.toArray(int[][]::new);
    long members = Arrays.stream(trainGroups).filter(g -> g.length >= 2).mapToLong(g -> g.length).sum();
    if (members < 2) {
      throw new IllegalArgumentException("contrastive fine-tuning needs groups with >= 2 distinct rows; the "
          + groups.length + " groups give " + members + " training memberships");
    }
    listener.message(String.format(java.util.Locale.ROOT,
        "contrastive fine-tune: %d training groups (%d memberships), %d validation groups", trainGroups.length, members,
        valGroups.length));

    int encoderLayers = config.autoencoder().hiddenSizes().size() + 1;
    Mlp network = PcaAutoencoderModel.network(config.autoencoder(), base.pca().dimension());
    Mlp encoder = network.prefix(encoderLayers);
    float[] all = base.parameters();
    float[] encoderParams = Arrays.copyOf(all, encoder.parameterCount());
    float[] inputs = base.pca().embedAll(features).data();
    Gemm gemm = config.autoencoder().kernel() == AutoencoderConfig.Kernel.ND4J ? Gemm.Kind.ND4J.create()
        : Gemm.Kind.JAVA.create();
    ContrastiveTrainable trainable = new ContrastiveTrainable(encoder, encoderParams, inputs, trainGroups, valGroups,
        config.temperature(), config.training().batchSize(), gemm);
    new TrainingLoop(config.training()).fit(trainable, listener);
    System.arraycopy(encoderParams, 0, all, 0, encoderParams.length);
    PcaAutoencoderModel tuned = new PcaAutoencoderModel(config.autoencoder(), base.pca(), all,
        new float[config.autoencoder().bottleneck()], Provenance.now(seed, base.provenance().dataFingerprint()));
    return new PlaylistContrastiveModel(config, tuned);
  }

  /** Each group's rows, checked and without repeats. */
  static int[][] distinctGroups(int[][] groups, int rows) {
    int[][] out = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      int[] rs = Objects.requireNonNull(groups[g], "groups[" + g + "]");
      for (int r : rs) {
        if (r < 0 || r >= rows) {
          throw new IllegalArgumentException("groups[" + g + "] holds row " + r + "; rows must be in [0, "
              + (rows - 1) + "]");
        }
      }
      out[g] = Arrays.stream(rs).distinct().toArray();
    }
    return out;
  }

  @Override
  public String toString() {
    return "PlaylistContrastiveEmbedder[" + config + "]";
  }
}
