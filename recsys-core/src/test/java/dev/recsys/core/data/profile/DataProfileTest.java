package dev.recsys.core.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DataProfileTest {
  private static Track track(String id, double energy, List<String> genres) {
    return Track.builder(id).genres(genres).audio(AudioFeatures.builder().set(AudioFeature.ENERGY, energy).build())
        .popularity(50).build();
  }

  @Test
  void handBuiltDataGivesExactNumbers() {
    Catalog c = Catalog.of(List.of(track("a", 0.1, List.of("rock")), track("b", 0.3, List.of("rock", "pop")),
        track("c", Double.NaN, List.of()), track("d", 0.9, List.of("jazz"))));
    List<Playlist> pls = List.of(new Playlist("p1", Optional.empty(), Optional.empty(), List.of("a", "b", "zz"), List.of()),
        new Playlist("p2", Optional.empty(), Optional.empty(), List.of(), List.of()));
    Interactions x = Interactions.builder().add("u1", "a", 1, 10, true).add("u1", "b", 1, 20, false)
        .add("u2", "a", 1, 30, false).add("u2", "q", 1, 40, true).build();
    List<Listener> ls = List.of(new Listener("u1", Optional.empty(), Map.of("behaviour", "explorer")),
        new Listener("u2", Optional.empty(), Map.of("behaviour", "loyalist")));
    DataProfile p = DataProfile.of(c, pls, x, ls);

    assertEquals(4, p.tracks());
    ColumnStats energy = p.audio().get(AudioFeature.ENERGY.ordinal());
    assertEquals("energy", energy.name());
    assertEquals(3, energy.count());
    assertEquals(1, energy.missing());
    assertEquals(0.1, energy.min());
    assertEquals(0.9, energy.max());
    assertEquals((0.1 + 0.3 + 0.9) / 3, energy.mean(), 1e-12);
    assertEquals(0.3, energy.p50());
    ColumnStats key = p.audio().get(AudioFeature.KEY.ordinal());
    assertEquals(0, key.count());
    assertNull(key.mean());

    assertEquals(3, p.genres().distinct());
    assertEquals(1, p.genres().tracksWithoutGenre());
    assertEquals(1, p.genres().tracksWithSeveralGenres());
    assertEquals("rock", p.genres().top().get(0).name());
    assertEquals(0.5, p.genres().top().get(0).share());

    assertEquals(2, p.playlists().count());
    assertEquals(1, p.playlists().empty());
    assertEquals(1, p.playlists().unknownTrackRefs());
    assertEquals(2, p.playlists().distinctTracks());

    assertEquals(4, p.interactions().rows());
    assertEquals(1, p.interactions().itemsNotInCatalog());
    assertEquals(0.5, p.interactions().skipRate());
    assertEquals(List.of(new DataProfile.GroupSkipRate("explorer", 1, 2, 0.5),
        new DataProfile.GroupSkipRate("loyalist", 1, 2, 0.5)), p.interactions().skipRateByBehaviour());
    assertTrue(p.checks().stream().anyMatch(ch -> ch.name().equals("missing energy")
        && ch.status() == DataProfile.Status.WARN));
    assertTrue(p.checks().stream().anyMatch(ch -> ch.name().equals("playlist references")
        && ch.status() == DataProfile.Status.WARN));
  }

  @Test
  void emptyDataIsProfiledWithoutErrors() throws Exception {
    DataProfile p = DataProfile.of(Catalog.of(List.of()), List.of(), Interactions.builder().build(), List.of());
    assertEquals(0, p.tracks());
    assertNull(p.interactions().skipRate());
    new ObjectMapper().writeValueAsString(p);
  }

  @Test
  void syntheticWorldProfileSerialisesAndShowsBehaviourSkipRates() throws Exception {
    SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().seed(1).tracks(5000).listeners(150).build());
    DataProfile p = w.profile();
    assertEquals(5, p.interactions().skipRateByBehaviour().size());
    assertEquals(42, p.genres().distinct());
    assertTrue(p.interactions().top10PercentItemShare() > 0.3);
    assertTrue(p.checks().stream().anyMatch(c -> c.name().equals("skip rate differs by behaviour")
        && c.status() == DataProfile.Status.PASS));
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(p));
    assertEquals(5000, json.get("tracks").asInt());
    assertEquals("danceability", json.get("audio").get(0).get("name").asText());
    assertEquals(w.eventCount(), json.get("interactions").get("rows").asLong());
    DataProfile viaEvents = DataProfile.ofEvents(w.catalog(), w.playlists(), w.events(), w.listeners());
    assertEquals(p.interactions(), viaEvents.interactions());
    String text = p.toText();
    assertTrue(text.contains("behaviour loyalist") && text.contains("energy") && text.contains("[PASS]"), text);
  }

  @Property(tries = 100)
  void quantilesAreOrderedAndWithinRange(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -1e6, max = 1e6) Double> xs) {
    double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
    ColumnStats s = ColumnStats.of("x", v.clone(), v.length);
    double[] q = {s.min(), s.p01(), s.p05(), s.p25(), s.p50(), s.p75(), s.p95(), s.p99(), s.max()};
    for (int i = 1; i < q.length; i++) {
      assertTrue(q[i - 1] <= q[i]);
    }
    assertTrue(s.mean() >= s.min() - 1e-6 && s.mean() <= s.max() + 1e-6);
    assertTrue(s.sd() >= 0);
  }
}
