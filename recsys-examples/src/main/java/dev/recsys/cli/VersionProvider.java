package dev.recsys.cli;

import dev.recsys.core.io.RecsysVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the library and runtime versions for {@code recsys --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"recsys " + RecsysVersion.get(), "Java " + Runtime.version()};
  }
}
