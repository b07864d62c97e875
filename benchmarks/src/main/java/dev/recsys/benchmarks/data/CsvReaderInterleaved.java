package dev.recsys.benchmarks.data;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The full CSV reader of two benchmark jars (two revisions) against the tokenizer, for a shared, loaded machine
 * where runs that follow each other see different loads. Both jars are loaded into one JVM, each by its own class
 * loader, and every round runs one pass of the first jar's reader, the second jar's reader, and each jar's tokenizer
 * with number parsing, in an order that rotates from round to round; each pass is timed in CPU time of the reading
 * thread. Reports the medians, over the second half of the rounds, of each jar's ratio (tokenizer time / reader
 * time, as {@code CsvIngestBenchmark}'s rows per second {@code SPOTIFY_READER / TOKENIZER_PARSE}) and of the first
 * reader's time over the second's.
 *
 * <p>Usage: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks.jar
 * dev.recsys.benchmarks.data.CsvReaderInterleaved OLD.jar NEW.jar [rounds] [file]}; the file defaults to the
 * TidyTuesday {@code spotify_songs.csv} under {@code -Drecsys.shared.data} (default {@code ../shared/data}).
 */
public final class CsvReaderInterleaved {
  private CsvReaderInterleaved() {}

  /** Runs the rounds and prints the medians. */
  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: CsvReaderInterleaved OLD.jar NEW.jar [rounds] [file]");
      System.exit(2);
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 160;
    String file = args.length > 3 ? args[3] : Path.of(System.getProperty("recsys.shared.data", "../shared/data"),
        "spotify-songs-tidytuesday", "spotify_songs.csv").toString();
    MethodHandle[] pass = new MethodHandle[4];
    MethodType type = MethodType.methodType(long.class, String.class);
    for (int k = 0; k < 2; k++) {
      Class<?> c = new PassLoader(Path.of(args[k]).toUri().toURL()).loadClass(CsvIngestPass.class.getName());
      pass[k] = MethodHandles.publicLookup().findStatic(c, "reader", type);
      pass[2 + k] = MethodHandles.publicLookup().findStatic(c, "tokenizer", type);
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int kept = rounds - rounds / 2;
    double[][] r = new double[3][kept];
    long[] t = new long[4];
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < 4; k++) {
        int which = (k + i) % 4;
        long t0 = cpu.getCurrentThreadCpuTime();
        long rows = (long) pass[which].invokeExact(file);
        t[which] = cpu.getCurrentThreadCpuTime() - t0;
        if (rows <= 0) {
          throw new IllegalStateException("no rows read from " + file);
        }
      }
      if (i >= rounds / 2) {
        int j = i - rounds / 2;
        r[0][j] = (double) t[2] / t[0];
        r[1][j] = (double) t[3] / t[1];
        r[2][j] = (double) t[0] / t[1];
      }
    }
    String[] names = {"ratio " + args[0], "ratio " + args[1], "reader time old / new"};
    for (int k = 0; k < 3; k++) {
      Arrays.sort(r[k]);
      System.out.printf(Locale.ROOT, "%-60s median %.3f (p25 %.3f, p75 %.3f)%n", names[k], r[k][kept / 2], r[k][kept / 4],
          r[k][3 * kept / 4]);
    }
  }

  /**
   * The classes of one jar, with {@link CsvIngestPass} (and its nested classes) defined from this jar's bytes, so an
   * older jar that lacks it runs the same pass against its own reader.
   */
  private static final class PassLoader extends URLClassLoader {
    private static final String PASS = CsvIngestPass.class.getName();

    PassLoader(URL jar) {
      super(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (!name.equals(PASS) && !name.startsWith(PASS + "$")) {
        return super.findClass(name);
      }
      String resource = name.substring(name.lastIndexOf('.') + 1) + ".class";
      try (InputStream in = CsvReaderInterleaved.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] b = in.readAllBytes();
        return defineClass(name, b, 0, b.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
