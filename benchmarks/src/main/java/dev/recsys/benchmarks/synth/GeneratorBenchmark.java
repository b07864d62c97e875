package dev.recsys.benchmarks.synth;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Catalogue generation throughput in tracks per second: the synthetic world generator (genre and artist model,
 * correlated features, names, ids) against a baseline that fills the same {@link Track} records with independent
 * uniform features from {@link Random}. Listeners are off, so this measures the catalogue alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class GeneratorBenchmark {
  /** Number of tracks per invocation. */
  static final int TRACKS = 100_000;

  /** The competing generators. */
  public enum Impl {
    /** The synthetic world on one thread. */
    WORLD_1_THREAD,
    /** The synthetic world on two threads. */
    WORLD_2_THREADS,
    /** Independent uniform features, sequential ids, one artist per track. */
    BASELINE_UNIFORM
  }

  /** The implementation measured. */
  @Param
  Impl impl;

  private long seed;

  /** Generates one catalogue of {@value #TRACKS} tracks with a fresh seed. */
  @Benchmark
  @OperationsPerInvocation(TRACKS)
  public Catalog generate() {
    seed++;
    return switch (impl) {
      case WORLD_1_THREAD -> world(1);
      case WORLD_2_THREADS -> world(2);
      case BASELINE_UNIFORM -> baseline(seed);
    };
  }

  private Catalog world(int threads) {
    return SyntheticWorld.generate(SynthConfig.builder().seed(seed).tracks(TRACKS).listeners(0).threads(threads).build())
        .catalog();
  }

  static Catalog baseline(long seed) {
    Random r = new Random(seed);
    List<Track> out = new ArrayList<>(TRACKS);
    double[] v = new double[AudioFeature.values().length];
    List<String> genre = List.of("pop");
    for (int i = 0; i < TRACKS; i++) {
      for (AudioFeature f : AudioFeature.values()) {
        double x = f.min() + r.nextDouble() * (f.max() - f.min());
        v[f.ordinal()] = f.isCategorical() ? Math.floor(x) : x;
      }
      out.add(Track.builder("t" + i).title("Track " + i).artists(List.of(ArtistRef.named("Artist " + (i / 12))))
          .durationMs(120_000 + r.nextInt(180_000)).popularity(r.nextInt(101)).genres(genre)
          .audio(AudioFeatures.of(v)).build());
    }
    return Catalog.of(out);
  }
}
