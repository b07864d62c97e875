package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StandardisationTest {
  @Test
  void missingValuesAreLeftOutAndMapToTheMean() {
    float[] z = Standardisation.standardised(new double[] {1, Double.NaN, 3});
    assertArrayEquals(new float[] {-1f, 0f, 1f}, z, 1e-6f);
  }

  @Test
  void constantAllMissingAndEmptyVectorsGiveZeros() {
    assertArrayEquals(new float[3], Standardisation.standardised(new double[] {0.7, 0.7, 0.7}));
    assertArrayEquals(new float[4], Standardisation.standardised(new float[] {1e6f, 1e6f, 1e6f, 1e6f}));
    assertArrayEquals(new float[2], Standardisation.standardised(new double[] {Double.NaN, Double.NaN}));
    assertArrayEquals(new float[0], Standardisation.standardised(new double[0]));
  }

  @Property(tries = 100)
  void theResultHasMeanZeroAndUnitSpreadAndFloatsWidenExactly(
      @ForAll @Size(min = 2, max = 50) List<@DoubleRange(min = -100, max = 100) Double> values) {
    float[] x = new float[values.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = values.get(i).floatValue();
    }
    float[] z = Standardisation.standardised(x);
    double s = 0;
    double s2 = 0;
    for (float v : z) {
      s += v;
      s2 += v * v;
    }
    boolean constant = values.stream().map(Double::floatValue).distinct().count() == 1;
    assertEquals(0, s / z.length, 1e-4);
    assertEquals(constant ? 0 : 1, s2 / z.length, 1e-3);
    double[] wide = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      wide[i] = x[i];
    }
    assertArrayEquals(Standardisation.standardised(wide), z);
  }
}
