package dev.recsys.spotify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrottlingTest {
  @Property(tries = 100)
  void backoffStaysWithinEqualJitterBounds(@ForAll @LongRange(min = 1, max = 10_000) long initialMs,
      @ForAll @IntRange(min = 1, max = 30) int retry, @ForAll long seed) {
    Duration max = Duration.ofSeconds(30);
    Backoff b = new Backoff(Duration.ofMillis(initialMs), max, seed);
    long d = Math.min(max.toNanos(), Duration.ofMillis(initialMs).toNanos() * (1L << Math.min(retry - 1, 20)));
    long got = b.delay(retry).toNanos();
    assertTrue(got >= d / 2 && got <= d, "delay " + got + " outside [" + d / 2 + ", " + d + "]");
  }

  @Test
  void backoffIsSeeded() {
    List<Duration> a = new ArrayList<>();
    List<Duration> b = new ArrayList<>();
    Backoff x = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 7);
    Backoff y = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 7);
    for (int i = 1; i <= 8; i++) {
      a.add(x.delay(i));
      b.add(y.delay(i));
    }
    assertEquals(a, b);
    assertFalse(a.equals(List.of(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 8).delay(1))));
  }

  @Test
  void rateLimiterAllowsBurstThenSpacesRequests() throws InterruptedException {
    FakeTime time = new FakeTime();
    RateLimiter r = new RateLimiter(10, 3, time, time);
    for (int i = 0; i < 3; i++) {
      r.acquire();
    }
    assertEquals(List.of(), time.sleeps(), "the burst needs no wait");
    for (int i = 0; i < 5; i++) {
      r.acquire();
    }
    assertEquals(5, time.sleeps().size());
    time.sleeps().forEach(d -> assertEquals(100, d.toMillis(), 1));
    time.advance(Duration.ofSeconds(10));
    r.acquire();
    assertEquals(5, time.sleeps().size(), "after a pause the bucket is full again");
  }

  @Test
  void diskCacheHonoursTtlAndWritesAtomically(@TempDir Path dir) throws Exception {
    FakeTime time = new FakeTime();
    DiskCache c = new DiskCache(dir, Duration.ofMinutes(10), time);
    String url = "http://127.0.0.1:1/v1/tracks/x?market=DE";
    assertTrue(c.get(url).isEmpty());
    c.put(url, "{\"id\":\"x\"}\nsecond line");
    assertEquals("{\"id\":\"x\"}\nsecond line", c.get(url).orElseThrow());
    assertTrue(c.get(url + "&y=1").isEmpty());
    time.advance(Duration.ofMinutes(11));
    assertTrue(c.get(url).isEmpty(), "expired");
    c.put(url, "{\"id\":\"y\"}");
    assertEquals("{\"id\":\"y\"}", c.get(url).orElseThrow());
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertEquals(1, all.size(), "one entry, no temporary files left: " + all);
      Files.writeString(all.get(0), "garbage");
      assertTrue(c.get(url).isEmpty(), "a corrupt entry is a miss");
    }
  }
}
