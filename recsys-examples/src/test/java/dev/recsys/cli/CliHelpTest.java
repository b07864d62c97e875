package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's help: rendered without warnings, whole sentences, grouped by stage; the completion script. */
class CliHelpTest {
  private static List<CommandLine> allCommands(CommandLine cli) {
    List<CommandLine> all = new ArrayList<>();
    all.add(cli);
    for (CommandLine sub : cli.getSubcommands().values()) {
      all.addAll(allCommands(sub));
    }
    return all;
  }

  @Test
  void everyCommandsHelpRendersWithoutWarnings() {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> problems = new ArrayList<>();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      for (CommandLine c : allCommands(RecsysCli.commandLine())) {
        StringWriter out = new StringWriter();
        c.usage(new PrintWriter(out));
        String name = c.getCommandSpec().qualifiedName();
        String text = out.toString();
        if (text.contains("Could not format") || text.contains("[picocli")) {
          problems.add(name + ": " + text);
        }
        for (String d : c.getCommandSpec().usageMessage().description()) {
          checkFormat(name, d, problems);
        }
        for (OptionSpec o : c.getCommandSpec().options()) {
          for (String d : o.description()) {
            checkFormat(name + " " + o.longestName(), d, problems);
          }
        }
        for (PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
          for (String d : p.description()) {
            checkFormat(name + " " + p.paramLabel(), d, problems);
          }
        }
      }
    } finally {
      System.setErr(oldErr);
    }
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertEquals(List.of(), problems);
  }

  /** picocli formats help text with String.format: a lone % is a "Could not format" warning at run time. */
  private static void checkFormat(String where, String text, List<String> problems) {
    try {
      String.format(text);
    } catch (IllegalFormatException e) {
      problems.add(where + ": '" + text + "': " + e);
    }
  }

  @Test
  void descriptionsAreWholeSentences() {
    List<String> cut = new ArrayList<>();
    for (CommandLine c : allCommands(RecsysCli.commandLine())) {
      String[] d = c.getCommandSpec().usageMessage().description();
      for (String line : d) {
        String s = line.strip();
        if (!(s.endsWith(".") || s.endsWith("?") || s.endsWith("!") || s.endsWith("%n"))) {
          cut.add(c.getCommandSpec().qualifiedName() + ": '" + s + "'");
        }
      }
    }
    assertEquals(List.of(), cut, "description lines that do not end a sentence");
  }

  @Test
  void reflowJoinsOnlyUnfinishedSentences() {
    assertArrayEquals(new String[] {"Fit a model and print the report.", "--task next: the last track."},
        CliHelp.reflow(new String[] {"Fit a model and print the", "report.", "--task next: the last track."}));
    assertArrayEquals(new String[] {"No full stop"}, CliHelp.reflow(new String[] {"No full", "", "stop"}));
  }

  @Test
  void topLevelHelpListsEveryCommandOnceByStage() {
    CommandLine cli = RecsysCli.commandLine();
    List<String> grouped = new ArrayList<>();
    CliHelp.GROUPS.forEach(g -> grouped.addAll(g.commands()));
    assertEquals(grouped.size(), grouped.stream().distinct().count(), "a command in two groups: " + grouped);
    assertEquals(cli.getSubcommands().keySet().stream().sorted().toList(), grouped.stream().sorted().toList(),
        "every command in exactly one group, and no group naming a missing command");
    String help = cli.getUsageMessage();
    assertFalse(help.contains("Other:"), help);
    int last = -1;
    for (CliHelp.Group g : CliHelp.GROUPS) {
      int at = help.indexOf("\n" + g.title() + ":");
      assertTrue(at > last, g.title() + " in order in\n" + help);
      last = at;
    }
    assertTrue(java.util.regex.Pattern.compile("(?m)^  embed +Fit track embeddings \\(features -> PCA -> autoencoder\\)")
        .matcher(help).find(), help);
  }

  @Test
  void completionScriptCoversEveryCommand() {
    RecsysCliTest.Result r = RecsysCliTest.run("completion");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("complete -F"), r.out());
    for (Map.Entry<String, CommandLine> e : RecsysCli.commandLine().getSubcommands().entrySet()) {
      assertTrue(r.out().contains(e.getKey()), "completion of " + e.getKey());
    }
    assertEquals("", r.err());
  }
}
