package dev.recsys.solr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fail-over on a cluster of its own (2 nodes, a collection of 2 shards x 2 replicas, so each node holds one replica of
 * every shard): one writer commits batches and two readers search while node 1 is stopped. Every search must answer
 * (from the surviving replicas, after the client's bounded retries), writes must go on after the stop, and every
 * write whose commit returned must be readable afterwards.
 */
class SolrFailoverTest {
  private static final int DIM = 16;

  private static float[] vector(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void searchesGoOnAndAcknowledgedWritesSurviveANodeStopping() throws Exception {
    try (SolrChildCluster cluster = SolrChildCluster.start(2)) {
      SolrConfig config = SolrConfig.builder().zkHosts(cluster.zkHosts).collection("failover").dimension(DIM)
          .similarity(Similarity.COSINE).layout(2, 2).maxRetries(10).requestTimeoutMillis(15_000).build();
      try (SolrVectorIndex index = SolrVectorIndex.open(config)) {
        for (int i = 0; i < 1000; i++) {
          index.upsert("p" + i, vector(i), Metadata.builder().put("g", "g" + i % 5).build());
        }
        index.commit();

        Map<String, float[]> acknowledged = new ConcurrentHashMap<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger searchesAfterStop = new AtomicInteger();
        AtomicInteger batchesAfterStop = new AtomicInteger();
        Thread writer = new Thread(() -> {
          long next = 1_000_000;
          while (!stop.get()) {
            Map<String, float[]> batch = new java.util.HashMap<>();
            try {
              for (int j = 0; j < 20; j++, next++) {
                float[] v = vector(next);
                batch.put("w" + next, v);
                index.upsert("w" + next, v, Metadata.builder().put("g", "g" + next % 5).build());
              }
              long started = System.nanoTime();
              index.commit();
              acknowledged.putAll(batch);
              if (started > stoppedAt.get()) {
                batchesAfterStop.incrementAndGet();
              }
            } catch (Throwable t) {
              errors.add(t);
            }
          }
        }, "failover-writer");
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int seed = t;
          readers.add(new Thread(() -> {
            SplittableRandom r = new SplittableRandom(seed);
            while (!stop.get()) {
              try {
                long started = System.nanoTime();
                SearchFilter f = r.nextBoolean() ? SearchFilter.NONE : SearchFilter.builder().anyOf("g", List.of("g1")).build();
                List<SearchHit> hits = index.search(vector(r.nextLong()), 10, f);
                if (hits.size() != 10) {
                  throw new AssertionError("a search answered " + hits.size() + " hits: " + hits);
                }
                if (started > stoppedAt.get()) {
                  searchesAfterStop.incrementAndGet();
                }
              } catch (Throwable e) {
                errors.add(e);
              }
            }
          }, "failover-reader-" + t));
        }
        writer.start();
        readers.forEach(Thread::start);
        Thread.sleep(2_000);
        stoppedAt.set(System.nanoTime());
        cluster.stopNode(1);
        Thread.sleep(6_000);
        stop.set(true);
        writer.join(60_000);
        for (Thread r : readers) {
          r.join(60_000);
        }

        assertEquals(List.of(), errors, "failures while node 1 stopped");
        assertTrue(searchesAfterStop.get() > 0, "no search answered after the stop");
        assertTrue(batchesAfterStop.get() > 0, "no write was acknowledged after the stop");
        assertEquals(1000 + acknowledged.size(), index.size(), "live documents after the fail-over");
        for (Map.Entry<String, float[]> e : acknowledged.entrySet()) {
          assertArrayEquals(e.getValue(), index.vector(e.getKey()).orElseThrow(() -> new AssertionError(
              "acknowledged write " + e.getKey() + " lost")), e.getKey());
        }
      }
    }
  }
}
