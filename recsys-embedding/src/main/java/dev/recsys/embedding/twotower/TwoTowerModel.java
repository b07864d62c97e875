package dev.recsys.embedding.twotower;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.embedding.twotower.internal.Batch;
import dev.recsys.embedding.twotower.internal.Schemas;
import dev.recsys.embedding.twotower.internal.TwoTowerNetwork;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A trained two-tower model: embeds query rows (listeners) and item rows (tracks) into one space where the dot
 * product of the L2-normalised vectors scores a pair. Produced by {@link TwoTowerTrainer}.
 *
 * <p>Immutable and thread-safe. Inference uses batch-norm running statistics and no dropout, and a kernel whose
 * results do not depend on the batch: embedding one row gives bit for bit the matching row of a batch. Input rows
 * are checked against the tower's {@link FeatureSchema}; returned arrays are fresh.
 */
public final class TwoTowerModel {
  private final TwoTowerNetwork network;

  private TwoTowerModel(TwoTowerNetwork network) {
    this.network = network;
  }

  /** A model holding a copy of the network's current weights and statistics. */
  static TwoTowerModel copyOf(TwoTowerNetwork trained, FeatureSchema querySchema, FeatureSchema itemSchema) {
    TwoTowerNetwork copy = TwoTowerNetwork.uninitialised(trained.config(), querySchema,
        trained.isSiamese() ? null : itemSchema);
    System.arraycopy(trained.flat(), 0, copy.flat(), 0, copy.flat().length);
    copy.scatter();
    List<float[]> from = trained.runningStatistics();
    List<float[]> to = copy.runningStatistics();
    for (int i = 0; i < from.size(); i++) {
      System.arraycopy(from.get(i), 0, to.get(i), 0, to.get(i).length);
    }
    return new TwoTowerModel(copy);
  }

  /**
   * The architecture and objective it was trained with.
   *
   * @return the architecture and objective it was trained with
   */
  public TwoTowerConfig config() {
    return network.config();
  }

  /**
   * Whether one tower embeds both queries and items.
   *
   * @return whether one tower embeds both queries and items
   */
  public boolean isSiamese() {
    return network.isSiamese();
  }

  /**
   * The query tower's inputs.
   *
   * @return the query tower's inputs
   */
  public FeatureSchema querySchema() {
    return network.queryTower().schema();
  }

  /**
   * The item tower's inputs (the query schema when siamese).
   *
   * @return the item tower's inputs (the query schema when siamese)
   */
  public FeatureSchema itemSchema() {
    return network.itemTower().schema();
  }

  /**
   * Width of the embeddings.
   *
   * @return the width of the embeddings
   */
  public int dimension() {
    return network.config().outputDimension();
  }

  /**
   * Number of trainable parameters.
   *
   * @return the number of trainable parameters
   */
  public int parameterCount() {
    return network.flat().length;
  }

  /**
   * Embeds one query row.
   *
   * @param row the row index
   * @return the embedding of the row
   */
  public float[] embedQuery(TowerRow row) {
    return embedQueries(List.of(row))[0];
  }

  /**
   * Embeds query rows; row {@code i} of the result is the embedding of {@code rows.get(i)}.
   *
   * @param rows the number of rows
   * @return one embedding per row
   */
  public float[][] embedQueries(List<TowerRow> rows) {
    return split(network.embedQueries(Batch.of(querySchema(), rows)), rows.size());
  }

  /**
   * Embeds one item row.
   *
   * @param row the row index
   * @return the embedding of the row
   */
  public float[] embedItem(TowerRow row) {
    return embedItems(List.of(row))[0];
  }

  /**
   * Embeds item rows; row {@code i} of the result is the embedding of {@code rows.get(i)}.
   *
   * @param rows the number of rows
   * @return one embedding per row
   */
  public float[][] embedItems(List<TowerRow> rows) {
    return split(network.embedItems(Batch.of(itemSchema(), rows)), rows.size());
  }

  private float[][] split(float[] flat, int n) {
    int d = dimension();
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return out;
  }

  /**
   * Writes the model (configuration, schemas, weights, batch-norm statistics) into a payload.
   *
   * @param w the writer
   */
  public void write(Payload.Writer w) {
    w.putString(ConfigJson.write(network.config()));
    w.putInt(network.isSiamese() ? 1 : 0);
    Schemas.write(w, querySchema());
    if (!network.isSiamese()) {
      Schemas.write(w, itemSchema());
    }
    w.putFloats(network.flat());
    List<float[]> stats = network.runningStatistics();
    w.putInt(stats.size());
    stats.forEach(w::putFloats);
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws ModelFormatException if the payload does not hold a model of consistent shape
   * @param r the reader
   * @return the {@code TwoTowerModel}
   */
  public static TwoTowerModel read(Payload.Reader r) throws IOException {
    TwoTowerConfig config = ConfigJson.readModelConfig(r.getString(), TwoTowerConfig.class, "two-tower model");
    boolean siamese = r.getInt() == 1;
    FeatureSchema q = Schemas.read(r);
    FeatureSchema it = siamese ? null : Schemas.read(r);
    TwoTowerNetwork net = TwoTowerNetwork.uninitialised(config, q, it);
    float[] flat = r.getFloats();
    if (flat.length != net.flat().length) {
      throw new ModelFormatException("two-tower weights have " + flat.length + " values; the schemas need "
          + net.flat().length);
    }
    System.arraycopy(flat, 0, net.flat(), 0, flat.length);
    net.scatter();
    List<float[]> stats = net.runningStatistics();
    int n = r.getInt();
    if (n != stats.size()) {
      throw new ModelFormatException("two-tower model has " + n + " batch-norm statistics; expected " + stats.size());
    }
    for (float[] s : stats) {
      float[] v = r.getFloats();
      if (v.length != s.length) {
        throw new ModelFormatException("batch-norm statistic of " + v.length + " values; expected " + s.length);
      }
      System.arraycopy(v, 0, s, 0, v.length);
    }
    return new TwoTowerModel(Objects.requireNonNull(net));
  }

  @Override
  public String toString() {
    return "TwoTowerModel[config=" + config() + ", siamese=" + isSiamese() + ", query=" + querySchema() + ", item="
        + itemSchema() + ", parameters=" + parameterCount() + "]";
  }
}
