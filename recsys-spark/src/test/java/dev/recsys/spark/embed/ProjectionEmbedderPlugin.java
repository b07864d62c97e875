package dev.recsys.spark.embed;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingModel;
import java.util.SplittableRandom;

/**
 * A test embedder without ND4J: a seeded random projection followed by tanh, saved and loaded through the model
 * container like the real embedders, so the job's ship-load-embed path runs in this module's tests.
 */
public final class ProjectionEmbedderPlugin implements EmbedderPlugin<NoConfig> {
  /** The plugin name. */
  public static final String NAME = "test-projection";

  /** Creates the plugin (service loader). */
  public ProjectionEmbedderPlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test embedder: seeded random projection + tanh";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public NoConfig defaultConfig() {
    return NoConfig.INSTANCE;
  }

  @Override
  public Embedder create(NoConfig config) {
    return (features, listener) -> new Model(features.cols(), 6, 17L);
  }

  @Override
  public EmbeddingModel load(ModelContainer c) throws ModelFormatException {
    c.require(NAME, 1);
    Payload.Reader r = Payload.reader(c.payload());
    try {
      return new Model(r.getInt(), r.getInt(), r.getLong());
    } catch (java.io.IOException e) {
      throw new ModelFormatException(NAME + ": " + e.getMessage(), e);
    }
  }

  /** The projection. */
  static final class Model implements EmbeddingModel {
    private final int in;
    private final int out;
    private final long seed;
    private final float[] w;

    Model(int in, int out, long seed) {
      this.in = in;
      this.out = out;
      this.seed = seed;
      this.w = new float[in * out];
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) rnd.nextGaussian();
      }
    }

    @Override
    public String providerName() {
      return NAME;
    }

    @Override
    public int inputDimension() {
      return in;
    }

    @Override
    public int dimension() {
      return out;
    }

    @Override
    public float[] embed(float[] x) {
      float[] y = new float[out];
      for (int o = 0; o < out; o++) {
        float s = 0f;
        for (int i = 0; i < in; i++) {
          s += x[i] * w[o * in + i];
        }
        y[o] = (float) Math.tanh(s);
      }
      return y;
    }

    @Override
    public FeatureMatrix embedAll(FeatureMatrix x) {
      float[] data = new float[x.rows() * out];
      for (int r = 0; r < x.rows(); r++) {
        System.arraycopy(embed(x.row(r)), 0, data, r * out, out);
      }
      java.util.List<String> cols = new java.util.ArrayList<>();
      for (int o = 0; o < out; o++) {
        cols.add("p" + o);
      }
      return new FeatureMatrix(x.rows(), out, data, cols);
    }

    @Override
    public ModelContainer toContainer() {
      byte[] payload = Payload.writer().putInt(in).putInt(out).putLong(seed).toByteArray();
      return new ModelContainer(NAME, 1, "{}", Provenance.now(seed, "test"), payload);
    }
  }
}
