package dev.recsys.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.reliability.Stress;
import dev.recsys.core.spi.StoredEmbedding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process ({@code kill -9}) at a random moment while it creates and commits to a vector index, an
 * embedding store, or rewrites a model container, then checks what it acknowledged: every acknowledged commit is
 * there, every batch is all there or not at all, the container holds a complete acknowledged (or later) write,
 * and no temporary file outlives the next read. Two kills per kind in an ordinary build, 40 under
 * {@code -Dstress}; the kill moments are seeded.
 */
class KillTest {
  @TempDir
  Path dir;

  /** Starts the writer, kills it after {@code delayMs}, and returns the last acknowledged commit (or -1). */
  static int runAndKill(String mode, Path target, long delayMs) throws Exception {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        KillWriter.class.getName(), mode, target.toString());
    pb.redirectErrorStream(true);
    Process child = pb.start();
    AtomicInteger last = new AtomicInteger(-1);
    List<String> other = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            last.set(Integer.parseInt(line.substring(4).strip()));
          } else if (other.size() < 20) {
            other.add(line);
          }
        }
      } catch (IOException e) {
        // the pipe closes when the child dies
      }
    });
    reader.start();
    try {
      Thread.sleep(delayMs);
      assertTrue(child.isAlive(), () -> mode + " writer exited early: " + other);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
    } finally {
      child.destroyForcibly();
    }
    return last.get();
  }

  private static int cases() {
    return Stress.cases(2, 40);
  }

  @Test
  void killedIndexWritersLoseNoAcknowledgedCommit() throws Exception {
    SplittableRandom rnd = new SplittableRandom(41);
    for (int c = 0; c < cases(); c++) {
      Path p = dir.resolve("index-" + c);
      long delay = 300 + rnd.nextInt(2_500);
      int acked = runAndKill("index", p, delay);
      // a kill during creation leaves a directory that opens (completed) or nothing at all
      try (LuceneHnswIndex idx = LuceneHnswIndex.open(LuceneHnswIndexTest.config(8).path(p).build())) {
        int batches = checkBatches(c, acked, key -> idx.vector(key).isPresent());
        assertEquals(batches * KillWriter.BATCH, idx.size(), "case " + c);
      }
    }
  }

  @Test
  void killedStoreWritersLoseNoAcknowledgedCommit() throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int c = 0; c < cases(); c++) {
      Path p = dir.resolve("store-" + c);
      int acked = runAndKill("store", p, 300 + rnd.nextInt(2_500));
      try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(
          LuceneEmbeddingStoreConfig.inMemory(8, dev.recsys.core.spi.Similarity.COSINE).withPath(p))) {
        int batches = checkBatches(c, acked, key -> {
          Optional<StoredEmbedding> e = store.get(key);
          return e.isPresent() && e.get().modelVersion().equals("v" + key.substring(1, key.indexOf('-')));
        });
        assertEquals(batches * KillWriter.BATCH, store.size(), "case " + c);
      }
    }
  }

  @Test
  void killedContainerWritersLeaveACompleteAcknowledgedModelAndNoTemporaryFiles() throws Exception {
    SplittableRandom rnd = new SplittableRandom(43);
    for (int c = 0; c < cases(); c++) {
      Path d = Files.createDirectories(dir.resolve("container-" + c));
      Path f = d.resolve("track-vectors.rsm");
      int acked = runAndKill("container", f, 300 + rnd.nextInt(2_500));
      if (acked < 0 && !Files.exists(f)) {
        continue;
      }
      TrackVectors tv = TrackVectors.load(f);
      int written = (int) tv.data()[0];
      assertTrue(written >= acked, "case " + c + ": holds write " + written + " though " + acked + " was acknowledged");
      assertEquals(KillWriter.vectors(written), tv, "case " + c + ": write " + written + " is incomplete");
      try (var files = Files.list(d)) {
        assertEquals(List.of(f), files.toList(), "case " + c + ": temporary files outlived the read");
      }
    }
  }

  @FunctionalInterface
  interface Present {
    boolean test(String key) throws IOException;
  }

  /**
   * Checks that batches 0..acked are complete and that later batches are complete or absent, in order.
   *
   * @return the number of batches present
   */
  private static int checkBatches(int c, int acked, Present present) throws IOException {
    int b = 0;
    while (true) {
      int found = 0;
      for (int j = 0; j < KillWriter.BATCH; j++) {
        if (present.test(KillWriter.key(b, j))) {
          found++;
        }
      }
      if (found == 0) {
        assertTrue(b > acked, "case " + c + ": acknowledged batch " + b + " is lost (last acknowledged " + acked + ")");
        return b;
      }
      assertEquals(KillWriter.BATCH, found, "case " + c + ": batch " + b + " is partly there");
      b++;
    }
  }
}
