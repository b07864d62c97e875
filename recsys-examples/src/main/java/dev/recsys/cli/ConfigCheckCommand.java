package dev.recsys.cli;

import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recsys check-config FILE}: parses and validates a pipeline configuration file. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate a pipeline configuration file (JSON or YAML) and print the resolved configuration.")
final class ConfigCheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The configuration file (.json, .yaml or .yml).")
  Path file;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PipelineConfig config = ConfigLoader.standard().load(file);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seed", config.seed());
      config.components().forEach((k, c) -> m.put(k, Map.of("type", c.pluginName(), "params", c.config())));
      Json.print(out, m);
    } else {
      out.println(file + ": valid");
      out.println(config);
      out.flush();
    }
    return 0;
  }
}
