package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The contract every {@link NextTrackSampler} must meet; extend it and implement {@link #newSampler}. */
public abstract class NextTrackSamplerConformance {
  /** For subclasses, which JUnit instantiates once per test. */
  protected NextTrackSamplerConformance() {}

  /**
   * A sampler over a catalogue of {@link #catalogSize()} tracks.
   *
   * @return a new sampler; track indexes run from 0 to {@link #catalogSize()} exclusive
   */
  protected abstract NextTrackSampler newSampler();

  /**
   * Catalogue size of the sampler.
   *
   * @return the number of tracks, at least 1
   */
  protected abstract int catalogSize();

  /**
   * For each of the first 30 tracks, the next-track distribution has candidates in the catalogue with non-negative
   * probabilities summing to 1.
   */
  @Test
  public void distributionIsAProbabilityDistributionOverValidTracks() {
    NextTrackSampler s = newSampler();
    ListeningHistory h = new ListeningHistory(catalogSize(), 50);
    for (int cur = 0; cur < Math.min(catalogSize(), 30); cur++) {
      h.play(cur);
      NextTrackDistribution d = s.distribution(cur, h);
      double sum = 0;
      for (int i = 0; i < d.size(); i++) {
        assertTrue(d.probabilities()[i] >= 0, "negative probability");
        assertTrue(d.candidates()[i] >= 0 && d.candidates()[i] < catalogSize(), "candidate out of range");
        sum += d.probabilities()[i];
      }
      if (catalogSize() > 0) {
        assertTrue(d.size() > 0, "no candidate for a non-empty catalogue");
        assertEquals(1.0, sum, 1e-9);
      }
    }
  }

  /** Two equal histories give the same candidates and probabilities. */
  @Test
  public void distributionIsAPureFunction() {
    NextTrackSampler s = newSampler();
    ListeningHistory a = new ListeningHistory(catalogSize(), 20);
    ListeningHistory b = new ListeningHistory(catalogSize(), 20);
    a.play(0);
    b.play(0);
    NextTrackDistribution x = s.distribution(0, a);
    NextTrackDistribution y = s.distribution(0, b);
    assertArrayEquals(x.candidates(), y.candidates());
    assertArrayEquals(x.probabilities(), y.probabilities());
  }

  /** Walks of 200 steps with the same seed are equal and stay within the catalogue. */
  @Test
  public void sameSeedSameWalkAndWalksNeverThrow() {
    NextTrackSampler s = newSampler();
    int[] w1 = s.walk(0, 200, new ListeningHistory(catalogSize(), 50), new SplittableRandom(9));
    int[] w2 = s.walk(0, 200, new ListeningHistory(catalogSize(), 50), new SplittableRandom(9));
    assertArrayEquals(w1, w2);
    assertEquals(200, w1.length);
    for (int t : w1) {
      assertTrue(t >= 0 && t < catalogSize());
    }
  }

  /** Every candidate's explanation has one factor per feature of the distribution. */
  @Test
  public void explanationsCoverEveryFeature() {
    NextTrackSampler s = newSampler();
    ListeningHistory h = new ListeningHistory(catalogSize(), 10);
    h.play(0);
    NextTrackDistribution d = s.distribution(0, h);
    for (int c = 0; c < d.size(); c++) {
      assertEquals(d.featureNames().size(), d.explain(c).factors().size());
    }
  }
}
