package dev.recsys.graph.gat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeteroGraphTest {
  @Test
  void smallPlaylistGraphHasTheExpectedEdges() {
    Catalog c = Catalog.of(List.of(
        Track.builder("a").artists(List.of(new ArtistRef(java.util.Optional.of("x"), "X"))).genres(List.of("pop")).build(),
        Track.builder("b").artists(List.of(new ArtistRef(java.util.Optional.of("x"), "X"))).genres(List.of("pop", "rock")).build(),
        Track.builder("c").artists(List.of(new ArtistRef(java.util.Optional.empty(), "Y"))).genres(List.of("rock")).build()));
    Interactions.Builder b = Interactions.builder();
    b.add("p1", "a", 1, Long.MIN_VALUE, false);
    b.add("p1", "b", 1, Long.MIN_VALUE, false);
    b.add("p1", "c", 1, Long.MIN_VALUE, false);
    b.add("p2", "b", 1, Long.MIN_VALUE, false);
    b.add("p2", "c", 1, Long.MIN_VALUE, true);
    HeteroGraph g = HeteroGraph.build(c, b.build(), new GraphConfig(1, 1800, 10));
    int a = g.tracks().indexOf("a");
    int bb = g.tracks().indexOf("b");
    int cc = g.tracks().indexOf("c");
    assertEquals(2, g.genres().size());
    assertEquals(2, g.artists().size());
    assertTrue(g.artists().contains("name:Y"));
    // window 1: a-b, b-c in p1 only (p2's c was skipped)
    assertEquals(1, g.degree(EdgeType.TRACK_TRACK, a));
    assertEquals(2, g.degree(EdgeType.TRACK_TRACK, bb));
    assertEquals(1, g.degree(EdgeType.TRACK_TRACK, cc));
    assertEquals(2, g.degree(EdgeType.TRACK_GENRE, bb));
    assertEquals(2, g.degree(EdgeType.TRACK_LISTENER, bb));
    assertEquals(1, g.degree(EdgeType.TRACK_LISTENER, cc));
    assertEquals(1f, g.skips(cc));
    assertEquals(1f, g.plays(cc));
    assertEquals(2, g.sequenceCount());
    assertEquals(2, g.artistGenres(g.artists().indexOf("x")).length);
  }

  @Property(tries = 30)
  void coOccurrenceIsSymmetricWeightedAndBounded(@ForAll @IntRange(min = 1, max = 4) int window,
      @ForAll @IntRange(min = 1, max = 8) int maxDegree, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < 10; u++) {
      int len = 1 + r.nextInt(8);
      for (int k = 0; k < len; k++) {
        b.add("u" + u, "t" + r.nextInt(15), 1, Long.MIN_VALUE, false);
      }
    }
    Interactions data = b.build();
    HeteroGraph full = HeteroGraph.build(Catalog.of(List.of()), data, new GraphConfig(window, 1800, 1000));
    HeteroGraph capped = HeteroGraph.build(Catalog.of(List.of()), data, new GraphConfig(window, 1800, maxDegree));
    int n = full.tracks().size();
    for (int t = 0; t < n; t++) {
      assertTrue(capped.degree(EdgeType.TRACK_TRACK, t) <= maxDegree);
      for (int k = 0; k < full.degree(EdgeType.TRACK_TRACK, t); k++) {
        int j = full.neighbour(EdgeType.TRACK_TRACK, t, k);
        float w = full.weight(EdgeType.TRACK_TRACK, t, k);
        assertTrue(j != t, "self loop");
        if (k > 0) {
          assertTrue(w <= full.weight(EdgeType.TRACK_TRACK, t, k - 1), "not ordered by weight");
        }
        boolean back = false;
        for (int q = 0; q < full.degree(EdgeType.TRACK_TRACK, j); q++) {
          if (full.neighbour(EdgeType.TRACK_TRACK, j, q) == t) {
            back = true;
            assertEquals(w, full.weight(EdgeType.TRACK_TRACK, j, q));
          }
        }
        assertTrue(back, "asymmetric co-occurrence " + t + "-" + j);
      }
    }
  }
}
