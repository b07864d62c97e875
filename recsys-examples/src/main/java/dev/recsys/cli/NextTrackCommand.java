package dev.recsys.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys next-track}: recommends the next track of a session with the graph attention model. */
@Command(name = "next-track", mixinStandardHelpOptions = true,
    description = "Recommend the next track of a listening session, with the graph attention model of 'train-gat'.")
final class NextTrackCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory of train-gat.")
  Path model;

  @Option(names = "--session", required = true, split = ",", paramLabel = "ID", description = "The session so far, oldest first.")
  List<String> session;

  @Option(names = "--k", paramLabel = "K", description = "Number of tracks (default ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--explain", description = "Print attention explanations.")
  boolean explain;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return GatQueryCommand.run(spec.commandLine().getOut(), model, session, k, explain, json, false);
  }
}
