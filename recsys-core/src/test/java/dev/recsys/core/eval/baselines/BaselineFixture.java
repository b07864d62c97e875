package dev.recsys.core.eval.baselines;

import dev.recsys.core.conformance.RecommenderConformance;
import dev.recsys.core.eval.EvalFixtures;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The conformance suite over clustered synthetic data; subclasses name the recommender. */
abstract class BaselineFixture extends RecommenderConformance {
  static final Interactions DATA = EvalFixtures.clustered(80, 60, 4, 12, 11);
  private Recommender fitted;

  abstract Recommender fit(Interactions train);

  @Override
  protected Recommender recommender() {
    if (fitted == null) {
      fitted = fit(DATA);
    }
    return fitted;
  }

  @Override
  protected String knownListener() {
    return "u5";
  }

  @Override
  protected Set<String> itemsOf(String listener) {
    Set<String> s = new HashSet<>();
    for (int r = 0; r < DATA.size(); r++) {
      if (DATA.users().id(DATA.user(r)).equals(listener)) {
        s.add(DATA.items().id(DATA.item(r)));
      }
    }
    return s;
  }

  @Override
  protected List<String> someItems() {
    return List.of("i3", "i17", "i42", "i8");
  }
}
