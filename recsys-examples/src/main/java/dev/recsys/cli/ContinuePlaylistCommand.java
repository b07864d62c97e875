package dev.recsys.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys continue-playlist}: continues a playlist from its first tracks with the graph attention model. */
@Command(name = "continue-playlist", mixinStandardHelpOptions = true,
    description = "Continue a playlist given its first tracks, with the graph attention model of 'train-gat'.")
final class ContinuePlaylistCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory of train-gat.")
  Path model;

  @Option(names = "--tracks", required = true, split = ",", paramLabel = "ID", description = "The playlist's tracks.")
  List<String> tracks;

  @Option(names = "--k", paramLabel = "K", description = "Number of tracks (default ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--explain", description = "Print attention explanations.")
  boolean explain;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return GatQueryCommand.run(spec.commandLine().getOut(), model, tracks, k, explain, json, true);
  }
}
