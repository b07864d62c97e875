package dev.recsys.graph.gat;

import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;

/** Small seeded worlds shared by the tests. */
final class GatFixtures {
  private static SyntheticWorld small;

  private GatFixtures() {}

  static synchronized SyntheticWorld small() {
    if (small == null) {
      small = SyntheticWorld.generate(SynthConfig.builder().seed(7).tracks(400).listeners(80).genres(6).threads(1).build());
    }
    return small;
  }

  static GatConfig quick(int epochs) {
    return GatConfig.defaults().withDim(16, 2).withEpochs(epochs);
  }
}
