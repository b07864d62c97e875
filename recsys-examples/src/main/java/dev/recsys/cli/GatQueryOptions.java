package dev.recsys.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code continue-playlist} and {@code next-track} share (a picocli mixin). */
final class GatQueryOptions {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory of train-gat.")
  Path model;

  @Option(names = "--k", paramLabel = "K", description = "Number of tracks (default ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--explain", description = "Print attention explanations.")
  boolean explain;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;
}
