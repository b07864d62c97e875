package dev.recsys.it;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.testframework.DataSourceConformance;
import dev.recsys.testframework.NextTrackSamplerConformance;
import dev.recsys.testframework.PluginConformance;
import dev.recsys.testframework.RecommenderConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own components against the recsys test framework, one nested class per suite (the index suite,
 * which has jqwik properties, runs from the top-level {@link FlatIndexTest}: jqwik does not descend into JUnit
 * {@code @Nested} classes).
 */
class ConformanceTest {
  static final Catalog CATALOG = SyntheticWorld.generate(SynthConfig.builder().seed(3).tracks(300).listeners(0).threads(1).build())
      .catalog();

  @Nested
  class TempoStepSamplerContract extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      return new TempoStepSampler(CATALOG);
    }

    @Override
    protected int catalogSize() {
      return CATALOG.size();
    }
  }

  @Nested
  class CoListenRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return new CoListenRecommender.Plugin().create();
    }

    /** The co-listen model is refitted from the interactions at start-up; it does not save itself. */
    @Override
    public void aSavedModelLoadsBackAndRecommendsExactlyTheSame(Path dir) {}
  }

  @Nested
  class PlaysCsvSourceContract extends DataSourceConformance {
    @TempDir
    Path dir;

    private DataSource open(String name, String body, boolean strict) throws IOException {
      Path f = dir.resolve(name);
      Files.writeString(f, PlaysCsvSource.HEADER + "\n" + body);
      return new PlaysCsvSource.Plugin().open(new PlaysCsvSource.Config(f.toString(), strict));
    }

    @Override
    protected DataSource source() throws IOException {
      return open("plays.csv", "ana,t1,3\nana,t2,1\nbo,t1,7\n", true);
    }

    @Override
    protected Optional<Malformed> malformed() throws IOException {
      String body = "ana,t1,3\nana,t2,-1\nbo,,2\n";
      return Optional.of(new Malformed(open("bad.csv", body, true), open("bad-lenient.csv", body, false),
          List.of("bad.csv", "3", "plays")));
    }
  }

  @Nested
  class FlatIndexPlugin extends PluginConformance<FlatIndex.Config> {
    @Override
    protected Plugin<FlatIndex.Config> plugin() {
      return new FlatIndex.Plugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"dimension\":0,\"similarity\":\"COSINE\"}", List.of("dimension", "0", "4096"));
    }
  }

  @Nested
  class TempoStepSamplerPlugin extends PluginConformance<TempoStepSampler.Config> {
    @Override
    protected Plugin<TempoStepSampler.Config> plugin() {
      return new TempoStepSampler.Plugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"temperature\":0}", List.of("temperature", "0", "100"));
    }
  }

  @Nested
  class PlaysCsvSourcePlugin extends PluginConformance<PlaysCsvSource.Config> {
    @Override
    protected Plugin<PlaysCsvSource.Config> plugin() {
      return new PlaysCsvSource.Plugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"path\":\" \",\"strict\":true}", List.of("path", "blank"));
    }
  }

  @Nested
  class CoListenRecommenderPlugin extends PluginConformance<CoListenRecommender.Config> {
    @Override
    protected Plugin<CoListenRecommender.Config> plugin() {
      return new CoListenRecommender.Plugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"minCoListens\":0}", List.of("minCoListens", "0", "1000"));
    }
  }
}
