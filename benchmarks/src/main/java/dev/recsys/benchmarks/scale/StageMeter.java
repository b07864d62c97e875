package dev.recsys.benchmarks.scale;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.recsys.benchmarks.machine.ProcStatus;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the memory of one stage at a time in this JVM: a daemon thread samples the used heap and the resident
 * set ({@code VmRSS}) every {@code period} milliseconds, and a garbage-collection listener records the heap left
 * after every collection the program did not ask for. {@link #begin} collects garbage and opens a stage;
 * {@link #end} collects garbage again and closes it.
 *
 * <p>Three heap figures per stage, each with its bias stated:
 * <ul>
 *   <li><b>peak heap after GC</b>: the largest heap left after a collection during the stage, or at its end after
 *       the forced full collection (the stage's output still referenced). Close to the live peak: a collector only
 *       sees the live set when it runs (so a short-lived peak between collections is missed), and after a young
 *       collection the old generation may still hold garbage. Memory per track is computed from it;</li>
 *   <li><b>peak used heap</b>: the largest sampled used heap, garbage included; an upper bound that depends on how
 *       much garbage the collector lets pile up under the configured maximum heap;</li>
 *   <li><b>live at end</b>: the heap after the forced collection at the end of the stage.</li>
 * </ul>
 *
 * <p>Not thread-safe: one stage at a time, opened and closed by one thread.
 */
final class StageMeter implements AutoCloseable {
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakRss = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private volatile boolean running = true;

  /**
   * Starts the sampler and the collection listener.
   *
   * @param periodMillis the sampling period, in [1, 10000] milliseconds
   */
  StageMeter(long periodMillis) {
    if (periodMillis < 1 || periodMillis > 10_000) {
      throw new IllegalArgumentException("periodMillis must be in [1, 10000]; periodMillis=" + periodMillis);
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heapPools.add(p.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "stage-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The memory of a closed stage, in bytes. */
  record Memory(long peakHeapAfterGc, long peakUsedHeap, long liveAtEnd, long liveAtStart, long peakRss) {
    /** The live heap the stage added (negative when it released more than it kept). */
    long retained() {
      return liveAtEnd - liveAtStart;
    }
  }

  /**
   * Collects garbage and opens a stage.
   *
   * @return the live heap at the start, in bytes
   */
  long begin() {
    long live = collect();
    peakUsed.set(used());
    peakRss.set(Math.max(0, ProcStatus.self("VmRSS")));
    peakAfterGc.set(live);
    return live;
  }

  /**
   * Closes the stage opened by {@link #begin}: samples once more, collects garbage and reads the peaks.
   *
   * @param liveAtStart what {@link #begin} returned
   * @return the stage's memory
   */
  Memory end(long liveAtStart) {
    sample();
    long used = peakUsed.get();
    long rss = peakRss.get();
    long live = collect();
    return new Memory(Math.max(peakAfterGc.get(), live), used, live, liveAtStart, rss);
  }

  /** The used heap now, in bytes. */
  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Forces a full collection (twice, so finalised references are gone) and returns the live heap after it. */
  static long collect() {
    System.gc();
    System.gc();
    return used();
  }

  private void sample() {
    peakUsed.accumulateAndGet(used(), Math::max);
    long rss = ProcStatus.self("VmRSS");
    if (rss > 0) {
      peakRss.accumulateAndGet(rss, Math::max);
    }
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if ("System.gc()".equals(info.getGcCause())) {
      return;
    }
    long after = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        after += e.getValue().getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(after, Math::max);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already removed
      }
    }
  }
}
