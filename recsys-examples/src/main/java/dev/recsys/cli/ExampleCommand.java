package dev.recsys.cli;

import dev.recsys.examples.CustomPlugins;
import dev.recsys.examples.EvaluateYourRecommender;
import dev.recsys.examples.Quickstart;
import dev.recsys.examples.SameDecadeFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code recsys example NAME}: runs one of the runnable examples in {@code dev.recsys.examples}. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = {"Run an example: quickstart (embed, index, shuffle in 20 lines), feature (a custom shuffle feature),",
        "plugins (custom data source and index selected from YAML), evaluate (your own recommender vs baselines)."})
final class ExampleCommand implements Callable<Integer> {
  /** The examples by name. */
  enum Name { quickstart, feature, plugins, evaluate }

  @Parameters(paramLabel = "NAME", description = "One of: ${COMPLETION-CANDIDATES}.")
  Name name;

  @Override
  public Integer call() throws Exception {
    String[] none = new String[0];
    switch (name) {
      case quickstart -> Quickstart.main(none);
      case feature -> SameDecadeFeature.main(none);
      case plugins -> CustomPlugins.main(none);
      case evaluate -> EvaluateYourRecommender.main(none);
    }
    return 0;
  }
}
