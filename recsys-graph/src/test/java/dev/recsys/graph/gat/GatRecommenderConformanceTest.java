package dev.recsys.graph.gat;

import dev.recsys.core.conformance.RecommenderConformance;
import dev.recsys.core.spi.Recommender;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class GatRecommenderConformanceTest extends RecommenderConformance {
  @Override
  protected Recommender recommender() {
    return GatModelTest.model().nextTrack();
  }

  @Override
  protected String knownListener() {
    return GatModelTest.model().graph().listeners().id(0);
  }

  @Override
  protected Set<String> itemsOf(String listener) {
    HeteroGraph g = GatModelTest.model().graph();
    Set<String> out = new HashSet<>();
    for (int t : g.listenerTracks(g.listeners().indexOf(listener))) {
      out.add(g.tracks().id(t));
    }
    return out;
  }

  @Override
  protected List<String> someItems() {
    HeteroGraph g = GatModelTest.model().graph();
    return List.of(g.tracks().id(0), g.tracks().id(1), g.tracks().id(2), g.tracks().id(3));
  }
}
