package dev.recsys.spark.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.spark.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SimulationJobTest {
  @Test
  void choiceDataAreTheSingleMachineOnesWhateverThePartitioning() {
    SimulationJob job0 = new SimulationJob(400, 5, 10, 8, 10, 1.0, new double[0], 9);
    int p = job0.featureNames().size();
    double[] truth = new double[p];
    for (int f = 0; f < p; f++) {
      truth[f] = f % 2 == 0 ? 1.0 : -0.5;
    }
    SimulationJob job = new SimulationJob(400, 5, 10, 8, 10, 1.0, truth, 9);
    Dataset<Row> two = job.run(SharedSpark.get(), 12, 3, 6, 2);
    Dataset<Row> five = job.run(SharedSpark.get(), 12, 3, 6, 5);
    ChoiceData a = SimulationJob.toChoiceData(two, job.featureNames());
    ChoiceData b = SimulationJob.toChoiceData(five, job.featureNames());
    assertEquals(a, b, "the partitioning does not change the data");
    assertEquals(12 * 3 * 5, a.size(), "one choice set per step after the first");

    // listener 7's sets are what one machine simulates for listener 7 alone
    ChoiceData seven = job.simulateListener(7, 3, 6);
    List<Row> rows = two.filter("listener = 7").orderBy("set", "candidate").collectAsList();
    assertEquals(seven.rows(), rows.size());
    for (int r = 0; r < rows.size(); r++) {
      List<Object> f = rows.get(r).getList(4);
      for (int q = 0; q < p; q++) {
        assertEquals(seven.value(r, q), ((Number) f.get(q)).doubleValue());
      }
    }
    assertTrue(rows.stream().filter(r -> r.getBoolean(3)).count() == seven.size());
  }
}
