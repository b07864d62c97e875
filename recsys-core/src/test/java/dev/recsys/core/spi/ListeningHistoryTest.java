package dev.recsys.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ListeningHistoryTest {
  @Test
  void versionCountsPlaysAndClears() {
    ListeningHistory h = new ListeningHistory(10, 3);
    assertEquals(0, h.version());
    h.play(4);
    h.play(7);
    assertEquals(2, h.version());
    assertEquals(2, h.steps());
    h.clear();
    assertEquals(3, h.version(), "a clear is a change too");
    assertEquals(0, h.steps());
    h.play(7);
    assertEquals(4, h.version());
    assertEquals(1, h.playsSince(7));
    assertEquals(-1, h.playsSince(4));
  }

  @Test
  void aRejectedPlayIsNoChange() {
    ListeningHistory h = new ListeningHistory(10, 3);
    h.play(1);
    assertThrows(IllegalArgumentException.class, () -> h.play(10));
    assertEquals(1, h.version());
  }

  @Test
  void theLastPlaysFollowFromVersionAndSteps() {
    ListeningHistory h = new ListeningHistory(10, 4);
    h.play(2);
    long version = h.version();
    int steps = h.steps();
    h.play(5);
    h.play(9);
    // both grew by 2: exactly the plays recent(1) and recent(0)
    assertEquals(2, h.version() - version);
    assertEquals(2, h.steps() - steps);
    assertEquals(5, h.recent(1));
    assertEquals(9, h.recent(0));
  }
}
