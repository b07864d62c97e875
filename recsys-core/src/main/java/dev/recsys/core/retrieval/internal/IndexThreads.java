package dev.recsys.core.retrieval.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of Lucene indexes and stores opened without one: one bounded pool for the whole JVM, of as many
 * daemon threads as the machine has processors ({@code recsys-index-1 ...}), started on first use, idle threads
 * retired after a minute. Callers always work beside it, so a busy pool slows a bulk load or a merge down but never
 * blocks it. It is never shut down (like {@link java.util.concurrent.ForkJoinPool#commonPool()}).
 */
public final class IndexThreads {
  private IndexThreads() {}

  private static final class Holder {
    static final ExecutorService SHARED = create();

    private static ExecutorService create() {
      int n = Runtime.getRuntime().availableProcessors();
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "recsys-index-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }

  /**
   * The shared pool.
   *
   * @return the shared pool
   */
  public static ExecutorService shared() {
    return Holder.SHARED;
  }
}
