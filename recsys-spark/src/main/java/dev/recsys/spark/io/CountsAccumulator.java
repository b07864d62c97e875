package dev.recsys.spark.io;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/** A Spark accumulator of counts by name (skip reasons by rule, records by kind); merges by adding. */
public final class CountsAccumulator extends AccumulatorV2<Map<String, Long>, Map<String, Long>> {
  private static final long serialVersionUID = 1L;
  /** Count by name; the accumulator's value, guarded by itself. */
  private final TreeMap<String, Long> counts = new TreeMap<>();

  /** An empty accumulator; register it with {@code SparkContext.register}. */
  public CountsAccumulator() {}

  @Override
  public boolean isZero() {
    return counts.isEmpty();
  }

  @Override
  public AccumulatorV2<Map<String, Long>, Map<String, Long>> copy() {
    CountsAccumulator c = new CountsAccumulator();
    synchronized (counts) {
      c.counts.putAll(counts);
    }
    return c;
  }

  @Override
  public void reset() {
    synchronized (counts) {
      counts.clear();
    }
  }

  @Override
  public void add(Map<String, Long> v) {
    synchronized (counts) {
      v.forEach((k, n) -> counts.merge(k, n, Long::sum));
    }
  }

  @Override
  public void merge(AccumulatorV2<Map<String, Long>, Map<String, Long>> other) {
    add(other.value());
  }

  @Override
  public Map<String, Long> value() {
    synchronized (counts) {
      return new TreeMap<>(counts);
    }
  }
}
