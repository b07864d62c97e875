package dev.recsys.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.Estimate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void disjointIntervalsDecideByDirectionAndOverlapTies() {
    Estimate low = new Estimate(0.10, 0.08, 0.12, 100);
    Estimate high = new Estimate(0.20, 0.18, 0.22, 100);
    Estimate wide = new Estimate(0.15, 0.05, 0.25, 100);
    assertEquals(Verdict.BEATS, Verdict.of(high, low, true));
    assertEquals(Verdict.LOSES, Verdict.of(low, high, true));
    assertEquals(Verdict.BEATS, Verdict.of(low, high, false));
    assertEquals(Verdict.TIES, Verdict.of(wide, low, true));
    assertEquals(Verdict.TIES, Verdict.of(high, new Estimate(0.22, 0.22, 0.22, 1), true));
    assertEquals(Verdict.BEATS, Verdict.of(high, new Estimate(0.05, Double.NaN, Double.NaN, 1), true));
  }

  @Test
  void replicateIntervalsUseStudentT() {
    Estimate e = Intervals.replicates(new double[] {1, 2, 3});
    assertEquals(2, e.mean(), 1e-12);
    assertEquals(2 - 4.303 / Math.sqrt(3), e.lower(), 1e-9);
    assertEquals(2 + 4.303 / Math.sqrt(3), e.upper(), 1e-9);
    assertEquals(Intervals.point(5, 1), Intervals.replicates(new double[] {5}));
    assertThrows(IllegalArgumentException.class, () -> Intervals.replicates(new double[0]));
  }

  @Test
  void bootstrapOfValuesMatchesTheMeanAndIsSeeded() {
    double[] v = new double[200];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 7 == 0 ? Double.NaN : (i * 37 % 11) / 10.0;
    }
    Estimate a = Estimate.bootstrap(v, 500, 0.95, 3);
    Estimate b = Estimate.bootstrap(v, 500, 0.95, 3);
    assertEquals(a, b);
    double sum = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        sum += x;
        n++;
      }
    }
    assertEquals(sum / n, a.mean(), 1e-12);
    assertEquals(n, a.n());
    assertTrue(a.lower() < a.mean() && a.mean() < a.upper(), a.toString());
  }

  @Test
  void tablesPutTheModelFirstAndJudgeEachBaseline() {
    QualityReport.MetricTable t = QualityReport.table("d", "m", true, "i", "model", new Estimate(0.5, 0.4, 0.6, 9),
        new java.util.LinkedHashMap<>(Map.of("chance", Intervals.point(0.1, 9))));
    assertEquals("model", t.rows().get(0).name());
    assertEquals(null, t.rows().get(0).verdict());
    assertEquals(Verdict.BEATS, t.rows().get(1).verdict());
  }

  @Test
  void profilesAreValidConfigurations() {
    for (QualityProfile p : QualityProfile.values()) {
      QualityConfig c = QualityConfig.of(p, 1, java.nio.file.Path.of("data"));
      assertEquals(p, c.profile());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QualityConfig(
        QualityProfile.QUICK, 1, java.nio.file.Path.of("d"), 10, 600, 1, 10, 2, 10, 10, 1, 1, 1, 100));
    assertTrue(e.getMessage().contains("tracks"), e.getMessage());
  }
}
