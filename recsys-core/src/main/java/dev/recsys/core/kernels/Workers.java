package dev.recsys.core.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one worker on several threads, the caller's included, for loops that take their work from a shared counter
 * (so that the result does not depend on the thread count). The first failure of any thread is rethrown in the
 * caller once every thread has stopped.
 */
public final class Workers {
  private Workers() {}

  /** A worker that may throw {@link IOException}. */
  @FunctionalInterface
  public interface Worker {
    /**
     * Takes work until none is left.
     *
     * @throws IOException if reading or writing fails; ends the run and is rethrown by {@link Workers#run}
     */
    void run() throws IOException;
  }

  /**
   * Runs {@code worker} on {@code threads} threads (daemon threads named {@code name-1 ...} beside the caller) and
   * waits for all of them.
   *
   * @param threads threads in total, the caller's included; 1 or less runs the worker on the caller alone
   * @param name prefix of the worker threads' names
   * @param worker the loop every thread runs; it must take its work from shared, thread-safe state
   * @throws IOException the first {@link IOException} a worker threw
   * @throws IllegalStateException when interrupted while waiting
   */
  public static void run(int threads, String name, Worker worker) throws IOException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable guarded = guard(worker, failure);
    List<Thread> ts = new ArrayList<>(Math.max(0, threads - 1));
    for (int t = 1; t < threads; t++) {
      Thread th = new Thread(guarded, name + "-" + t);
      th.setDaemon(true);
      th.start();
      ts.add(th);
    }
    guarded.run();
    for (Thread th : ts) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name + " workers", e);
      }
    }
    rethrow(failure.get());
  }

  /**
   * Runs {@code worker} on the caller and on up to {@code threads - 1} tasks of {@code executor}, and waits for the
   * tasks that started. The caller takes work as well, so the run ends even when every thread of the executor is
   * busy: a task that starts after the caller has found no work left returns without running the worker. The
   * executor belongs to the caller and is never shut down here.
   *
   * @param executor runs the other workers; {@code null} runs the worker on the caller alone
   * @param threads workers in total, the caller's included; 1 or less runs the worker on the caller alone
   * @param worker the loop every thread runs; it must take its work from shared, thread-safe state
   * @throws IOException the first {@link IOException} a worker threw
   * @throws IllegalStateException when interrupted while waiting
   */
  public static void run(java.util.concurrent.Executor executor, int threads, Worker worker) throws IOException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable guarded = guard(worker, failure);
    if (executor == null || threads <= 1) {
      guarded.run();
      rethrow(failure.get());
      return;
    }
    Object lock = new Object();
    int[] active = {0};
    boolean[] finished = {false};
    Runnable task = () -> {
      synchronized (lock) {
        if (finished[0]) {
          return; // the caller found no work left: nothing to take
        }
        active[0]++;
      }
      try {
        guarded.run();
      } finally {
        synchronized (lock) {
          active[0]--;
          lock.notifyAll();
        }
      }
    };
    for (int t = 1; t < threads; t++) {
      try {
        executor.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        break; // a saturated or shut-down executor: fewer helpers, the caller takes the rest
      }
    }
    guarded.run();
    synchronized (lock) {
      finished[0] = true;
      while (active[0] > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for workers", e);
        }
      }
    }
    rethrow(failure.get());
  }

  /** {@code worker} as a runnable that records its first failure in {@code failure} instead of throwing. */
  private static Runnable guard(Worker worker, AtomicReference<Throwable> failure) {
    return () -> {
      try {
        worker.run();
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
  }

  private static void rethrow(Throwable f) throws IOException {
    if (f instanceof IOException io) {
      throw io;
    }
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  /**
   * As {@link #run(int, String, Worker)} for a worker that throws no checked exception.
   *
   * @param threads threads in total, the caller's included
   * @param name prefix of the worker threads' names
   * @param worker the loop every thread runs
   */
  public static void runUnchecked(int threads, String name, Runnable worker) {
    try {
      run(threads, name, worker::run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
