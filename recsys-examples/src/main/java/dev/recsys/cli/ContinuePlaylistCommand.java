package dev.recsys.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recsys continue-playlist}: continues a playlist from its first tracks with the graph attention model. */
@Command(name = "continue-playlist", mixinStandardHelpOptions = true,
    description = "Continue a playlist given its first tracks, with the graph attention model of 'train-gat'.")
final class ContinuePlaylistCommand implements Callable<Integer> {
  @Mixin
  GatQueryOptions options;

  @Option(names = "--tracks", required = true, split = ",", paramLabel = "ID", description = "The playlist's tracks.")
  List<String> tracks;

  @Override
  public Integer call() throws Exception {
    return options.run(tracks, true);
  }
}
