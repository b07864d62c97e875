package dev.recsys.benchmarks.runner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a result depends on besides the code: the git revision (and whether the work tree had uncommitted
 * changes), the JDK and its vector support, and the machine (CPU model, cores, caches, memory, operating system,
 * load average). Read once at the start of a run; the load average is read again at the end.
 */
public final class RunEnvironment {
  private RunEnvironment() {}

  /**
   * The description as an ordered map (JSON object).
   *
   * @param repository the git work tree the code was built from
   * @return the description
   */
  public static Map<String, Object> capture(Path repository) {
    Map<String, Object> env = new LinkedHashMap<>();
    Map<String, Object> git = new LinkedHashMap<>();
    String revision = run(repository, "git", "rev-parse", "HEAD");
    git.put("revision", revision == null ? "unknown" : revision);
    String status = run(repository, "git", "status", "--porcelain", "--untracked-files=no");
    git.put("dirty", status == null ? null : !status.isBlank());
    env.put("git", git);

    Map<String, Object> jdk = new LinkedHashMap<>();
    jdk.put("version", System.getProperty("java.runtime.version"));
    jdk.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    jdk.put("vendor", System.getProperty("java.vendor"));
    jdk.put("home", System.getProperty("java.home"));
    boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    jdk.put("vectorApi", vector);
    if (vector) {
      jdk.put("preferredVectorBits", dev.recsys.benchmarks.machine.Reads.vectorBits());
    }
    jdk.put("inputArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    env.put("jdk", jdk);

    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpu", cpuModel());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("caches", caches());
    machine.put("memoryBytes", memTotal());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    machine.put("loadAverageAtStart", loadAverage());
    env.put("machine", machine);
    return env;
  }

  /**
   * The one-minute load average, or -1 when the platform has none.
   *
   * @return the load average
   */
  public static double loadAverage() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static List<String> caches() {
    List<String> out = new ArrayList<>();
    Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
    for (int i = 0; i < 8; i++) {
      Path index = dir.resolve("index" + i);
      if (!Files.isDirectory(index)) {
        break;
      }
      try {
        String level = Files.readString(index.resolve("level")).trim();
        String type = Files.readString(index.resolve("type")).trim();
        String size = Files.readString(index.resolve("size")).trim();
        out.add("L" + level + " " + type + " " + size);
      } catch (IOException e) {
        break;
      }
    }
    return out;
  }

  private static long memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: fall through
    }
    return Runtime.getRuntime().maxMemory();
  }

  /** Runs a short command in {@code dir}; its trimmed output, or null when it fails. */
  static String run(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
