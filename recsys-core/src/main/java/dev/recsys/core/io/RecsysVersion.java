package dev.recsys.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the recsys library on the class path. */
public final class RecsysVersion {
  private static final String VERSION = read();

  private RecsysVersion() {}

  private static String read() {
    try (InputStream in = RecsysVersion.class.getResourceAsStream("/dev/recsys/core/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The library version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}.
   *
   * @return the library version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}
   */
  public static String get() {
    return VERSION;
  }
}
