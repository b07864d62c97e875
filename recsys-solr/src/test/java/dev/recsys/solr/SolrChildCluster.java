package dev.recsys.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SolrCloud (Jetty nodes, embedded ZooKeeper, loopback only) in a child JVM started from recsys-solr-cluster's own
 * class path, which holds Solr 9 and its Lucene 9: they never join this JVM's class path. The child runs on the JDK of
 * this JVM, keeps its data in a fresh directory under {@code target/} and exits when this JVM closes its standard
 * input, so a killed test run leaves no server behind; {@link #close()} stops it at once.
 */
final class SolrChildCluster implements AutoCloseable {
  private static final String PREFIX = "@cluster ";
  private static SolrChildCluster shared;

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;
  final String zkHosts;
  final List<String> nodeUrls = new ArrayList<>();

  /** The cluster shared by the test classes of this JVM: 2 nodes, started on first use, stopped when the JVM exits. */
  static synchronized SolrChildCluster shared() throws IOException {
    if (shared == null) {
      shared = start(2);
      SolrChildCluster c = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(c::close, "solr-child-cluster-stop"));
    }
    return shared;
  }

  /** Starts a cluster of {@code nodes} nodes and waits until every node is live. */
  static SolrChildCluster start(int nodes) throws IOException {
    return new SolrChildCluster(nodes, null);
  }

  /** Starts a cluster whose authentication and authorization are this {@code security.json}. */
  static SolrChildCluster startSecured(int nodes, String securityJson) throws IOException {
    return new SolrChildCluster(nodes, securityJson);
  }

  private SolrChildCluster(int nodes, String securityJson) throws IOException {
    Path cpFile = Path.of(System.getProperty("recsys.solr.cluster.classpath", "../recsys-solr-cluster/target/cluster.classpath"));
    Path classes = Path.of(System.getProperty("recsys.solr.cluster.classes", "../recsys-solr-cluster/target/classes"));
    if (!Files.isRegularFile(cpFile) || !Files.isDirectory(classes)) {
      throw new IllegalStateException("the SolrCloud test cluster is not built (" + cpFile + ", " + classes
          + "); build it with ./mvnw -pl recsys-solr -am test");
    }
    String classPath = classes.toAbsolutePath() + java.io.File.pathSeparator + Files.readString(cpFile).trim();
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path work = Path.of("target", "solr-cluster").toAbsolutePath();
    Files.createDirectories(work);
    log = Files.createTempFile(work, "cluster-", ".log");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED",
        "-Dsolr.log.dir=" + work, "-Djava.io.tmpdir=" + work, "-cp", classPath,
        "dev.recsys.solr.cluster.SolrTestCluster", String.valueOf(nodes), work.toString()));
    if (securityJson != null) {
      Path security = Files.createTempFile(work, "security-", ".json");
      Files.writeString(security, securityJson);
      cmd.add(security.toString());
    }
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(PREFIX)) {
            lines.add(line.substring(PREFIX.length()));
          }
        }
      } catch (IOException e) {
        // the child is gone; expect() reports it
      }
    }, "solr-child-cluster-out");
    reader.setDaemon(true);
    reader.start();
    try {
      String zk = null;
      for (String line; !(line = expect("", 180)).equals("ready"); ) {
        if (line.startsWith("zk ")) {
          zk = line.substring(3);
        } else if (line.startsWith("node ")) {
          nodeUrls.add(line.split(" ")[2]);
        }
      }
      zkHosts = zk;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The next protocol line, which must start with {@code prefix}. */
  private String expect(String prefix, int seconds) throws IOException {
    try {
      String line = lines.poll(seconds, TimeUnit.SECONDS);
      if (line == null) {
        throw new IOException("the SolrCloud test cluster did not answer in " + seconds + " s" + (process.isAlive() ? "" : " (it exited)")
            + "; its log: " + log);
      }
      if (!line.startsWith(prefix)) {
        throw new IOException("the SolrCloud test cluster answered '" + line + "', expected '" + prefix + "...'; its log: " + log);
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    }
  }

  private synchronized String command(String command, String answer, int seconds) throws IOException {
    commands.write(command + "\n");
    commands.flush();
    return expect(answer, seconds);
  }

  /** Stops node {@code i} (its cores go down; ZooKeeper stays up). */
  void stopNode(int i) throws IOException {
    command("stop " + i, "stopped " + i, 120);
  }

  /** Starts node {@code i} again on its port with its data. */
  void startNode(int i) throws IOException {
    command("start " + i, "started " + i, 180);
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      commands.write("quit\n");
      commands.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
