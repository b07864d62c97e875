package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code recsys evaluate-shuffle} on a small synthetic world, as text and JSON, and its data set errors. */
class EvaluateShuffleCommandTest {
  private static final String[] SMALL = {"--dataset", "synthetic", "--tracks", "400", "--train-sessions", "24",
      "--sessions", "20", "--bootstrap", "100", "--seed", "5"};

  @Test
  void jsonNamesEverySamplerAndMetricPlainly() throws Exception {
    List<String> args = new ArrayList<>(List.of("evaluate-shuffle"));
    args.addAll(List.of(SMALL));
    args.add("--json");
    RecsysCliTest.Result r = RecsysCliTest.run(args.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    List<String> samplers = new ArrayList<>();
    for (JsonNode s : root.get("samplers")) {
      samplers.add(s.get("sampler").asText());
      for (String m : List.of("repeat_rate", "artist_repeat_rate", "coherence", "heldout_log_likelihood")) {
        JsonNode e = s.get("metrics").get(m);
        assertTrue(e != null && e.has("lower") && e.has("upper"), s.toString());
      }
    }
    assertEquals(List.of("uniform", "similarity-walk", "default-smart-walk", "learned-smart-walk", "personal-smart-walk"), samplers);
    assertTrue(root.get("checks").size() >= 6, root.get("checks").toString());
    assertTrue(root.get("selected").has("similarity_walk_temperature"), root.get("selected").toString());
  }

  @Test
  void textPrintsTheTableTheChecksAndTheDriftControl() throws Exception {
    List<String> args = new ArrayList<>(List.of("evaluate-shuffle"));
    args.addAll(List.of(SMALL));
    RecsysCliTest.Result r = RecsysCliTest.run(args.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("learned-smart-walk") && r.out().contains("coherence(learned) >= 0.9 x")
        && r.out().contains("drift control") && r.out().contains("why this song") && r.out().contains("personal "), r.out());
  }

  @Test
  void anUnknownDatasetKindIsRejectedWithTheKinds() throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-shuffle", "--dataset", "spotfy:x.csv");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("synthetic") && r.err().contains("spotify-songs:FILE"), r.err());
  }
}
