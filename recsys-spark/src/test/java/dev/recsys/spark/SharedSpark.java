package dev.recsys.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} SparkSession per test JVM, shared by every test class (a session takes 15-25 s to start):
 * surefire runs all test classes in one JVM.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  /**
   * The session, started on first use and stopped when the JVM exits.
   *
   * @return the session
   */
  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSessions.local(2, "recsys-spark-tests")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /**
   * The session's Java context.
   *
   * @return the context
   */
  public static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(get().sparkContext());
  }
}
