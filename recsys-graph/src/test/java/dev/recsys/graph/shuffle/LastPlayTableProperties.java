package dev.recsys.graph.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.simulation.Worlds;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The table of last plays that a walk's buffers keep for the history they serve: after any sequence of walk steps
 * and of changes made outside the walk (single plays, bursts longer than the history's window, clears, steps of
 * the same buffers with another history), every step that uses it sees the plays-ago of every track that the history
 * gives, and scores its candidates with the same bits as the column layout, which reads the history itself.
 */
class LastPlayTableProperties {
  private static final int TRACKS = 240;
  private static final int WINDOW = 8;

  private static SoftmaxWalkSampler fused() {
    SoftmaxWalkSampler s = Worlds.of(TRACKS).unconstrained();
    s.buildEdgeScores();
    return s;
  }

  @Property(tries = 150)
  void keptTableAgreesWithTheHistory(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 11) Integer> changes, @ForAll long seed) {
    SoftmaxWalkSampler walk = fused();
    SoftmaxWalkSampler columns = Worlds.of(TRACKS).unconstrained();
    StepBuffers buf = walk.newBuffers();
    StepBuffers ref = columns.newBuffers();
    double[] w = walk.weights();
    SplittableRandom rnd = new SplittableRandom(seed);
    ListeningHistory h = new ListeningHistory(TRACKS, WINDOW);
    ListeningHistory other = new ListeningHistory(TRACKS, WINDOW);
    int cur = rnd.nextInt(TRACKS);
    h.play(cur);
    other.play(cur);
    for (int change : changes) {
      switch (change) {
        case 8 -> { // a play chosen outside the walk
          cur = rnd.nextInt(TRACKS);
          h.play(cur);
        }
        case 9 -> { // a burst of plays, at times longer than the history's window
          for (int k = 1 + rnd.nextInt(WINDOW + 4); k > 0; k--) {
            cur = rnd.nextInt(TRACKS);
            h.play(cur);
          }
        }
        case 10 -> { // a new session in the same history
          h.clear();
          h.play(cur);
        }
        case 11 -> { // the same buffers serve another history for a step
          int n = walk.step(other.current(), other, w, buf);
          other.play(SoftmaxWalkSampler.draw(buf, n, rnd.nextDouble()));
        }
        default -> { // a step of the walk, its pick played
          int n = checkedStep(walk, buf, columns, ref, cur, h, w);
          cur = SoftmaxWalkSampler.draw(buf, n, rnd.nextDouble());
          h.play(cur);
        }
      }
    }
  }

  /** One step with the kept table (when there is one) checked against the history and the column layout. */
  private static int checkedStep(SoftmaxWalkSampler walk, StepBuffers buf, SoftmaxWalkSampler columns,
      StepBuffers ref, int cur, ListeningHistory h, double[] w) {
    int n = walk.step(cur, h, w, buf);
    int[] lastPlay = buf.context.keptLastPlays();
    if (lastPlay != null) {
      for (int t = 0; t < TRACKS; t++) {
        int ago = h.playsSince(t);
        int kept = h.steps() - lastPlay[t];
        if (ago < 0) {
          assertTrue(kept < 0, "track " + t + " was never played; the table says " + kept + " plays ago");
        } else {
          assertEquals(ago, kept, "plays since track " + t);
        }
      }
    }
    assertEquals(n, columns.gather(cur, h, ref));
    columns.score(n, w, ref);
    for (int i = 0; i < n; i++) {
      assertEquals(ref.candidates()[i], buf.candidates()[i]);
      assertEquals(Double.doubleToRawLongBits(ref.probabilities()[i]), Double.doubleToRawLongBits(buf.probabilities()[i]),
          "probability " + i + (lastPlay != null ? " with the kept table" : ""));
    }
    return n;
  }

  @Test
  void tableIsKeptWhileOneHistoryIsFollowedAndDroppedOnAnyOtherChange() {
    SoftmaxWalkSampler walk = fused();
    StepBuffers buf = walk.newBuffers();
    double[] w = walk.weights();
    SplittableRandom rnd = new SplittableRandom(5);
    ListeningHistory h = new ListeningHistory(TRACKS, WINDOW);
    h.play(0);
    follow(walk, buf, h, w, rnd);
    assertNotNull(buf.context.keptLastPlays(), "kept after following the history for a while");
    // as many plays between two steps as the window remembers are applied to the table
    for (int k = 0; k < WINDOW; k++) {
      h.play(rnd.nextInt(TRACKS));
    }
    walk.step(h.current(), h, w, buf);
    assertNotNull(buf.context.keptLastPlays());
    for (int k = 0; k <= WINDOW; k++) {
      h.play(rnd.nextInt(TRACKS));
    }
    walk.step(h.current(), h, w, buf);
    assertNull(buf.context.keptLastPlays(), "more plays than the window remembers drop it");
    follow(walk, buf, h, w, rnd);
    assertNotNull(buf.context.keptLastPlays());
    h.clear();
    h.play(3);
    walk.step(3, h, w, buf);
    assertNull(buf.context.keptLastPlays(), "a clear drops it");
    follow(walk, buf, h, w, rnd);
    assertNotNull(buf.context.keptLastPlays());
    ListeningHistory other = new ListeningHistory(TRACKS, WINDOW);
    other.play(1);
    walk.step(1, other, w, buf);
    assertNull(buf.context.keptLastPlays(), "another history drops it");
  }

  /** Walks from the history's last play for as many steps as the buffers take to build their table. */
  private static void follow(SoftmaxWalkSampler walk, StepBuffers buf, ListeningHistory h, double[] w,
      SplittableRandom rnd) {
    for (int i = 0; i <= (TRACKS >> 4) + 1; i++) {
      int next = SoftmaxWalkSampler.draw(buf, walk.step(h.current(), h, w, buf), rnd.nextDouble());
      h.play(next);
    }
    walk.step(h.current(), h, w, buf);
  }
}
