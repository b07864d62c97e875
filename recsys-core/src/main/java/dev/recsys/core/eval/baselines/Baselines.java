package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import java.util.List;

/** The interaction-only baselines by name, with default settings: the bars every model must clear. */
public final class Baselines {
  /** The names {@link #trainer} knows. */
  public static final List<String> NAMES = List.of(PopularityRecommender.NAME, RandomRecommender.NAME,
      ItemKnnRecommender.NAME, UserKnnRecommender.NAME, EaseRecommender.NAME, IalsRecommender.NAME,
      BprRecommender.NAME);

  private Baselines() {}

  /**
   * The trainer of a baseline with default settings.
   *
   * @param seed used by the random baseline and as the seed of the factor models
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   * @param name the name
   * @return the trainer of a baseline with default settings
   */
  public static RecommenderTrainer trainer(String name, long seed) {
    return switch (name) {
      case PopularityRecommender.NAME -> PopularityRecommender.trainer();
      case RandomRecommender.NAME -> RandomRecommender.trainer(seed);
      case ItemKnnRecommender.NAME -> ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults());
      case UserKnnRecommender.NAME -> UserKnnRecommender.trainer(UserKnnRecommender.Config.defaults());
      case EaseRecommender.NAME -> EaseRecommender.trainer(EaseRecommender.Config.defaults());
      case IalsRecommender.NAME -> IalsRecommender.trainer(IalsRecommender.Config.builder().seed(seed).build());
      case BprRecommender.NAME -> BprRecommender.trainer(BprRecommender.Config.builder().seed(seed).build());
      default -> throw new IllegalArgumentException("unknown baseline '" + name + "'; available: " + NAMES);
    };
  }
}
