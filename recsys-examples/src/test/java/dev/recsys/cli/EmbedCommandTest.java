package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.TrackVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {
  /** A TidyTuesday-layout CSV: 4 playlists of 2 genres, audio features drifting with the genre. */
  private static Path tidyTuesday(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("track_id,track_name,track_artist,track_popularity,track_album_id,"
        + "track_album_name,track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,"
        + "danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,"
        + "duration_ms\n");
    SplittableRandom r = new SplittableRandom(3);
    String[][] playlists = {{"p0", "rock", "hard rock"}, {"p1", "rock", "album rock"}, {"p2", "edm", "big room"},
        {"p3", "edm", "electro house"}};
    for (int i = 0; i < 240; i++) {
      String[] p = playlists[i % 4];
      boolean edm = p[1].equals("edm");
      sb.append(String.format(Locale.ROOT, "t%03d,Song %d,Artist %d,%d,a%d,Album,2019-01-%02d,%s list,%s,%s,%s,"
              + "%.3f,%.3f,%d,%.2f,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%d%n",
          i, i, i % 17, 20 + r.nextInt(60), i, 1 + i % 28, p[0], p[0], p[1], p[2],
          clamp((edm ? 0.75 : 0.45) + 0.1 * r.nextGaussian()), clamp((edm ? 0.85 : 0.7) + 0.1 * r.nextGaussian()),
          r.nextInt(12), (edm ? -4 : -8) + r.nextGaussian(), r.nextInt(2), clamp(0.05 + 0.03 * r.nextGaussian()),
          clamp((edm ? 0.05 : 0.2) + 0.05 * r.nextGaussian()), clamp((edm ? 0.4 : 0.05) + 0.1 * r.nextGaussian()),
          clamp(0.2 + 0.1 * r.nextGaussian()), clamp(0.5 + 0.2 * r.nextGaussian()), (edm ? 126 : 110) + 5 * r.nextGaussian(),
          200_000 + r.nextInt(60_000)));
    }
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  @Test
  void embedsWritesTheDirectoryAndReportsNeighbourAgreement(@TempDir Path dir) throws Exception {
    Path csv = tidyTuesday(dir);
    Path out = dir.resolve("model");
    Path vectors = dir.resolve("vectors.csv");
    RecsysCliTest.Result r = RecsysCliTest.run("embed", "--tracks", csv.toString(), "--out", out.toString(),
        "--epochs", "4", "--dim", "4", "--seed", "3", "--export-vectors", vectors.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(240, json.get("tracks").asInt());
    assertTrue(json.get("reloadIdentical").asBoolean());
    JsonNode report = json.get("report");
    assertEquals(4, report.get("dimension").asInt());
    JsonNode nb = report.get("neighbourhood");
    assertEquals(9, nb.size()); // raw, pca, pca-autoencoder x genre, subgenre, playlist
    for (JsonNode s : nb) {
      double agreement = s.get("agreement").asDouble();
      assertTrue(agreement >= 0 && agreement <= 1, s.toString());
    }
    // genre separates cleanly in these features: well above the chance level of 119/239 (two genres of 120 tracks)
    assertEquals("genre", nb.get(0).get("label").asText());
    assertTrue(nb.get(0).get("agreement").asDouble() > 0.75, nb.get(0).toString());
    assertEquals(119.0 / 239, nb.get(0).get("chance").asDouble(), 1e-9);
    ModelDirectory md = new ModelDirectory(out);
    for (Path p : List.of(md.catalog(), md.features(), md.embedder(), md.trackVectors(), md.report())) {
      assertTrue(Files.exists(p), p.toString());
    }
    TrackVectors tv = TrackVectors.load(md.trackVectors());
    assertEquals(240, tv.size());
    assertEquals(List.of("Song 0"), tv.metadata().get(0).get("title"));
    assertEquals(List.of("rock", "hard rock"), tv.metadata().get(0).get("genre"));
    List<String> lines = Files.readAllLines(vectors);
    assertEquals("track_id,v0,v1,v2,v3", lines.get(0));
    assertEquals(241, lines.size());
    assertTrue(lines.get(1).startsWith("t000,"));
  }

  @Test
  void textReportNamesEverySection(@TempDir Path dir) throws Exception {
    Path csv = tidyTuesday(dir);
    RecsysCliTest.Result r = RecsysCliTest.run("embed", "--tracks", csv.toString(), "--out", dir.resolve("m").toString(),
        "--epochs", "2", "--dim", "3");
    assertEquals(0, r.status(), r.err());
    for (String s : new String[] {"explained variance", "held-out reconstruction MSE", "neighbour agreement",
        "genre", "subgenre", "playlist", "reload check: the saved directory embeds every track"}) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
  }

  @Test
  void badDimensionFailsWithTheRule(@TempDir Path dir) throws Exception {
    RecsysCliTest.Result r = RecsysCliTest.run("embed", "--tracks", tidyTuesday(dir).toString(), "--out",
        dir.resolve("m").toString(), "--dim", "0");
    assertEquals(1, r.status());
    assertEquals("error: bottleneck must be in [1, 1024]; bottleneck=0", r.err().lines().reduce((a, b) -> b).orElse(""));
  }

  @Test
  void playlistContrastiveEmbedderIsSelectedByNameAndReloads(@TempDir Path dir) throws Exception {
    Path csv = tidyTuesday(dir);
    RecsysCliTest.Result r = RecsysCliTest.run("embed", "--embedder", "playlist-contrastive", "--tracks", csv.toString(),
        "--out", dir.resolve("m").toString(), "--epochs", "3", "--dim", "4", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(json.get("reloadIdentical").asBoolean());
    assertEquals("playlist-contrastive", json.get("report").get("embedder").asText());
    assertEquals("playlist-contrastive", json.get("report").get("neighbourhood").get(6).get("embedding").asText());
    RecsysCliTest.Result bad = RecsysCliTest.run("embed", "--embedder", "nope", "--tracks", csv.toString(), "--out",
        dir.resolve("n").toString());
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("nope"), bad.err());
  }

  /** The exported vectors, read back by check-vectors' own scan, agree with the library's neighbour measure. */
  @Test
  void checkVectorsRecomputesNeighbourAgreementFromTheExportedFile(@TempDir Path dir) throws Exception {
    Path csv = tidyTuesday(dir);
    Path vectors = dir.resolve("v.csv");
    RecsysCliTest.Result e = RecsysCliTest.run("embed", "--tracks", csv.toString(), "--out", dir.resolve("m").toString(),
        "--epochs", "4", "--dim", "4", "--seed", "3", "--export-vectors", vectors.toString(), "--json");
    assertEquals(0, e.status(), e.err());
    JsonNode library = new ObjectMapper().readTree(e.out()).get("report").get("neighbourhood");
    RecsysCliTest.Result r = RecsysCliTest.run("check-vectors", "--vectors", vectors.toString(), "--tracks",
        csv.toString(), "--bootstrap", "200", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode checks = new ObjectMapper().readTree(r.out());
    assertEquals(3, checks.size());
    for (int l = 0; l < 3; l++) {
      JsonNode c = checks.get(l);
      // the same labelling, measured by the library on raw features (row l) and on the model's vectors (row 6 + l)
      assertEquals(library.get(l).get("label").asText(), c.get("label").asText());
      assertEquals(library.get(l).get("agreement").asDouble(), c.get("raw").get("mean").asDouble(), 0.02, c.toString());
      assertEquals(library.get(6 + l).get("agreement").asDouble(), c.get("vectors").get("mean").asDouble(), 0.02,
          c.toString());
    }
    Files.writeString(vectors, "track_id,v0\nt000,x\n");
    RecsysCliTest.Result bad = RecsysCliTest.run("check-vectors", "--vectors", vectors.toString(), "--tracks",
        csv.toString());
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains(":2: column v0 is not a number: 'x'"), bad.err());
  }
}
