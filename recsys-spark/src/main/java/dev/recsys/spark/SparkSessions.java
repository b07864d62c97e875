package dev.recsys.spark;

import org.apache.spark.sql.SparkSession;

/** Session builders for the jobs: local mode for the command line and tests, the cluster's settings otherwise. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A builder for a {@code local[cores]} session bound to the loopback interface, without the web UI.
   *
   * @param cores executor threads, at least 1
   * @param appName the application name
   * @return the builder
   */
  public static SparkSession.Builder local(int cores, String appName) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1; cores=" + cores);
    }
    return SparkSession.builder()
        .master("local[" + cores + "]")
        .appName(appName)
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false");
  }

  /**
   * The session of a job: {@code local[cores]} when {@code master} is {@code local[...]} or absent and no master is
   * configured by {@code spark-submit}, else the submitted cluster's.
   *
   * @param master the master URL given on the command line, or null
   * @param appName the application name
   * @return the session
   */
  public static SparkSession forJob(String master, String appName) {
    String configured = System.getProperty("spark.master");
    if (master == null && configured != null) {
      return SparkSession.builder().appName(appName).getOrCreate();
    }
    String m = master == null ? "local[*]" : master;
    if (m.startsWith("local")) {
      return SparkSession.builder().master(m).appName(appName)
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .getOrCreate();
    }
    return SparkSession.builder().master(m).appName(appName).getOrCreate();
  }
}
