package dev.recsys.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedPoolTest {
  @Test
  void neverCreatesMoreThanItsCapacityUnderContention() throws Exception {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger lent = new AtomicInteger();
    AtomicInteger maxLent = new AtomicInteger();
    BoundedPool<int[]> pool = new BoundedPool<>(3, () -> new int[] {made.incrementAndGet()});
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int k = 0; k < 50; k++) {
          int[] x = pool.acquire();
          maxLent.accumulateAndGet(lent.incrementAndGet(), Math::max);
          Thread.yield();
          lent.decrementAndGet();
          pool.release(x);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(made.get() <= 3 && made.get() >= 1, "made " + made.get());
    assertTrue(maxLent.get() <= 3, "lent at once " + maxLent.get());
    assertEquals(made.get(), pool.created());
  }

  @Test
  void rejectsAZeroCapacity() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BoundedPool<>(0, Object::new));
    assertEquals("capacity must be >= 1; capacity=0", e.getMessage());
  }
}
