package dev.recsys.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readable summaries of results and data, and the genre filter of {@link ItemGenres#filtering}. */
class ReadableToStringTest {
  @Test
  void explanationPrintsItsFactorsLargestFirst() {
    Explanation e = new Explanation("p=0.214 among 50 candidates", List.of(
        new Explanation.Factor("feature", "same-artist", 1, -0.4),
        new Explanation.Factor("feature", "similarity", 0.91, 1.82)));
    assertEquals("p=0.214 among 50 candidates [similarity=0.910 (+1.82), same-artist=1 (-0.400)]", e.toString());
    assertEquals("popular", Explanation.of("popular").toString());
  }

  @Test
  void interactionsSummariseThemselves() {
    Interactions in = Interactions.builder().add("u1", "t1", 1, 1_700_000_000L, false).add("u1", "t2", 2, 1_700_000_060L, true)
        .add("u2", "t1", 1, Interaction.NO_TIME, false).build();
    assertEquals("Interactions[3 rows, 2 users, 2 items, 1 skips, 2023-11-14T22:13:20Z..2023-11-14T22:14:20Z]", in.toString());
    assertEquals("Interactions[0 rows, 0 users, 0 items, 0 skips, no timestamps]", Interactions.builder().build().toString());
  }

  @Test
  void genreFilteringKeepsOrderAndFillsK() {
    Recommender byPopularity = new Recommender() {
      @Override
      public String name() {
        return "pop";
      }

      @Override
      public List<Recommendation> recommend(RecommendationQuery q) {
        return java.util.stream.Stream.of("c", "b", "a", "x").filter(i -> !q.exclude().contains(i)).limit(q.k())
            .map(i -> new Recommendation(i, 1, Explanation.of(i))).toList();
      }
    };
    ItemGenres genres = ItemGenres.of(java.util.Map.of("a", List.of("rock"), "b", List.of("pop"), "c", List.of("rock", "pop")));
    Recommender r = genres.filtering(byPopularity);
    RecommendationQuery rock = new RecommendationQuery(java.util.Optional.of("u1"), List.of(), 3, java.util.Set.of(), true,
        java.util.Set.of("rock"));
    // "x" has no known genre and is dropped; "b" is pop only
    assertEquals(List.of("c", "a"), r.recommend(rock).stream().map(Recommendation::itemId).toList());
  }
}
