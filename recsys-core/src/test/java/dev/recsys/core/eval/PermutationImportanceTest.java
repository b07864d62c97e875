package dev.recsys.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
  /**
   * A classifier of 400 rows that predicts the sign of feature {@code decisive} and reads {@code ignored} without using
   * it; the metric per row is 1 when the prediction is right. Permuting the decisive feature makes about half the
   * predictions wrong; permuting the ignored one changes nothing.
   */
  private static final class SignModel implements PermutationImportance.Target {
    final double[] decisive;
    final double[] ignored;
    final List<int[]> seen = new ArrayList<>();

    SignModel(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      decisive = new double[400];
      ignored = new double[400];
      for (int i = 0; i < 400; i++) {
        decisive[i] = r.nextGaussian();
        ignored[i] = r.nextGaussian();
      }
    }

    @Override
    public List<String> groups() {
      return List.of("decisive", "ignored");
    }

    @Override
    public int rows(String group) {
      return 400;
    }

    @Override
    public double[] evaluate(String group, int[] permutation) {
      if (permutation != null) {
        seen.add(permutation.clone());
      }
      double[] out = new double[400];
      for (int i = 0; i < 400; i++) {
        double d = "decisive".equals(group) ? decisive[permutation[i]] : decisive[i];
        double unused = "ignored".equals(group) ? ignored[permutation[i]] : ignored[i];
        boolean predicted = d + 0 * unused > 0;
        out[i] = predicted == decisive[i] > 0 ? 1 : 0;
      }
      return out;
    }
  }

  @Test
  void decisiveGroupIsLargeAndIgnoredGroupIsZero() {
    PermutationImportance.Result r = PermutationImportance.measure(new SignModel(1), "accuracy",
        PermutationImportance.Config.defaults(7));
    assertEquals(1.0, r.intact());
    assertEquals(400, r.units());
    PermutationImportance.GroupImportance d = r.get("decisive");
    assertTrue(d.drop().mean() > 0.4 && d.drop().mean() < 0.6, d.toString());
    assertTrue(d.drop().lower() > 0.35, d.toString());
    assertTrue(d.repeatSd() > 0, d.toString());
    PermutationImportance.GroupImportance i = r.get("ignored");
    assertEquals(0.0, i.drop().mean());
    assertEquals(0.0, i.drop().lower());
    assertEquals(0.0, i.drop().upper());
    assertEquals(1.0, i.permuted());
    assertTrue(r.table().contains("decisive"), r.table());
    assertThrows(IllegalArgumentException.class, () -> r.get("absent"));
  }

  @Property(tries = 20)
  void sameSeedSameResultAndIgnoredGroupNeverMatters(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    PermutationImportance.Config c = new PermutationImportance.Config(3, 100, 0.95, seed);
    PermutationImportance.Result a = PermutationImportance.measure(new SignModel(seed), "accuracy", c);
    PermutationImportance.Result b = PermutationImportance.measure(new SignModel(seed), "accuracy", c);
    assertEquals(a, b);
    assertEquals(0.0, a.get("ignored").drop().mean());
    assertTrue(a.get("decisive").drop().mean() > 0.3);
  }

  @Test
  void differentSeedsDrawDifferentPermutations() {
    SignModel m1 = new SignModel(1);
    SignModel m2 = new SignModel(1);
    PermutationImportance.measure(m1, "accuracy", new PermutationImportance.Config(2, 10, 0.95, 1));
    PermutationImportance.measure(m2, "accuracy", new PermutationImportance.Config(2, 10, 0.95, 2));
    assertEquals(4, m1.seen.size());
    assertTrue(!java.util.Arrays.equals(m1.seen.get(0), m2.seen.get(0)));
    assertTrue(!java.util.Arrays.equals(m1.seen.get(0), m1.seen.get(1)), "repeats use different permutations");
  }

  @Test
  void blocksKeepValuesInsideTheirBlock() {
    int[] blocks = {0, 3, 3, 7};
    List<int[]> seen = new ArrayList<>();
    PermutationImportance.Target t = new PermutationImportance.Target() {
      @Override
      public List<String> groups() {
        return List.of("g");
      }

      @Override
      public int rows(String group) {
        return 10;
      }

      @Override
      public int[] blocks(String group) {
        return blocks;
      }

      @Override
      public double[] evaluate(String group, int[] permutation) {
        if (permutation != null) {
          seen.add(permutation.clone());
        }
        return new double[] {1, 2};
      }
    };
    PermutationImportance.measure(t, "m", new PermutationImportance.Config(20, 0, 0.95, 5));
    assertEquals(20, seen.size());
    boolean moved = false;
    for (int[] p : seen) {
      int[] sorted = p.clone();
      java.util.Arrays.sort(sorted);
      assertEquals(java.util.Arrays.toString(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), java.util.Arrays.toString(sorted));
      for (int i = 0; i < 10; i++) {
        int block = i < 3 ? 0 : i < 7 ? 1 : 2;
        int from = p[i] < 3 ? 0 : p[i] < 7 ? 1 : 2;
        assertEquals(block, from, "row " + i + " took the value of row " + p[i]);
        moved |= p[i] != i;
      }
    }
    assertTrue(moved);
  }

  @Test
  void rejectsAWrongNumberOfUnits() {
    PermutationImportance.Target t = new PermutationImportance.Target() {
      @Override
      public List<String> groups() {
        return List.of("g");
      }

      @Override
      public int rows(String group) {
        return 4;
      }

      @Override
      public double[] evaluate(String group, int[] permutation) {
        return new double[group == null ? 3 : 2];
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PermutationImportance.measure(t, "m", PermutationImportance.Config.defaults(1)));
    assertTrue(e.getMessage().contains("'g' gave 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PermutationImportance.Config(0, 10, 0.95, 1));
  }
}
