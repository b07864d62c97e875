package dev.recsys.core.data;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticDataSourcePlugin;
import dev.recsys.testframework.DataSourceConformance;
import dev.recsys.testframework.PluginConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The data-source and plugin conformance suites against built-in sources. */
class DataSourcePluginConformanceTest {
  @Nested
  class SyntheticSource extends DataSourceConformance {
    @Override
    protected DataSource source() {
      return new SyntheticDataSourcePlugin().open(SynthConfig.builder().tracks(300).listeners(20).seed(3).build());
    }
  }

  @Nested
  class SyntheticPlugin extends PluginConformance<SynthConfig> {
    @Override
    protected Plugin<SynthConfig> plugin() {
      return new SyntheticDataSourcePlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }

  @Nested
  class InteractionsFile extends DataSourceConformance {
    @TempDir
    Path dir;

    @Override
    protected DataSource source() throws IOException {
      Path f = dir.resolve("plays.csv");
      Files.writeString(f, "user,item,weight\nu1,t1,3\nu1,t2,1\nu2,t1,5\n");
      return Datasets.open("interactions:" + f, ReadOptions.STRICT);
    }

    @Override
    protected Optional<Malformed> malformed() throws IOException {
      Path f = dir.resolve("bad.csv");
      Files.writeString(f, "user,item,weight\nu1,t1,3\nu1,t2,lots\nu2,t1,5\n");
      return Optional.of(new Malformed(Datasets.open("interactions:" + f, ReadOptions.STRICT),
          Datasets.open("interactions:" + f, ReadOptions.LENIENT), List.of("bad.csv", "3", "weight")));
    }
  }
}
