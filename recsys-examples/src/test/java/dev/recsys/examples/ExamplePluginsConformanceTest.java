package dev.recsys.examples;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.spi.DataSource;
import dev.recsys.testframework.DataSourceConformance;
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

/** The examples' plugins pass the test framework's suites, as a plugin author's would. */
class ExamplePluginsConformanceTest {
  static final String HEADER = "id\ttitle\tartist\tgenre\tenergy\tvalence\n";

  @Nested
  class TsvCatalogSourceContract extends DataSourceConformance {
    @TempDir
    Path dir;

    private Path write(String name, String body) throws IOException {
      Path f = dir.resolve(name);
      Files.writeString(f, HEADER + body);
      return f;
    }

    @Override
    protected DataSource source() throws IOException {
      Path f = write("catalog.tsv", "t1\tOne\tA\tpop\t0.5\t0.4\nt2\tTwo\tB\trock\t0.9\t0.1\nt3\tThree\tA\tpop\t0.2\t0.8\n");
      return new TsvCatalogSource.Plugin().open(new TsvCatalogSource.Config(f.toString(), true));
    }

    @Override
    protected Optional<Malformed> malformed() throws IOException {
      Path f = write("bad.tsv", "t1\tOne\tA\tpop\t0.5\t0.4\nt2\tTwo\tB\trock\n");
      TsvCatalogSource.Plugin p = new TsvCatalogSource.Plugin();
      return Optional.of(new Malformed(p.open(new TsvCatalogSource.Config(f.toString(), true)),
          p.open(new TsvCatalogSource.Config(f.toString(), false)), List.of("bad.tsv", "3", "6")));
    }
  }

  @Nested
  class TsvCatalogSourcePlugin extends PluginConformance<TsvCatalogSource.Config> {
    @Override
    protected Plugin<TsvCatalogSource.Config> plugin() {
      return new TsvCatalogSource.Plugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"path\":null,\"strict\":true}", List.of("path"));
    }
  }

  @Nested
  class LinearScanIndexPlugin extends PluginConformance<LinearScanIndex.Config> {
    @Override
    protected Plugin<LinearScanIndex.Config> plugin() {
      return new LinearScanIndex.Plugin();
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
  class RecentlyPopularContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return RecommenderTrainer.of("recently-popular", train -> new EvaluateYourRecommender.RecentlyPopular(train, 500));
    }

    /** The example is evaluated in process and never saved: it has no plugin that could read it back. */
    @Override
    public void aSavedModelLoadsBackAndRecommendsExactlyTheSame(Path dir) {}
  }
}
