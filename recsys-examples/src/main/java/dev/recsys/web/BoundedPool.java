package dev.recsys.web;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A pool of reusable objects of which at most {@code capacity} are lent at once; a borrower beyond that waits for
 * one to come back. Objects are created on first need, so the pool never holds more than {@code capacity}.
 * Thread-safe.
 */
final class BoundedPool<T> {
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
  private final Supplier<? extends T> factory;
  private final int capacity;

  BoundedPool(int capacity, Supplier<? extends T> factory) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1; capacity=" + capacity);
    }
    this.capacity = capacity;
    this.permits = new Semaphore(capacity, true);
    this.factory = factory;
  }

  /** Most objects lent at once. */
  int capacity() {
    return capacity;
  }

  /** Objects created so far (idle or lent); never more than {@link #capacity()}. */
  int created() {
    return capacity - permits.availablePermits() + idle.size();
  }

  /** Borrows an object, waiting while {@code capacity} are lent; give it back with {@link #release}. */
  T acquire() {
    permits.acquireUninterruptibly();
    T t = idle.pollFirst();
    if (t != null) {
      return t;
    }
    try {
      return factory.get();
    } catch (RuntimeException | Error e) {
      permits.release();
      throw e;
    }
  }

  /** Gives back an object borrowed with {@link #acquire}. */
  void release(T t) {
    idle.addFirst(t);
    permits.release();
  }
}
