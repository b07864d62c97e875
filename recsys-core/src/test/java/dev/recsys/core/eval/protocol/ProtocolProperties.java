package dev.recsys.core.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.EvalFixtures;
import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ProtocolProperties {
  @Provide
  Arbitrary<Protocol> protocols() {
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Arbitraries.oneOf(
        seeds.map(s -> new RandomSplit(0.2, s)),
        seeds.map(s -> TemporalSplit.lastFraction(0.25, s)),
        seeds.map(s -> TemporalSplit.lastN(2, s)),
        seeds.map(LeaveLastOut::new),
        seeds.map(s -> new PlaylistContinuation(0.5, 0.5, 3, s)));
  }

  @Property(tries = 60)
  void splitsAreDisjointAndComplete(@ForAll("protocols") Protocol p, @ForAll @LongRange(min = 0, max = 1000) long dataSeed) {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, dataSeed);
    Split s = p.split(data);
    int[] all = new int[data.size()];
    int[] train = s.trainRows();
    int[] test = s.testRows();
    for (int r : train) {
      all[r]++;
    }
    for (int r : test) {
      all[r]++;
    }
    for (int r = 0; r < all.length; r++) {
      assertEquals(1, all[r], "row " + r + " appears " + all[r] + " times");
    }
    assertEquals(data.size(), s.train().size() + s.test().size());
    for (int q = 0; q < s.numTestUsers(); q++) {
      int u = s.testUser(q);
      for (int it : s.heldOut(q)) {
        for (int r : train) {
          assertTrue(data.user(r) != u || data.item(r) != it, "held-out item also in training");
        }
      }
    }
  }

  @Property(tries = 40)
  void sameSeedSameSplit(@ForAll("protocols") Protocol p, @ForAll @IntRange(min = 0, max = 50) int dataSeed) {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, dataSeed);
    Split a = p.split(data);
    Split b = p.split(data);
    assertArrayEquals(a.trainRows(), b.trainRows());
    assertArrayEquals(a.testRows(), b.testRows());
  }

  @Test
  void differentSeedsGiveDifferentRandomSplits() {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, 1);
    assertTrue(!Arrays.equals(new RandomSplit(0.2, 1).split(data).testRows(),
        new RandomSplit(0.2, 2).split(data).testRows()));
    assertEquals((int) Math.floor(data.size() * 0.2), new RandomSplit(0.2, 1).split(data).testRows().length);
  }

  @Test
  void temporalHoldsOutTheLatestRowsOfEachUser() {
    Interactions.Builder b = Interactions.builder();
    for (int i = 0; i < 10; i++) {
      b.add("a", "i" + i, 1, 100 - i, false); // newest first in the file
    }
    b.add("solo", "i0", 1, 5, false);
    Interactions data = b.build();
    Split s = TemporalSplit.lastFraction(0.2, 7).split(data);
    assertEquals(1, s.numTestUsers()); // a single-row user stays in training
    assertArrayEquals(new int[] {data.items().indexOf("i0"), data.items().indexOf("i1")}, s.heldOut(0));
    Split l = new LeaveLastOut(7).split(data);
    assertArrayEquals(new int[] {data.items().indexOf("i0")}, l.heldOut(0));
    Split n = TemporalSplit.lastN(3, 7).split(data);
    assertEquals(3, n.heldOut(0).length);
  }

  /** Equal timestamps: the rows are ordered by item id, so the held-out rows do not depend on seed or row order. */
  @Property(tries = 40)
  void temporalTiesAreBrokenByItemIdWhateverTheSeedAndRowOrder(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int shuffle) {
    java.util.List<String> items = new java.util.ArrayList<>(java.util.List.of("b", "a", "d", "c", "e"));
    java.util.Collections.shuffle(items, new java.util.Random(shuffle));
    Interactions.Builder b = Interactions.builder();
    for (String it : items) {
      b.add("u", it, 1, 50, false); // all at one instant
    }
    b.add("u", "z", 1, 10, false); // the earliest row
    Interactions data = b.build();
    Split s = TemporalSplit.lastN(2, seed).split(data);
    assertArrayEquals(java.util.stream.IntStream.of(data.items().indexOf("d"), data.items().indexOf("e")).sorted()
        .toArray(), s.heldOut(0));
  }

  @Test
  void temporalNeedsTimestamps() {
    Interactions data = Interactions.builder().add("u", "a", 1, Interaction.NO_TIME, false)
        .add("u", "b", 1, 3, false).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TemporalSplit.lastN(1, 1).split(data));
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
  }

  @Test
  void playlistContinuationSeedsWithTheFirstPart() {
    Interactions.Builder b = Interactions.builder();
    for (int p = 0; p < 4; p++) {
      for (int t = 0; t < 6; t++) {
        b.add("p" + p, "t" + (p * 10 + t), 1, Interaction.NO_TIME, false);
      }
    }
    Interactions data = b.build();
    Split s = new PlaylistContinuation(1.0, 0.5, 2, 3).split(data);
    assertEquals(4, s.numTestUsers());
    for (int q = 0; q < 4; q++) {
      int p = s.testUser(q);
      String id = data.users().id(p);
      int base = Integer.parseInt(id.substring(1)) * 10;
      int[] seeds = s.seeds(q);
      assertEquals(3, seeds.length);
      for (int i = 0; i < 3; i++) {
        assertEquals("t" + (base + i), data.items().id(seeds[i]));
      }
      assertEquals(3, s.heldOut(q).length);
    }
    assertThrows(IllegalArgumentException.class, () -> new PlaylistContinuation(0.2, 1.0, 5, 1));
  }

  @Test
  void heldOutItemsSeenInTrainingAreDropped() {
    Interactions data = Interactions.builder().add("u", "a", 1, 1, false).add("u", "b", 1, 2, false)
        .add("u", "a", 1, 3, false).add("u", "c", 1, 4, false).build();
    Split s = TemporalSplit.lastN(2, 1).split(data);
    assertEquals(1, s.droppedSeen());
    assertArrayEquals(new int[] {data.items().indexOf("c")}, s.heldOut(0));
  }

  @Test
  void parametersAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new RandomSplit(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new TemporalSplit(0.2, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> new TemporalSplit(0, 0, 1));
  }
}
