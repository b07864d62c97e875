package dev.recsys.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code recsys} command: entry point of the command-line interface. Each subcommand is a class in this
 * package; errors end with a non-zero exit status and a one-line cause on standard error.
 */
@Command(
    name = "recsys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Music recommendation toolkit: embeddings, retrieval, smart shuffle, recommenders, evaluation.",
    subcommands = {
        DemoCommand.class,
        ServeCommand.class,
        ExampleCommand.class,
        GenerateCommand.class,
        IngestCommand.class,
        EmbedCommand.class,
        EvaluateEmbeddingsCommand.class,
        CheckVectorsCommand.class,
        IndexCommand.class,
        SimilarCommand.class,
        GraphCommand.class,
        ShuffleCommand.class,
        FitChoiceCommand.class,
        EvaluateShuffleCommand.class,
        EvaluateCommand.class,
        ImportanceCommand.class,
        EvaluateMatchingCommand.class,
        TuneCommand.class,
        TrainCommand.class,
        TrainTwoTowerCommand.class,
        RecommendCommand.class,
        SimilarListenersCommand.class,
        EvaluateTwoTowerCommand.class,
        EvaluateAttributesCommand.class,
        TrainGatCommand.class,
        NextTrackCommand.class,
        ContinuePlaylistCommand.class,
        EvaluateGatCommand.class,
        QualityCommand.class,
        SpotifyCommand.class,
        PluginsCommand.class,
        ConfigCheckCommand.class,
        CompletionCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class RecsysCli {
  private RecsysCli() {}

  /** {@code --progress WHEN}, accepted by every command. */
  @Option(names = "--progress", paramLabel = "WHEN", scope = ScopeType.INHERIT,
      description = "Progress bars on standard error: auto (only when it is a terminal), always or never (default auto).")
  void progress(ProgressBar.Mode when) {
    ProgressBar.mode(when);
  }

  /** {@code --no-progress}, accepted by every command. */
  @Option(names = "--no-progress", scope = ScopeType.INHERIT, description = "No progress bars (as --progress=never).")
  void noProgress(boolean off) {
    if (off) {
      ProgressBar.mode(ProgressBar.Mode.NEVER);
    }
  }

  /** Runs the CLI and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit status (for tests and embedding). */
  public static int run(String... args) {
    configureLogging();
    ProgressBar.mode(ProgressBar.Mode.AUTO);
    CommandLine cli = commandLine();
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("error: " + oneLine(ex));
      if (Boolean.getBoolean("recsys.debug")) {
        ex.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cli.execute(args);
  }

  /** The command line with every subcommand, its help grouped by pipeline stage (see {@link CliHelp}). */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RecsysCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    CliHelp.install(cli);
    return cli;
  }

  /**
   * Routes {@code java.util.logging} (used by Lucene, e.g. its vectorisation notice) to SLF4J, so that one
   * configuration ({@code simplelogger.properties}: warnings and errors on standard error) decides what a run prints.
   * More detail: {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info} in {@code RECSYS_JAVA_OPTS}.
   */
  static void configureLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** The exception's message on one line, with its type when the message is empty. */
  static String oneLine(Throwable ex) {
    String m = ex.getMessage();
    if (m == null || m.isBlank()) {
      m = ex.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }
}
