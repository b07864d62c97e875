package dev.recsys.core.eval.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The git revision of the working directory, recorded in reports. */
public final class GitRevision {
  /** The value when no revision can be read. */
  public static final String UNKNOWN = "unknown";

  private GitRevision() {}

  /**
   * The output of {@code git rev-parse HEAD} in the current directory, or {@value #UNKNOWN} when git is not
   * installed, the directory is not a repository, or the command takes more than 5 seconds.
   *
   * @return the output of {@code git rev-parse HEAD} in the current directory, or {@value #UNKNOWN} when git is not
   *     installed, the directory is not a repository, or the command takes more than 5 seconds
   */
  public static String current() {
    String out = git("rev-parse", "HEAD");
    return out != null && out.trim().matches("[0-9a-f]{40}") ? out.trim() : UNKNOWN;
  }

  /**
   * Whether the working tree has uncommitted changes ({@code git status --porcelain} prints anything), or empty
   * when git cannot tell (not installed, not a repository, or slower than 5 seconds).
   *
   * @return whether the working tree has uncommitted changes ({@code git status --porcelain} prints anything), or
   *     empty when git cannot tell (not installed, not a repository, or slower than 5 seconds)
   */
  public static Optional<Boolean> dirty() {
    String out = git("status", "--porcelain");
    return out == null ? Optional.empty() : Optional.of(!out.isBlank());
  }

  /** Standard output of a git command run in the current directory, or null when it fails or takes over 5 s. */
  private static String git(String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
        try (InputStream in = p.getInputStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return null;
        }
      });
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String out = stdout.get(5, TimeUnit.SECONDS);
      return p.exitValue() == 0 ? out : null;
    } catch (IOException | ExecutionException | TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
