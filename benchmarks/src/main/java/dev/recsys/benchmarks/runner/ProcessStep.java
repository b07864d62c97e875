package dev.recsys.benchmarks.runner;

import java.util.List;
import java.util.Objects;

/**
 * A program in the plan that is not a JMH benchmark: a harness {@code main} of this jar run in a child JVM with
 * the runner's JVM flags (it may write a JSON result file, which the report embeds), or a command of the project
 * (e.g. {@code ./recsys demo}) whose wall time is the measurement.
 *
 * @param id short identifier
 * @param title what is measured
 * @param mainClass the harness class, or null for a command
 * @param quickArgs arguments (or the command line) in the quick profile; null to skip the profile
 * @param fullArgs arguments (or the command line) in the full profile; null to skip the profile
 * @param outOption how the program is told where to write its JSON result: {@code "--out"} (two arguments) or
 *     {@code "out="} (one argument, the path appended); null when it writes none
 * @param requiresData a path under the shared data folder the step needs, or null
 */
public record ProcessStep(String id, String title, String mainClass, List<String> quickArgs, List<String> fullArgs,
    String outOption, String requiresData) {
  /** Validates. */
  public ProcessStep {
    Objects.requireNonNull(id);
    Objects.requireNonNull(title);
  }

  /** The arguments telling the program to write its JSON to {@code file}. */
  List<String> outArgs(java.nio.file.Path file) {
    if (outOption == null) {
      return List.of();
    }
    return outOption.endsWith("=") ? List.of(outOption + file) : List.of(outOption, file.toString());
  }

  /** The arguments for a profile, or null when the step does not run in it. */
  List<String> args(Profile profile) {
    return profile == Profile.QUICK ? quickArgs : fullArgs;
  }
}
