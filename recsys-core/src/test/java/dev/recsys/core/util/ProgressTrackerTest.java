package dev.recsys.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {
  @Test
  void countsConcurrentWorkAndReportsTheEndOnce() {
    ConcurrentLinkedQueue<Long> reports = new ConcurrentLinkedQueue<>();
    AtomicLong finals = new AtomicLong();
    ProgressTracker t = new ProgressTracker((stage, done, total) -> {
      assertEquals("work", stage);
      assertEquals(100_000, total);
      reports.add(done);
      if (done == total) {
        finals.incrementAndGet();
      }
    }, "work", 100_000);
    IntStream.range(0, 100_000).parallel().forEach(i -> t.advance());
    assertEquals(100_000, t.done());
    assertEquals(1, finals.get());
    assertTrue(reports.size() <= 1_002, "reports: " + reports.size());
    assertEquals(0L, reports.peek());
  }

  @Test
  void smallStagesReportEveryUnit() {
    ConcurrentLinkedQueue<Long> reports = new ConcurrentLinkedQueue<>();
    ProgressTracker t = new ProgressTracker((stage, done, total) -> reports.add(done), "small", 3);
    t.advance();
    t.advance(2);
    assertEquals(java.util.List.of(0L, 1L, 3L), java.util.List.copyOf(reports));
  }
}
