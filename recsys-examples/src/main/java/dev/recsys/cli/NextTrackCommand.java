package dev.recsys.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recsys next-track}: recommends the next track of a session with the graph attention model. */
@Command(name = "next-track", mixinStandardHelpOptions = true,
    description = "Recommend the next track of a listening session, with the graph attention model of 'train-gat'.")
final class NextTrackCommand implements Callable<Integer> {
  @Mixin
  GatQueryOptions options;

  @Option(names = "--session", required = true, split = ",", paramLabel = "ID", description = "The session so far, oldest first.")
  List<String> session;

  @Override
  public Integer call() throws Exception {
    return options.run(session, false);
  }
}
