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
    Runnable guarded = () -> {
      try {
        worker.run();
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
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
    Throwable f = failure.get();
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
