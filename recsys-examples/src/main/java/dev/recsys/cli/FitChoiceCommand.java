package dev.recsys.cli;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.Provenance;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.simulation.ShuffleExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys fit-choice}: simulates listeners with hidden weights on a synthetic world, fits the conditional-logit
 * choice model to their choices and prints the recovery table (true versus fitted weights with 95% intervals);
 * {@code --evaluate} adds the side-by-side shuffle evaluation and explained narrative walks.
 */
@Command(name = "fit-choice", mixinStandardHelpOptions = true,
    description = "Simulate listeners on a synthetic world, fit the smart-shuffle choice model and print true vs fitted weights.")
final class FitChoiceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--sessions", defaultValue = "500", description = "Simulated sessions (each gives length-1 choices; default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--length", defaultValue = "41", description = "Plays per session (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--tracks", defaultValue = "2000", description = "Tracks of the synthetic world (default ${DEFAULT-VALUE}).")
  int tracks;

  @Option(names = "--taste", defaultValue = "0", description = "Weight of the listeners' cluster taste in their utility, not modelled by the fit (default ${DEFAULT-VALUE}).")
  double taste;

  @Option(names = "--method", defaultValue = "NEWTON", description = "NEWTON or LBFGS (default ${DEFAULT-VALUE}).")
  ChoiceModelConfig.Method method;

  @Option(names = "--l2", defaultValue = "0", description = "L2 penalty (default ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--evaluate", description = "Also compare uniform shuffle, similarity walk and smart walks, with narratives.")
  boolean evaluate;

  @Option(names = "--save", description = "Write the fitted model to this file (choice-model container).")
  Path save;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ShuffleExperiment.Config base = ShuffleExperiment.Config.of(sessions, seed);
    ShuffleExperiment.Config cfg = new ShuffleExperiment.Config(tracks, base.clusters(), base.listeners(), sessions, length, taste,
        base.trueWeights(), base.k(), ChoiceModelConfig.defaults().withMethod(method).withL2(l2), seed);
    ShuffleExperiment.Result r = ProgressBar.step("choice model", () -> ShuffleExperiment.run(cfg, evaluate));
    if (save != null) {
      r.model().withProvenance(Provenance.now(seed, new Fingerprint().add("synthetic-world").add(seed).add(tracks).add(sessions).value())).save(save);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, r);
      return 0;
    }
    out.printf("synthetic world: %d tracks, %d clusters, %d listeners; %d sessions of %d plays; taste strength %s; seed %d%n",
        cfg.tracks(), cfg.clusters(), cfg.listeners(), cfg.sessions(), cfg.sessionLength(), cfg.tasteStrength(), seed);
    out.print(r.recoveryTable());
    if (r.evaluation() != null) {
      out.println();
      out.printf("evaluation: %d sessions of %d plays per sampler, repeat window %d, %d held-out choices%n",
          r.evaluation().config().sessions(), r.evaluation().config().sessionLength(), r.evaluation().config().repeatWindow(),
          r.evaluation().heldOutChoices());
      out.print(r.evaluation().table());
      out.println();
      out.print(r.evaluation().narrativeText());
    }
    if (save != null) {
      out.println("wrote " + save);
    }
    out.flush();
    return 0;
  }
}
