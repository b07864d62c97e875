package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.report.AttentionPicture;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The attention picture of one graph-attention recommendation: seeds, attended neighbours and their weights. */
class AttentionPictureTest {
  private static final Map<String, String> TITLES = Map.of("t1", "First Song - A", "t2", "Second Song - B",
      "t9", "Picked Song - C", "t5", "Neighbour Song - D");

  private static Recommendation rec() {
    return new Recommendation("t9", 0.8, new Explanation("attention on seed t2", List.of(
        new Explanation.Factor("seed", "t1", 0.2, 0.1),
        new Explanation.Factor("seed", "t2", 0.8, 0.5),
        new Explanation.Factor("neighbour", "t5", 0.6, 0.6),
        new Explanation.Factor("artist", "Artist C", 1.0, 1.0),
        new Explanation.Factor("genre", "rock", 0.7, 0.7),
        new Explanation.Factor("genre-influence", "genre message share", 0.3, 0.3))));
  }

  @Test
  void drawsEachSeedAndAttendedNeighbourWithItsWeight() {
    String svg = AttentionPicture.svg(rec(), TITLES::get);
    for (String text : new String[] {"First Song - A", "Second Song - B", "Picked Song - C", "Neighbour Song - D",
        "Artist C", "rock", ">0.20<", ">0.80<", ">0.60<", ">1.00<", ">0.70<"}) {
      assertTrue(svg.contains(text), text);
    }
    assertTrue(!svg.contains("genre message share"), "only seeds and attended neighbours are drawn");
    Matcher widths = Pattern.compile("stroke-width=\"([0-9.]+)\"").matcher(svg);
    List<Double> w = widths.results().map(m -> Double.parseDouble(m.group(1))).toList();
    // widths 1 + 7 w / max per side: seeds 0.2 and 0.8 (max 0.8); attention 0.6, 1.0 and 0.7 (max 1.0)
    assertEquals(List.of(2.8, 5.2, 5.9, 8.0, 8.0), w.stream().sorted().toList(), "line widths follow the weights");
  }

  @Test
  void anExplanationWithoutSeedsIsRefused() {
    Recommendation plain = new Recommendation("t9", 1, new Explanation("popular", List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionPicture.svg(plain, id -> id));
    assertTrue(e.getMessage().contains("t9"), e.getMessage());
  }
}
