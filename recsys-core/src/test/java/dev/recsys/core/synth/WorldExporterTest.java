package dev.recsys.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Track;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class WorldExporterTest {
  /** A strict RFC 4180 parser for the tests: fields, quoted fields with doubled quotes, LF line ends. */
  public static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < text.length() && text.charAt(i) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        if (f.length() > 0) {
          throw new AssertionError("quote inside an unquoted field at char " + i);
        }
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
        wasQuoted = false;
      } else if (c == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        wasQuoted = false;
      } else {
        if (wasQuoted) {
          throw new AssertionError("text after a closing quote at char " + i);
        }
        f.append(c);
      }
    }
    assertTrue(!quoted && f.isEmpty() && row.isEmpty(), "file ends with a complete line");
    return rows;
  }

  @Property(tries = 200)
  void fieldQuotingRoundTrips(@ForAll String s) {
    StringBuilder b = new StringBuilder();
    WorldExporter.field(b, s).append(',');
    WorldExporter.field(b, "x").append('\n');
    List<List<String>> rows = parseCsv(b.toString());
    assertEquals(List.of(List.of(s, "x")), rows);
  }

  @Property(tries = 200)
  void numbersArePlainAndExact(@ForAll double v) {
    if (!Double.isFinite(v)) {
      return;
    }
    String s = WorldExporter.number(new StringBuilder(), v).toString();
    assertTrue(!s.contains("E") && !s.contains("e"), s);
    assertEquals(v, Double.parseDouble(s), 0.0);
  }

  @Test
  void exportedFilesHoldTheWorld(@TempDir Path dir) throws Exception {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().seed(11).tracks(3000).listeners(40)
        .meanPlaylistsPerListener(1.5).build());
    WorldExporter.ExportReport report = WorldExporter.export(w, dir);
    assertEquals(3000L, report.rows().get(WorldExporter.TRACKS));

    List<List<String>> tracks = parseCsv(Files.readString(dir.resolve(WorldExporter.TRACKS), StandardCharsets.UTF_8));
    assertEquals(WorldExporter.TRACK_COLUMNS, tracks.get(0));
    assertEquals(3001, tracks.size());
    boolean sawComma = false;
    boolean sawSecondArtist = false;
    for (int i = 0; i < 3000; i++) {
      List<String> r = tracks.get(i + 1);
      Track t = w.catalog().get(i);
      assertEquals(23, r.size());
      assertEquals(t.id(), r.get(0));
      String[] artists = r.get(1).split(";");
      assertEquals(t.artists().size(), artists.length);
      sawSecondArtist |= artists.length > 1;
      assertEquals(t.artists().get(0).name(), artists[0]);
      assertEquals(t.title().orElseThrow(), r.get(3));
      sawComma |= r.get(3).contains(",");
      assertEquals(t.popularity().getAsInt(), Integer.parseInt(r.get(4)));
      assertEquals(t.durationMs().getAsLong(), Long.parseLong(r.get(5)));
      assertEquals(t.explicit().orElseThrow() ? "True" : "False", r.get(6));
      assertEquals(t.audio().value(AudioFeature.ENERGY), Double.parseDouble(r.get(8)), 0.0);
      assertEquals(t.audio().value(AudioFeature.KEY), Integer.parseInt(r.get(9)));
      assertEquals(t.audio().value(AudioFeature.ACOUSTICNESS), Double.parseDouble(r.get(13)), 0.0);
      assertEquals(t.audio().value(AudioFeature.TEMPO), Double.parseDouble(r.get(17)), 0.0);
      assertEquals(t.genres().get(0), r.get(19));
      assertEquals(t.artists().stream().map(a -> a.id().orElseThrow()).toList(), List.of(r.get(20).split(";")));
      assertEquals(t.album().orElseThrow().id().orElseThrow(), r.get(21));
      assertEquals(t.releaseDate().orElseThrow().toString(), r.get(22));
    }
    assertTrue(sawComma && sawSecondArtist, "fixtures exercise quoting and multiple artists");

    List<List<String>> events = parseCsv(Files.readString(dir.resolve(WorldExporter.EVENTS)));
    assertEquals(WorldExporter.EVENT_COLUMNS, events.get(0));
    assertEquals(w.eventCount() + 1, events.size());
    for (int r = 0; r < w.eventCount(); r += 13) {
      List<String> row = events.get(r + 1);
      assertEquals(SyntheticWorld.listenerId(w.eventListener(r)), row.get(0));
      assertEquals(w.catalog().get(w.eventTrack(r)).id(), row.get(1));
      assertEquals(w.eventTimestamp(r), Long.parseLong(row.get(2)));
      assertEquals(w.eventMsPlayed(r), Integer.parseInt(row.get(3)));
      assertEquals(w.eventSkipped(r), Boolean.parseBoolean(row.get(4)));
    }

    Path mpd = dir.resolve(WorldExporter.playlistFileName(w.playlists().size()));
    JsonNode root = new ObjectMapper().readTree(mpd.toFile());
    JsonNode pls = root.get("playlists");
    assertEquals(w.playlists().size(), pls.size());
    for (int p = 0; p < pls.size(); p++) {
      JsonNode node = pls.get(p);
      var playlist = w.playlists().get(p);
      assertEquals(Integer.parseInt(playlist.id()), node.get("pid").asInt());
      assertEquals(playlist.name().orElseThrow(), node.get("name").asText());
      assertEquals(playlist.size(), node.get("num_tracks").asInt());
      for (int k = 0; k < playlist.size(); k++) {
        assertEquals(k, node.get("tracks").get(k).get("pos").asInt());
        assertEquals("spotify:track:" + playlist.trackIds().get(k), node.get("tracks").get(k).get("track_uri").asText());
      }
    }

    List<List<String>> listeners = parseCsv(Files.readString(dir.resolve(WorldExporter.LISTENERS)));
    assertEquals(4 + w.genres().size(), listeners.get(0).size());
    assertEquals(41, listeners.size());
    for (int l = 0; l < 40; l++) {
      List<String> row = listeners.get(l + 1);
      assertEquals(w.behaviour(l).label(), row.get(1));
      assertEquals(w.genreName(w.dominantGenre(l)), row.get(2));
      float[] taste = w.taste(l);
      for (int g = 0; g < taste.length; g++) {
        assertEquals(taste[g], Float.parseFloat(row.get(4 + g)));
      }
    }
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve(WorldExporter.MANIFEST).toFile());
    assertEquals(11, manifest.get("config").get("seed").asLong());
    try (var files = Files.list(dir)) {
      assertEquals(6, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void missingFeaturesBecomeEmptyFields(@TempDir Path dir) throws Exception {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().seed(3).tracks(400).listeners(0).missingRate(0.5)
        .build());
    WorldExporter.export(w, dir);
    List<List<String>> tracks = parseCsv(Files.readString(dir.resolve(WorldExporter.TRACKS)));
    int empty = 0;
    for (int i = 1; i < tracks.size(); i++) {
      for (int c = 7; c <= 18; c++) {
        if (tracks.get(i).get(c).isEmpty()) {
          empty++;
          AudioFeature f = AudioFeature.fromColumn(tracks.get(0).get(c));
          assertTrue(!w.catalog().get(i - 1).audio().isPresent(f));
        }
      }
    }
    assertTrue(empty > 100, "missing values exported: " + empty);
  }
}
