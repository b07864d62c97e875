package dev.recsys.solr.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.common.cloud.SolrZkClient;
import java.util.concurrent.TimeUnit;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud for tests, run as its own process: {@code nodes} Jetty nodes and an embedded ZooKeeper, all on
 * 127.0.0.1 with free ports, data in a fresh directory under {@code baseDir} that is deleted on exit.
 *
 * <p>Protocol (lines on standard output that start with {@code "@cluster "}; everything else is log): after start it
 * prints {@code zk HOST:PORT}, one {@code node I URL} per node and {@code ready}. Commands on standard input, one a
 * line: {@code stop I} stops node I and answers {@code stopped I}; {@code start I} starts it again (same data,
 * same port) and answers {@code started I URL}; {@code quit}, or the end of standard input (the parent died),
 * shuts the cluster down and exits. A failed command answers {@code error MESSAGE}.
 *
 * <p>Usage: {@code java -cp CLASSPATH dev.recsys.solr.cluster.SolrTestCluster [nodes] [baseDir] [security.json]}; with
 * a {@code security.json} file the cluster starts with that authentication and authorization (e.g. basic
 * authentication with {@code blockUnknown}).
 */
public final class SolrTestCluster {
  private static final String PREFIX = "@cluster ";

  private SolrTestCluster() {}

  /**
   * Starts the cluster and serves commands until {@code quit} or the end of standard input.
   *
   * @param args optional node count (default 2), parent directory of the data (default the system temp dir) and
   *     security.json file
   * @throws Exception if the cluster cannot start
   */
  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Path parent = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(parent);
    Path baseDir = Files.createTempDirectory(parent, "solr-cluster-");
    // The protocol owns standard output; the JVM's own prints go to standard error.
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    MiniSolrCloudCluster cluster = null;
    ZkTestServer zk = null;
    try {
      JettyConfig jettyConfig = JettyConfig.builder().setPort(0).build();
      if (args.length > 2) {
        // Security is read from ZooKeeper when a node starts: write it before any node exists.
        zk = new ZkTestServer(baseDir.resolve("zookeeper/server1/data"));
        zk.run();
        try (SolrZkClient client = new SolrZkClient.Builder().withUrl(zk.getZkHost())
            .withTimeout(30, TimeUnit.SECONDS).build()) {
          client.makePath("/solr/security.json", Files.readAllBytes(Path.of(args[2])), true);
        }
        cluster = new MiniSolrCloudCluster(nodes, baseDir, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, jettyConfig, zk, false);
      } else {
        cluster = new MiniSolrCloudCluster(nodes, baseDir, jettyConfig);
      }
      List<JettySolrRunner> jettys = new ArrayList<>(cluster.getJettySolrRunners());
      out.println(PREFIX + "zk " + cluster.getZkServer().getZkAddress());
      for (int i = 0; i < jettys.size(); i++) {
        out.println(PREFIX + "node " + i + " " + jettys.get(i).getBaseUrl());
      }
      out.println(PREFIX + "ready");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        String[] cmd = line.trim().split("\\s+");
        if (cmd[0].equals("quit")) {
          break;
        }
        try {
          switch (cmd[0]) {
            case "stop" -> {
              int i = Integer.parseInt(cmd[1]);
              cluster.stopJettySolrRunner(jettys.get(i));
              out.println(PREFIX + "stopped " + i);
            }
            case "start" -> {
              int i = Integer.parseInt(cmd[1]);
              JettySolrRunner jetty = jettys.get(i);
              jetty.start(true);
              cluster.startJettySolrRunner(jetty);
              cluster.waitForNode(jetty, 60);
              out.println(PREFIX + "started " + i + " " + jetty.getBaseUrl());
            }
            default -> out.println(PREFIX + "error unknown command '" + line + "' (stop I, start I, quit)");
          }
        } catch (Exception e) {
          out.println(PREFIX + "error " + e);
        }
      }
    } finally {
      if (cluster != null) {
        cluster.shutdown();
      }
      if (zk != null) {
        zk.shutdown();
      }
      deleteTree(baseDir);
    }
    System.exit(0);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
