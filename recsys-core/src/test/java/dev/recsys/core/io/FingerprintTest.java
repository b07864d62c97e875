package dev.recsys.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  /** The bulk float path hashes exactly the bytes of one putFloat per value (so stored fingerprints stay valid). */
  @Test
  void bulkFloatsHashLikeOnePutFloatPerValue() {
    SplittableRandom r = new SplittableRandom(1);
    for (int n : new int[] {0, 1, 7, 16384, 16385, 50_000}) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = i % 97 == 0 ? Float.NaN : (float) r.nextGaussian();
      }
      Hasher h = Hashing.sha256().newHasher().putInt(n);
      for (float x : v) {
        h.putFloat(x);
      }
      String expected = "sha256:" + h.hash().toString().substring(0, 16);
      assertEquals(expected, new Fingerprint().add(v).value(), "n=" + n);
    }
    assertNotEquals(new Fingerprint().add(new float[] {1f}).value(), new Fingerprint().add(new float[] {2f}).value());
  }
}
