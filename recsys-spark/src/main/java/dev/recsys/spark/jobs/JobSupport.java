package dev.recsys.spark.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.SplitFile;
import dev.recsys.core.eval.protocol.LeaveLastOut;
import dev.recsys.core.eval.protocol.RandomSplit;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.model.Interactions;
import dev.recsys.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options and helpers every job shares: the master, the session, JSON output. */
public abstract class JobSupport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** JSON on one line, for progress rows. */
  static final ObjectMapper JSON_LINE = new ObjectMapper();

  /** Creates the options holder. */
  protected JobSupport() {}

  /** The master URL; absent under {@code spark-submit} (which sets it), {@code local[*]} otherwise. */
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2] (default: the one spark-submit sets, else local[*])")
  protected String master;

  /**
   * The session of this job.
   *
   * @param name the job name
   * @return the session
   */
  protected SparkSession session(String name) {
    ownSession = SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty();
    return SparkSessions.forJob(master, "recsys " + name);
  }

  /**
   * Stops the session if this job started it (a job run inside an application that already has a session, such as
   * a test, leaves it running).
   *
   * @param spark the session
   */
  protected void finish(SparkSession spark) {
    if (ownSession) {
      spark.stop();
    }
  }

  private boolean ownSession;

  /**
   * Prints a value as indented JSON.
   *
   * @param out where to
   * @param value the value (maps, lists, records)
   * @throws IOException if it cannot be written
   */
  protected static void printJson(PrintWriter out, Object value) throws IOException {
    out.println(JSON.writeValueAsString(value));
    out.flush();
  }

  /**
   * A split of a data set, as {@code recsys evaluate} makes it: from a split file, else by a protocol.
   *
   * @param dataset the data specification
   * @param protocol temporal, random or leave-last
   * @param testFraction the share held out by temporal and random splits
   * @param seed the protocol's seed
   * @param splitFile a split file written by {@code recsys evaluate --export-split}, or null
   * @return the split
   * @throws IOException if the data cannot be read
   */
  protected static Split split(String dataset, String protocol, double testFraction, long seed, Path splitFile) throws IOException {
    Interactions data = Datasets.load(dataset, ReadOptions.LENIENT).interactions();
    if (splitFile != null) {
      return SplitFile.read(splitFile, data);
    }
    return protocol(protocol, testFraction, seed).split(data);
  }

  /**
   * The protocol of a {@code --protocol} name.
   *
   * @param protocol temporal, random or leave-last
   * @param testFraction the share held out (temporal, random)
   * @param seed the seed
   * @return the protocol
   */
  protected static Protocol protocol(String protocol, double testFraction, long seed) {
    return switch (protocol) {
      case "temporal" -> TemporalSplit.lastFraction(testFraction, seed);
      case "random" -> new RandomSplit(testFraction, seed);
      case "leave-last" -> new LeaveLastOut(seed);
      default -> throw new IllegalArgumentException("unknown --protocol '" + protocol + "'; available: temporal, random, leave-last");
    };
  }
}
