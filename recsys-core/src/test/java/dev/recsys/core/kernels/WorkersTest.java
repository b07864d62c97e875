package dev.recsys.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkersTest {
  /** Each index claimed once, whatever thread claimed it: the same array on the caller alone and with helpers. */
  private static int[] squares(java.util.concurrent.Executor executor, int threads) throws IOException {
    int[] out = new int[1000];
    AtomicInteger next = new AtomicInteger();
    Workers.run(executor, threads, () -> {
      for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
        out[i] += i * i;
      }
    });
    return out;
  }

  @Test
  void callerAndExecutorTakeEveryItemOnce() throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      int[] alone = squares(null, 4);
      assertArrayEquals(alone, squares(pool, 4));
      assertArrayEquals(alone, squares(pool, 1));
      assertFalse(pool.isShutdown(), "the caller's executor stays open");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBusyExecutorDoesNotBlockTheRun() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // the only pool thread is taken: the caller does all the work and does not wait for the queued helpers
      assertEquals(332_833_500, java.util.Arrays.stream(squares(pool, 4)).sum());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void theFirstFailureIsRethrownInTheCaller() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      IOException e = assertThrows(IOException.class, () -> Workers.run(pool, 3, () -> {
        throw new IOException("disk full");
      }));
      assertEquals("disk full", e.getMessage());
      assertThrows(IllegalStateException.class, () -> Workers.run(pool, 3, () -> {
        throw new IllegalStateException("bad state");
      }));
    } finally {
      pool.shutdownNow();
    }
  }
}
