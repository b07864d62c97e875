package dev.recsys.embedding.twotower.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of independent parts of a computation: the calling thread runs part 0, offers the others to
 * the common fork-join pool, and then runs itself every offered part that no pool thread has started yet (so on a
 * busy machine it does not sit waiting for a thread to be scheduled). The partition is fixed by the caller and each
 * part writes its own outputs, so the result does not depend on how many threads actually run or in which order
 * the parts finish.
 */
final class Parts {
  private Parts() {}

  /**
   * Runs {@code body.accept(p)} for {@code p = 0 .. parts-1} and waits for all of them.
   *
   * @param parts number of parts; 1 runs the body once on the calling thread
   * @param body the work of one part
   */
  static void run(int parts, IntConsumer body) {
    if (parts <= 1) {
      body.accept(0);
      return;
    }
    AtomicBoolean[] claimed = new AtomicBoolean[parts];
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] offered = new CompletableFuture[parts];
    for (int p = 1; p < parts; p++) {
      int part = p;
      claimed[p] = new AtomicBoolean();
      offered[p] = CompletableFuture.runAsync(() -> {
        if (claimed[part].compareAndSet(false, true)) {
          body.accept(part);
        }
      }, ForkJoinPool.commonPool());
    }
    RuntimeException failure = null;
    for (int p = 0; p < parts; p++) {
      if (p == 0 || claimed[p].compareAndSet(false, true)) {
        try {
          body.accept(p);
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
    }
    for (int p = 1; p < parts; p++) {
      try {
        offered[p].join();
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Start of part {@code p} of {@code n} items cut into {@code parts} contiguous parts. */
  static int start(int n, int parts, int p) {
    return (int) ((long) n * p / parts);
  }
}
