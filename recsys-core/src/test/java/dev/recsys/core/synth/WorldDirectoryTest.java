package dev.recsys.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.data.profile.DataProfile;
import dev.recsys.core.model.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldDirectoryTest {
  @TempDir
  Path dir;

  @Test
  void findsTheFilesAndTheListenersBehaviour() throws IOException {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(800).listeners(40).seed(5).threads(1).build());
    WorldExporter.export(w, dir);
    WorldDirectory d = WorldDirectory.open(dir);
    assertEquals(dir.resolve(WorldExporter.playlistFileName(w.playlists().size())), d.playlists());
    assertEquals(List.of("spotify-csv:" + d.tracks(), "mpd:" + d.playlists(), "interactions:" + d.events()), d.specs());
    List<Listener> listeners = d.readListeners();
    assertEquals(w.listeners().size(), listeners.size());
    for (int l = 0; l < listeners.size(); l++) {
      assertEquals(w.listeners().get(l).id(), listeners.get(l).id());
      assertEquals(w.behaviour(l).label(), listeners.get(l).attributes().get(SyntheticWorld.ATTR_BEHAVIOUR));
      assertEquals(w.genreName(w.dominantGenre(l)), listeners.get(l).attributes().get(SyntheticWorld.ATTR_DOMINANT_GENRE));
    }
    // the profile of the files read back equals the generator's own profile
    MusicDataset ds = Datasets.load(d.specs(), ReadOptions.STRICT);
    DataProfile read = DataProfile.of(ds.catalog(), ds.playlists(), ds.interactions(), listeners);
    assertEquals(w.profile(), read);
  }

  @Test
  void malformedListenerFileNamesLineAndColumn() throws IOException {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(300).listeners(5).seed(5).threads(1).build());
    WorldExporter.export(w, dir);
    Path f = dir.resolve(WorldExporter.LISTENERS);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
    lines.set(3, "," + lines.get(3).substring(lines.get(3).indexOf(',') + 1));
    Files.write(f, lines);
    DataFormatException e = assertThrows(DataFormatException.class, () -> WorldDirectory.open(dir).readListeners());
    assertEquals(Rule.MISSING_VALUE, e.rule());
    assertEquals("listeners.csv:4:1 (listener_id): empty", e.getMessage());
    Files.delete(f);
    NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> WorldDirectory.open(dir));
    assertTrue(missing.getMessage().contains("listed in") && missing.getMessage().contains("missing"), missing.getMessage());
  }
}
