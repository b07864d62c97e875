package dev.recsys.benchmarks.synth;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feature transform throughput in rows per second over a 50,000-track synthetic catalogue: the fitted pipeline
 * (defaults: 9 audio + 4 engineered numeric columns with imputation and z-scores, key/mode/meter/mood one-hots,
 * TF-IDF genres; and the audio-and-metadata mode) against a baseline that only z-scores the 12 raw audio
 * features into the same kind of row-major float array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class FeatureTransformBenchmark {
  static final int ROWS = 50_000;

  /** The competing transforms. */
  public enum Impl {
    /** {@link FeatureConfig#defaults()}. */
    PIPELINE_DEFAULTS,
    /** {@link FeatureConfig#audioAndMetadata()}. */
    PIPELINE_AUDIO_METADATA,
    /** Z-scores of the 12 raw audio features, missing as 0. */
    BASELINE_ZSCORE
  }

  /** The implementation measured. */
  @Param
  Impl impl;

  private Catalog catalog;
  private FittedFeatures fitted;
  private double[] mean;
  private double[] sd;

  /** Generates the catalogue and fits the pipeline and the baseline's statistics. */
  @Setup
  public void setup() {
    catalog = SyntheticWorld.generate(SynthConfig.builder().seed(1).tracks(ROWS).listeners(0).missingRate(0.01).build())
        .catalog();
    fitted = new FeaturePipeline(impl == Impl.PIPELINE_AUDIO_METADATA ? FeatureConfig.audioAndMetadata()
        : FeatureConfig.defaults()).fit(catalog);
    int d = AudioFeature.values().length;
    mean = new double[d];
    sd = new double[d];
    int[] n = new int[d];
    double[] ss = new double[d];
    for (Track t : catalog.tracks()) {
      for (AudioFeature f : AudioFeature.values()) {
        double v = t.audio().value(f);
        if (!Double.isNaN(v)) {
          mean[f.ordinal()] += v;
          ss[f.ordinal()] += v * v;
          n[f.ordinal()]++;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n[j];
      sd[j] = Math.sqrt(Math.max(1e-12, ss[j] / n[j] - mean[j] * mean[j]));
    }
  }

  /** Transforms every track of the catalogue into one row-major array. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public float[] transform() {
    if (impl == Impl.BASELINE_ZSCORE) {
      AudioFeature[] fs = AudioFeature.values();
      int d = fs.length;
      float[] out = new float[ROWS * d];
      for (int i = 0; i < ROWS; i++) {
        Track t = catalog.get(i);
        for (int j = 0; j < d; j++) {
          double v = t.audio().value(fs[j]);
          out[i * d + j] = Double.isNaN(v) ? 0f : (float) ((v - mean[j]) / sd[j]);
        }
      }
      return out;
    }
    return fitted.transform(catalog).data();
  }
}
