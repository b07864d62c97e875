package dev.recsys.cli;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys plugins}: lists the plugins on the class path by kind. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins on the class path, by kind.")
final class PluginsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--strict", description = "Fail (exit 1) when two plugins of one kind share a name.")
  boolean strict;

  /** One listed plugin. */
  record Entry(String kind, String name, String description, String configType) {}

  /** The listing: every plugin, and every provider hidden by another of the same name. */
  record Listing(List<Entry> plugins, List<PluginRegistry.Shadowed> shadowed) {}

  /** The plugin kinds listed, by the configuration section that uses them. */
  static Map<String, PluginRegistry<?>> registries() {
    Map<String, PluginRegistry<?>> m = new LinkedHashMap<>();
    for (PluginKind<?, ?> kind : PluginKind.ALL) {
      m.put(kind.section(), kind.registry());
    }
    return m;
  }

  @Override
  public Integer call() {
    List<Entry> entries = new ArrayList<>();
    List<PluginRegistry.Shadowed> shadowed = new ArrayList<>();
    registries().forEach((kind, reg) -> {
      for (Object o : reg.plugins()) {
        Plugin<?> p = (Plugin<?>) o;
        entries.add(new Entry(kind, p.name(), p.description(), p.configType().getSimpleName()));
      }
      shadowed.addAll(reg.shadowed());
    });
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, new Listing(entries, shadowed));
    } else {
      for (Entry e : entries) {
        out.printf("%-9s %-18s %s%n", e.kind(), e.name(), e.description());
      }
      if (entries.isEmpty()) {
        out.println("no plugins on the class path");
      }
      for (PluginRegistry.Shadowed s : shadowed) {
        out.println("SHADOWED: " + s);
      }
      out.flush();
    }
    if (strict && !shadowed.isEmpty()) {
      spec.commandLine().getErr().println("error: " + shadowed.size() + " plugin name collision(s); remove one provider of each name");
      return 1;
    }
    return 0;
  }
}
