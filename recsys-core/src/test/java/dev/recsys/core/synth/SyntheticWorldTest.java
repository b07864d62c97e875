package dev.recsys.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SyntheticWorldTest {
  private static final Map<Long, SyntheticWorld> CACHE = new HashMap<>();

  /** A mid-size world per seed, shared by the distribution properties. */
  static synchronized SyntheticWorld mid(long seed) {
    return CACHE.computeIfAbsent(seed, s -> SyntheticWorld.generate(
        SynthConfig.builder().seed(s).tracks(20_000).listeners(500).build()));
  }

  @Property(tries = 4)
  void sameSeedSameWorldOnAnyThreadCount(@ForAll @LongRange(min = -1000, max = 1000) long seed,
      @ForAll @IntRange(min = 2, max = 4) int threads) {
    SynthConfig c = SynthConfig.builder().seed(seed).tracks(3000).listeners(60).missingRate(0.05).threads(1).build();
    SyntheticWorld a = SyntheticWorld.generate(c);
    SyntheticWorld b = SyntheticWorld.generate(c.toBuilder().threads(threads).build());
    assertEquals(a.catalog().tracks(), b.catalog().tracks());
    assertEquals(a.artists(), b.artists());
    assertEquals(a.listeners(), b.listeners());
    assertEquals(a.playlists(), b.playlists());
    assertEquals(a.events(), b.events());
    for (int l = 0; l < 60; l++) {
      assertArrayEquals(a.taste(l), b.taste(l));
    }
  }

  @Test
  void differentSeedsDifferentWorlds() {
    SyntheticWorld a = SyntheticWorld.generate(SynthConfig.builder().seed(1).tracks(500).listeners(5).build());
    SyntheticWorld b = SyntheticWorld.generate(SynthConfig.builder().seed(2).tracks(500).listeners(5).build());
    assertTrue(!a.catalog().tracks().equals(b.catalog().tracks()));
  }

  @Test
  void defaultWorldHasAtLeast35GenresInFamilies() {
    SyntheticWorld w = mid(7);
    assertTrue(w.genres().size() >= 35, "genres: " + w.genres().size());
    Set<String> families = new HashSet<>();
    w.genres().forEach(g -> families.add(g.family()));
    assertTrue(families.size() >= 8, "families: " + families);
    Set<String> used = new HashSet<>();
    w.catalog().tracks().forEach(t -> used.addAll(t.genres()));
    assertEquals(w.genres().size(), used.size(), "every genre has tracks");
    assertEquals(20_000, w.catalog().size());
  }

  @Property(tries = 3)
  void genreMeanEnergyFollowsTheTable(@ForAll @LongRange(min = 0, max = 5) long seed) {
    SyntheticWorld w = mid(seed);
    int g = w.genres().size();
    double[] sum = new double[g];
    int[] n = new int[g];
    Catalog c = w.catalog();
    for (int t = 0; t < c.size(); t++) {
      sum[w.trackGenre(t)] += c.get(t).audio().value(AudioFeature.ENERGY);
      n[w.trackGenre(t)]++;
    }
    for (int a = 0; a < g; a++) {
      for (int b = 0; b < g; b++) {
        double da = w.genres().get(a).energy();
        double db = w.genres().get(b).energy();
        if (da - db >= 0.2 && n[a] >= 50 && n[b] >= 50) {
          assertTrue(sum[a] / n[a] > sum[b] / n[b], w.genreName(a) + " should be more energetic than " + w.genreName(b));
        }
      }
    }
  }

  @Property(tries = 3)
  void energyCorrelatesWithLoudnessAndAgainstAcousticness(@ForAll @LongRange(min = 0, max = 5) long seed) {
    Catalog c = mid(seed).catalog();
    double rLoud = correlation(c, AudioFeature.ENERGY, AudioFeature.LOUDNESS);
    double rAcoustic = correlation(c, AudioFeature.ENERGY, AudioFeature.ACOUSTICNESS);
    assertTrue(rLoud > 0.6, "energy-loudness r=" + rLoud);
    assertTrue(rAcoustic < -0.5, "energy-acousticness r=" + rAcoustic);
  }

  @Test
  void tempoAndKeysDependOnGenre() {
    SyntheticWorld w = mid(3);
    Catalog c = w.catalog();
    int dnb = indexOf(w, "drum-and-bass");
    int hiphop = indexOf(w, "hip-hop");
    int rock = indexOf(w, "rock");
    double[] tempo = new double[w.genres().size()];
    int[] n = new int[w.genres().size()];
    int[] rockKeys = new int[12];
    for (int t = 0; t < c.size(); t++) {
      int g = w.trackGenre(t);
      tempo[g] += c.get(t).audio().value(AudioFeature.TEMPO);
      n[g]++;
      if (g == rock) {
        rockKeys[(int) c.get(t).audio().value(AudioFeature.KEY)]++;
      }
    }
    assertTrue(tempo[dnb] / n[dnb] > tempo[hiphop] / n[hiphop] + 40, "drum and bass is faster than hip-hop");
    // guitar keys E, A, D, G outnumber the black keys C#, D#, F#, G#
    assertTrue(rockKeys[4] + rockKeys[9] + rockKeys[2] + rockKeys[7] > 2 * (rockKeys[1] + rockKeys[3] + rockKeys[6] + rockKeys[8]));
  }

  @Property(tries = 3)
  void skipRatesOrderByBehaviourType(@ForAll @LongRange(min = 0, max = 5) long seed) {
    SyntheticWorld w = mid(seed);
    double[] skip = new double[BehaviourType.values().length];
    double[] plays = new double[skip.length];
    for (int r = 0; r < w.eventCount(); r++) {
      int b = w.behaviour(w.eventListener(r)).ordinal();
      plays[b]++;
      if (w.eventSkipped(r)) {
        skip[b]++;
      }
    }
    double loyal = skip[BehaviourType.LOYALIST.ordinal()] / plays[BehaviourType.LOYALIST.ordinal()];
    double main = skip[BehaviourType.MAINSTREAM.ordinal()] / plays[BehaviourType.MAINSTREAM.ordinal()];
    double hop = skip[BehaviourType.GENRE_HOPPER.ordinal()] / plays[BehaviourType.GENRE_HOPPER.ordinal()];
    double niche = skip[BehaviourType.NICHE.ordinal()] / plays[BehaviourType.NICHE.ordinal()];
    double explore = skip[BehaviourType.EXPLORER.ordinal()] / plays[BehaviourType.EXPLORER.ordinal()];
    assertTrue(loyal < main && loyal < niche && main < explore && hop < explore && niche < explore,
        "loyalist " + loyal + " mainstream " + main + " niche " + niche + " hopper " + hop + " explorer " + explore);
  }

  @Property(tries = 3)
  void popularityAndPlaysHaveALongTail(@ForAll @LongRange(min = 0, max = 5) long seed) {
    SyntheticWorld w = mid(seed);
    Catalog c = w.catalog();
    int[] pop = new int[c.size()];
    double mean = 0;
    for (int t = 0; t < c.size(); t++) {
      pop[t] = c.get(t).popularity().getAsInt();
      mean += pop[t];
    }
    mean /= pop.length;
    java.util.Arrays.sort(pop);
    int median = pop[pop.length / 2];
    int p99 = pop[(int) (pop.length * 0.99)];
    assertTrue(mean > median, "right-skewed: mean " + mean + " median " + median);
    assertTrue(p99 > 2.5 * median, "long tail: p99 " + p99 + " median " + median);
    int[] plays = new int[c.size()];
    for (int r = 0; r < w.eventCount(); r++) {
      plays[w.eventTrack(r)]++;
    }
    java.util.Arrays.sort(plays);
    long top = 0;
    for (int t = plays.length - plays.length / 10; t < plays.length; t++) {
      top += plays[t];
    }
    assertTrue(top > 0.35 * w.eventCount(), "top 10% of tracks get " + (double) top / w.eventCount() + " of plays");
  }

  @Test
  void listenersPreferLowEnergyAtNight() {
    SyntheticWorld w = mid(1);
    double night = 0;
    double day = 0;
    int nn = 0;
    int nd = 0;
    for (int r = 0; r < w.eventCount(); r++) {
      double h = Math.floorMod(w.eventTimestamp(r), 86_400L) / 3600.0;
      double e = w.catalog().get(w.eventTrack(r)).audio().value(AudioFeature.ENERGY);
      if (h < 5) {
        night += e;
        nn++;
      } else if (h >= 9 && h < 17) {
        day += e;
        nd++;
      }
    }
    assertTrue(nn > 100 && nd > 100);
    assertTrue(night / nn < day / nd - 0.03, "night " + night / nn + " day " + day / nd);
  }

  @Test
  void hiddenTruthIsConsistent() {
    SyntheticWorld w = mid(2);
    double loyalMax = 0;
    double explorerMax = 0;
    int nl = 0;
    int ne = 0;
    for (int l = 0; l < w.listeners().size(); l++) {
      float[] t = w.taste(l);
      double sum = 0;
      int arg = 0;
      for (int g = 0; g < t.length; g++) {
        sum += t[g];
        if (t[g] > t[arg]) {
          arg = g;
        }
      }
      assertEquals(1.0, sum, 1e-4);
      assertEquals(arg, w.dominantGenre(l));
      assertEquals(w.behaviour(l).label(), w.listeners().get(l).attributes().get(SyntheticWorld.ATTR_BEHAVIOUR));
      assertEquals(w.genreName(arg), w.listeners().get(l).attributes().get(SyntheticWorld.ATTR_DOMINANT_GENRE));
      if (w.behaviour(l) == BehaviourType.LOYALIST) {
        loyalMax += t[arg];
        nl++;
      } else if (w.behaviour(l) == BehaviourType.EXPLORER) {
        explorerMax += t[arg];
        ne++;
      }
    }
    assertTrue(loyalMax / nl > explorerMax / ne + 0.2, "loyalists are concentrated");
    for (int t = 0; t < 200; t++) {
      Track track = w.catalog().get(t);
      assertEquals(w.genreName(w.trackGenre(t)), track.genres().get(0));
      assertEquals(w.artists().get(w.trackArtist(t)).name(), track.artists().get(0).name());
    }
    // events are in time order within a listener
    for (int r = 1; r < w.eventCount(); r++) {
      if (w.eventListener(r) == w.eventListener(r - 1)) {
        assertTrue(w.eventTimestamp(r) >= w.eventTimestamp(r - 1));
      }
    }
  }

  @Test
  void interactionsMirrorEventsWithCatalogueIndices() {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().seed(5).tracks(2000).listeners(30).build());
    Interactions x = w.interactions();
    assertEquals(w.eventCount(), x.size());
    assertEquals(w.catalog().size(), x.items().size());
    for (int r = 0; r < x.size(); r += 7) {
      assertEquals(w.eventTrack(r), x.item(r));
      assertEquals(w.eventListener(r), x.user(r));
      assertEquals(w.eventSkipped(r), x.skipped(r));
      assertEquals(w.eventTimestamp(r), x.timestamp(r));
    }
    assertEquals(0, SyntheticWorld.generate(SynthConfig.builder().tracks(100).listeners(0).build()).interactions().size());
  }

  @Test
  void playlistsReferToCatalogueTracksWithoutRepeats() {
    SyntheticWorld w = mid(4);
    assertTrue(w.playlists().size() > 100);
    for (var p : w.playlists()) {
      assertTrue(p.size() >= 1 && p.size() <= 250);
      assertEquals(p.size(), new HashSet<>(p.trackIds()).size());
      p.trackIds().forEach(id -> assertTrue(w.catalog().indexOf(id) >= 0));
      assertTrue(p.ownerId().isPresent());
    }
  }

  @Test
  void tinyWorldsWork() {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(1).listeners(3).genres(2).build());
    assertEquals(1, w.catalog().size());
    assertEquals(1, w.artists().size());
    for (int r = 0; r < w.eventCount(); r++) {
      assertEquals(0, w.eventTrack(r));
    }
  }

  @Test
  void configRejectsBadValuesWithTheRule() {
    var e = assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().tracks(0).build());
    assertEquals("tracks must be in [1, 50000000]; tracks=0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().genres(43).build());
    var shares = SynthConfig.builder();
    for (BehaviourType b : BehaviourType.values()) {
      shares.share(b, 0);
    }
    assertThrows(IllegalArgumentException.class, shares::build);
    assertTrue(SynthConfig.defaults().toString().contains("meanSessionLength=10.0"));
  }

  @Test
  void syntheticPluginStreamsTheWorld() throws Exception {
    DataSourcePlugin<SynthConfig> p = new SyntheticDataSourcePlugin();
    assertEquals(SyntheticDataSourcePlugin.class, PluginRegistry.load(DataSourcePlugin.class).get(SyntheticDataSourcePlugin.NAME).getClass());
    SynthConfig c = SynthConfig.builder().tracks(800).listeners(20).seed(9).build();
    int[] counts = new int[3];
    MusicDataHandler h = new MusicDataHandler() {
      @Override
      public void track(Track track) {
        counts[0]++;
      }

      @Override
      public void listener(dev.recsys.core.model.Listener listener) {
        counts[1]++;
      }

      @Override
      public void event(dev.recsys.core.model.ListeningEvent event) {
        counts[2]++;
      }
    };
    var source = p.open(c);
    ReadReport report = source.read(h);
    SyntheticWorld w = SyntheticWorld.generate(c);
    assertEquals(800, counts[0]);
    assertEquals(20, counts[1]);
    assertEquals(w.eventCount(), counts[2]);
    assertEquals(w.eventCount(), report.count("events"));
    assertEquals(report, source.read(new MusicDataHandler() {}));
  }

  @Test
  void pipelineFilesConfigureTheSyntheticSource(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path f = dir.resolve("p.yaml");
    java.nio.file.Files.writeString(f, "data:\n  type: synthetic\n  params:\n    tracks: 500\n    listeners: 7\n");
    var loader = dev.recsys.core.config.ConfigLoader.empty()
        .withSection("data", PluginRegistry.of(DataSourcePlugin.class, new SyntheticDataSourcePlugin()));
    SynthConfig c = loader.load(f).components().get("data").config(SynthConfig.class);
    assertEquals(SynthConfig.builder().tracks(500).listeners(7).build(), c);
    java.nio.file.Files.writeString(f, "data:\n  type: synthetic\n  params:\n    days: 0\n");
    var e = assertThrows(dev.recsys.core.config.ConfigException.class, () -> loader.load(f));
    assertTrue(e.getMessage().contains("days must be in [1, 3650]; days=0"), e.getMessage());
  }

  private static int indexOf(SyntheticWorld w, String genre) {
    for (int g = 0; g < w.genres().size(); g++) {
      if (w.genreName(g).equals(genre)) {
        return g;
      }
    }
    throw new AssertionError(genre);
  }

  private static double correlation(Catalog c, AudioFeature x, AudioFeature y) {
    int n = c.size();
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      double a = c.get(i).audio().value(x);
      double b = c.get(i).audio().value(y);
      sx += a;
      sy += b;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
    }
    double cov = sxy / n - (sx / n) * (sy / n);
    return cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  }
}
