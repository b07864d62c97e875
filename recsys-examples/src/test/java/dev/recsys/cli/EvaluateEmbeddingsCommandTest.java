package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluateEmbeddingsCommandTest {
  @Test
  void comparesEveryEmbeddingOnHeldOutTracksWithPairedIntervals() throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-embeddings", "--dataset", "synthetic", "--tracks", "600",
        "--listeners", "120", "--epochs", "3", "--bootstrap", "100", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(json.get("heldOutTracks").asInt() >= 2);
    assertEquals(600, json.get("trainingTracks").asInt() + json.get("heldOutTracks").asInt());
    Set<String> seen = new HashSet<>();
    for (JsonNode v : json.get("values")) {
      seen.add(v.get("metric").asText() + "/" + v.get("embedding").asText());
      JsonNode e = v.get("estimate");
      assertTrue(e.get("lower").asDouble() <= e.get("mean").asDouble() + 1e-12, v.toString());
      assertTrue(e.get("mean").asDouble() <= e.get("upper").asDouble() + 1e-12, v.toString());
    }
    for (String s : new String[] {"reconstruction_mse/pca-autoencoder", "reconstruction_mse/pca-same-width",
        "genre_agreement/raw", "genre_agreement/pca", "genre_agreement/pca-autoencoder",
        "genre_agreement/playlist-contrastive", "playlist_agreement/playlist-contrastive"}) {
      assertTrue(seen.contains(s), s + " in " + seen);
    }
    assertTrue(json.get("differences").size() >= 7);
  }

  @Test
  void tuneRunsTheGridOnTheTrainingPartOnly() throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("evaluate-embeddings", "--dataset", "synthetic", "--tracks", "600",
        "--listeners", "120", "--epochs", "2", "--bootstrap", "100", "--tune", "--tune-widths", "4",
        "--tune-hidden", "8", "--tune-hidden", "8,4", "--tune-noise", "0,0.2", "--no-contrastive", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(4, json.size());
    for (JsonNode res : json) {
      assertTrue(res.get("dataset").asText().endsWith("(training part)"), res.get("dataset").asText());
      assertTrue(res.get("tracks").asInt() < 600);
      assertEquals(4, res.get("dimension").asInt());
    }
    assertEquals("[8]", json.get(0).get("autoencoder").get("hiddenSizes").toString());
    assertEquals(0.2, json.get(1).get("autoencoder").get("noise").asDouble());
    assertEquals("[8,4]", json.get(2).get("autoencoder").get("hiddenSizes").toString());
  }
}
