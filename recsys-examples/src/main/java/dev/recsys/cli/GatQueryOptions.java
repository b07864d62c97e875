package dev.recsys.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options {@code continue-playlist} and {@code next-track} share (a picocli mixin), and their one query. */
final class GatQueryOptions {
  /** The command this mixin is part of: where its output goes. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory of train-gat.")
  Path model;

  @Option(names = "--k", paramLabel = "K", description = "Number of tracks (default ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--explain", description = "Print attention explanations.")
  boolean explain;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** Runs the query on {@code seeds}: a playlist's first tracks ({@code playlist}) or a session so far. */
  int run(List<String> seeds, boolean playlist) throws IOException {
    return GatQueryCommand.run(command.commandLine().getOut(), model, seeds, k, explain, json, playlist);
  }
}
