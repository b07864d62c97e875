package dev.recsys.benchmarks.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the memory fields of a Linux process's {@code /proc/PID/status}: {@code VmRSS} (resident set now) and
 * {@code VmHWM} (its peak over the process's life, kept by the kernel, so no sampling can miss it).
 */
public final class ProcStatus {
  private ProcStatus() {}

  /**
   * A {@code kB} field of {@code /proc/PID/status}, in bytes.
   *
   * @param pid the process id
   * @param field the field name, e.g. {@code "VmRSS"} or {@code "VmHWM"}
   * @return the value in bytes
   * @throws IOException when the file cannot be read or lacks the field (not Linux, process gone)
   */
  public static long bytes(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException(field + " not in /proc/" + pid + "/status");
  }

  /**
   * {@link #bytes} of this process, or -1 where {@code /proc} is not available.
   *
   * @param field the field name
   * @return the value in bytes, or -1
   */
  public static long self(String field) {
    try {
      return bytes(ProcessHandle.current().pid(), field);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
