package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recsys.core.model.Interactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Counts on the public data sets in {@code ../shared/data}; skipped when the folder is absent. */
class RealDataTest {
  static Path shared(String sub) {
    String root = System.getProperty("recsys.shared.data", "../shared/data");
    Path p = Path.of(root).resolve(sub);
    assumeTrue(Files.exists(p), () -> p + " is absent");
    return p;
  }

  @Test
  void movieLensLatestSmallHas100836RatingsFrom610Users() throws IOException {
    Path dir = shared("movielens-latest-small");
    Interactions in = Datasets.interactions("movielens:" + dir, ReadOptions.STRICT);
    assertEquals(100_836, in.size());
    assertEquals(610, in.users().size());
    assertEquals(9_724, in.items().size());
    MusicDataset ds = Datasets.load("movielens:" + dir, ReadOptions.STRICT);
    assertEquals(9_742, ds.catalog().size());
    assertEquals(0, ds.report().rowsSkipped());
  }

  @Test
  void tidyTuesdayHas28356TracksIn471Playlists() throws IOException {
    Path f = shared("spotify-songs-tidytuesday/spotify_songs.csv");
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.STRICT);
    assertEquals(28_356, ds.catalog().size());
    assertEquals(471, ds.playlists().size());
    assertEquals(32_833, ds.report().rowsRead());
    assertEquals(0, ds.report().rowsSkipped());
    assertEquals(32_833, ds.playlists().stream().mapToInt(p -> p.size()).sum());
    // 10,693 distinct track_artist values, one of them "NA" (missing)
    assertEquals(10_692, ds.catalog().tracks().stream().flatMap(t -> t.artists().stream()).map(a -> a.key()).distinct().count());
    assertEquals(6 + 24, ds.catalog().tracks().stream().flatMap(t -> t.genres().stream()).distinct().count());
    assertEquals(32_833, Datasets.interactions("spotify-songs:" + f, ReadOptions.STRICT).size());
  }
}
