package dev.recsys.benchmarks.web;

import dev.recsys.benchmarks.runner.HarnessArgs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.benchmarks.machine.ProcStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of {@code recsys serve --model DIR} on the real catalogue: starts the server as the user does (the
 * {@code ./recsys} launcher and its JVM flags, a separate process), runs closed-loop clients, each with its own
 * keep-alive connection, for a fixed time after a warm-up, and reports the latency distribution of every request
 * and the server process's resident memory (sampled every 250 ms, and the kernel's peak {@code VmHWM}).
 *
 * <p>The request mix is a person using the page: 3 of 4 requests are smart shuffles (random start track and seed,
 * 15 songs, every fifth with custom weights and temperature), 1 of 4 a song search by a title prefix.
 *
 * <p>Arguments ({@code key=value}): {@code model} (model directory; built with {@code recsys embed} and
 * {@code recsys graph} on the TidyTuesday songs when absent, default {@code target/bench-web-model}),
 * {@code clients} (default 8), {@code seconds} (measured, default 60), {@code warmup} (seconds, default 10),
 * {@code out} (JSON result file). Linux only (reads {@code /proc}).
 */
public final class WebLoadHarness {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private WebLoadHarness() {}

  public static void main(String[] args) throws Exception {
    HarnessArgs arguments = HarnessArgs.parse(args);
    Path model = arguments.getPath("model", Path.of("target/bench-web-model"));
    int clients = arguments.getInt("clients", 8);
    int seconds = arguments.getInt("seconds", 60);
    int warmup = arguments.getInt("warmup", 10);
    Path out = arguments.getPath("out", null);
    arguments.done();
    if (!Files.exists(model.resolve("similarity-graph.rsm"))) {
      buildModel(model);
    }
    Process server = new ProcessBuilder("./recsys", "serve", "--model", model.toString(), "--port", "0")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String url = awaitUrl(server);
      long pid = serverJvmPid(server);
      System.out.printf(Locale.ROOT, "# web load: %s, server pid %d, %d clients, %d s warm-up + %d s measured, java %s%n",
          url, pid, clients, warmup, seconds, Runtime.version());
      List<String> ids = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      sampleCatalogue(url, ids, prefixes);
      Map<String, Object> result = run(url, pid, ids, prefixes, clients, warmup, seconds);
      result.put("model", model.toString());
      System.out.println(JSON.writeValueAsString(result));
      if (out != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writeValue(out.toFile(), result);
      }
    } finally {
      server.descendants().forEach(ProcessHandle::destroy);
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void buildModel(Path model) throws IOException, InterruptedException {
    String data = System.getProperty("recsys.shared.data", "../shared/data");
    String csv = data + "/spotify-songs-tidytuesday/spotify_songs.csv";
    System.out.println("# building " + model + " from " + csv + " (recsys embed, recsys graph)");
    exec("./recsys", "embed", "--tracks", csv, "--out", model.toString());
    exec("./recsys", "graph", "--model", model.toString(), "--k", "50");
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit status " + p.exitValue());
    }
  }

  private static String awaitUrl(Process server) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      int at = line.indexOf("http://");
      if (line.startsWith("recsys web demo at ") && at >= 0) {
        Thread.ofVirtual().start(() -> r.lines().forEach(l -> { }));
        return line.substring(at, line.indexOf(' ', at));
      }
    }
    throw new IOException("recsys serve ended before printing its address");
  }

  /** The launcher execs java, so the process is the JVM; a shell in between would show as a java child. */
  private static long serverJvmPid(Process server) {
    return server.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).map(ProcessHandle::pid)
        .findFirst().orElse(server.pid());
  }

  private static void sampleCatalogue(String url, List<String> ids, List<String> prefixes) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (char c = 'a'; c <= 'z'; c++) {
      for (char d : new char[] {'a', 'e', 'o', 'i'}) {
        String body = http.send(HttpRequest.newBuilder(URI.create(url + "api/tracks?limit=50&q=" + c + d)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode t : JSON.readTree(body)) {
          ids.add(t.get("id").asText());
          String title = t.get("title").asText().toLowerCase(Locale.ROOT);
          if (title.length() >= 3 && title.chars().limit(3).allMatch(Character::isLetter)) {
            prefixes.add(title.substring(0, 3));
          }
        }
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("the server's catalogue search found no tracks");
    }
  }

  private static Map<String, Object> run(String url, long pid, List<String> ids, List<String> prefixes, int clients,
      int warmup, int seconds) throws Exception {
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    AtomicLong errors = new AtomicLong();
    long[][] latencies = new long[clients][];
    int[] counts = new int[clients];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      latencies[c] = new long[1 << 16];
      threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        SplittableRandom random = new SplittableRandom(1000 + client);
        for (long i = 0; !stop.get(); i++) {
          String path;
          if (i % 4 == 3) {
            path = "api/tracks?limit=10&q=" + prefixes.get(random.nextInt(prefixes.size()));
          } else {
            path = "api/shuffle?length=15&start=" + ids.get(random.nextInt(ids.size())) + "&seed=" + random.nextInt(1_000_000)
                + (i % 5 == 0 ? "&temperature=0.5&w.similarity=2" : "");
          }
          long t0 = System.nanoTime();
          try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
              errors.incrementAndGet();
            }
          } catch (IOException | InterruptedException e) {
            errors.incrementAndGet();
          }
          long took = System.nanoTime() - t0;
          if (measuring.get() && !stop.get()) {
            if (counts[client] == latencies[client].length) {
              latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
            }
            latencies[client][counts[client]++] = took;
          }
        }
      }));
    }
    long rssMax = 0;
    long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
    while (System.nanoTime() < warmEnd) {
      rssMax = Math.max(rssMax, ProcStatus.bytes(pid, "VmRSS") / 1024);
      Thread.sleep(250);
    }
    long errorsBefore = errors.get();
    measuring.set(true);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Long> rssSamples = new ArrayList<>();
    while (System.nanoTime() < end) {
      long rss = ProcStatus.bytes(pid, "VmRSS") / 1024;
      rssSamples.add(rss);
      rssMax = Math.max(rssMax, rss);
      Thread.sleep(250);
    }
    stop.set(true);
    double elapsed = (System.nanoTime() - start) / 1e9;
    for (Thread t : threads) {
      t.join();
    }
    long peak = ProcStatus.bytes(pid, "VmHWM") / 1024;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int k = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(latencies[c], 0, all, k, counts[c]);
      k += counts[c];
    }
    Arrays.sort(all);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("clients", clients);
    r.put("warmupSeconds", warmup);
    r.put("seconds", elapsed);
    r.put("requests", total);
    r.put("errors", errors.get() - errorsBefore);
    r.put("requestsPerSecond", total / elapsed);
    r.put("p50Ms", quantile(all, 0.50));
    r.put("p90Ms", quantile(all, 0.90));
    r.put("p99Ms", quantile(all, 0.99));
    r.put("p999Ms", quantile(all, 0.999));
    r.put("maxMs", all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
    r.put("serverRssMaxMiB", rssMax / 1024.0);
    r.put("serverRssEndMiB", rssSamples.isEmpty() ? Double.NaN : rssSamples.get(rssSamples.size() - 1) / 1024.0);
    r.put("serverPeakRssMiB", peak / 1024.0);
    r.put("p99Target", "< 100 ms");
    r.put("rssTarget", "< 1536 MiB");
    r.put("p99Met", quantile(all, 0.99) < 100);
    r.put("rssMet", peak / 1024.0 < 1536);
    return r;
  }

  private static double quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
