package dev.recsys.core.eval.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The git revision of the working directory, recorded in reports. */
public final class GitRevision {
  /** The value when no revision can be read. */
  public static final String UNKNOWN = "unknown";

  private GitRevision() {}

  /**
   * The output of {@code git rev-parse HEAD} in the current directory, or {@value #UNKNOWN} when git is not
   * installed, the directory is not a repository, or the command takes more than 5 seconds.
   */
  public static String current() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(false).start();
      p.getOutputStream().close();
      p.getErrorStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return UNKNOWN;
      }
      try (InputStream in = p.getInputStream()) {
        String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : UNKNOWN;
      }
    } catch (IOException e) {
      return UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    }
  }
}
