package dev.recsys.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code recsys --help} reads: commands grouped by pipeline stage, and descriptions as whole sentences.
 *
 * <p>Descriptions are written in the source as several strings so that lines stay short; picocli would print each
 * string on a line of its own and list only the first in the command list, cutting sentences in the middle.
 * {@link #reflow} joins a string that does not end a sentence ({@code .}, {@code ?}, {@code !}) with the
 * next, so each printed line, and the command list's summary, is whole.
 */
final class CliHelp {
  private CliHelp() {}

  /** A stage of the pipeline and its commands, in the order {@code --help} lists them. */
  record Group(String title, List<String> commands) {}

  /** Every command of {@code recsys}, by stage. */
  static final List<Group> GROUPS = List.of(
      new Group("Try it", List.of("demo", "serve", "example")),
      new Group("Data", List.of("generate", "ingest", "spotify")),
      new Group("Embeddings and retrieval", List.of("embed", "evaluate-embeddings", "check-vectors", "index", "similar")),
      new Group("Smart shuffle", List.of("graph", "shuffle", "fit-choice")),
      new Group("Listeners and recommendations", List.of("train", "train-two-tower", "recommend", "similar-listeners", "train-gat",
          "next-track", "continue-playlist")),
      new Group("Evaluation and tuning", List.of("evaluate", "evaluate-matching", "evaluate-shuffle", "evaluate-two-tower",
          "evaluate-attributes", "evaluate-gat", "importance", "tune", "quality")),
      new Group("Tools", List.of("plugins", "check-config", "completion", "help")));

  /** Applies {@link #reflow} to {@code cli} and every subcommand, and groups the top-level command list. */
  static void install(CommandLine cli) {
    reflowAll(cli);
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CliHelp::groupedCommandList);
  }

  private static void reflowAll(CommandLine cli) {
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    usage.description(reflow(usage.description()));
    for (CommandLine sub : cli.getSubcommands().values()) {
      reflowAll(sub);
    }
  }

  /** Joins each description string that does not end a sentence with the next one. */
  static String[] reflow(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : lines) {
      String s = line.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(s);
      if (endsSentence(s)) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out.toArray(new String[0]);
  }

  private static boolean endsSentence(String s) {
    char c = s.charAt(s.length() - 1);
    return c == '.' || c == '?' || c == '!' || s.endsWith("%n");
  }

  /** The commands of every group under its title; a command missing from {@link #GROUPS} is listed under "Other". */
  static String groupedCommandList(Help help) {
    Map<String, Help> all = help.subcommands();
    Set<String> left = new LinkedHashSet<>(all.keySet());
    StringBuilder sb = new StringBuilder();
    for (Group g : GROUPS) {
      sb.append(section(help, g.title(), g.commands(), all, left));
    }
    sb.append(section(help, "Other", List.copyOf(left), all, new LinkedHashSet<>(left)));
    return sb.toString();
  }

  private static String section(Help help, String title, List<String> names, Map<String, Help> all, Set<String> left) {
    Map<String, Help> subset = new LinkedHashMap<>();
    for (String n : names) {
      if (all.containsKey(n) && left.remove(n)) {
        subset.put(n, all.get(n));
      }
    }
    String nl = System.lineSeparator();
    return subset.isEmpty() ? "" : nl + title + ":" + nl + help.commandList(subset);
  }
}
