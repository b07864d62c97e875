package dev.recsys.embedding.twotower.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of independent parts of a computation, part 0 on the calling thread and the others on the
 * common fork-join pool. The partition is fixed by the caller and each part writes its own outputs, so the result
 * does not depend on how many threads actually run or in which order the parts finish.
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
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] rest = new CompletableFuture[parts - 1];
    for (int p = 1; p < parts; p++) {
      int part = p;
      rest[p - 1] = CompletableFuture.runAsync(() -> body.accept(part), ForkJoinPool.commonPool());
    }
    RuntimeException failure = null;
    try {
      body.accept(0);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (CompletableFuture<Void> f : rest) {
      try {
        f.join();
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
