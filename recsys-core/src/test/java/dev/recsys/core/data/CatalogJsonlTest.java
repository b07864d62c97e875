package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CatalogJsonlTest {
  @Property(tries = 100)
  void roundTripPreservesEveryFieldAndEveryMissingValue(@ForAll("catalogs") List<Track> tracks) throws IOException {
    Map<String, Track> unique = new LinkedHashMap<>();
    tracks.forEach(t -> unique.putIfAbsent(t.id(), t));
    Catalog c = Catalog.of(unique.values());
    Path f = Files.createTempFile("catalog", ".jsonl");
    try {
      CatalogJsonl.write(c, f);
      Catalog back = CatalogJsonl.read(f);
      assertEquals(c.tracks(), back.tracks());
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Provide
  Arbitrary<List<Track>> catalogs() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.isBlank() && s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    Arbitrary<Optional<String>> opt = text.optional(0.7);
    Arbitrary<ArtistRef> artist = Combinators.combine(opt, text).as(ArtistRef::new);
    Arbitrary<Optional<AlbumRef>> album = Combinators.combine(opt, opt).as(AlbumRef::new).optional(0.7);
    Arbitrary<Optional<ReleaseDate>> date = Arbitraries.oneOf(
        Arbitraries.integers().between(1900, 2030).map(ReleaseDate::ofYear),
        Combinators.combine(Arbitraries.integers().between(1900, 2030), Arbitraries.integers().between(1, 12))
            .as((y, m) -> new ReleaseDate(y, m, 0)),
        Combinators.combine(Arbitraries.integers().between(1900, 2030), Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28)).as(ReleaseDate::new)).optional(0.7);
    Arbitrary<AudioFeatures> audio = Arbitraries.doubles().between(0, 1).list().ofSize(AudioFeature.values().length)
        .flatMap(vals -> Arbitraries.integers().between(0, (1 << 12) - 1).map(mask -> {
          AudioFeatures.Builder b = AudioFeatures.builder();
          for (AudioFeature f : AudioFeature.values()) {
            if ((mask & (1 << f.ordinal())) != 0) {
              double v = vals.get(f.ordinal());
              b.set(f, f.isCategorical() ? Math.rint(v) : f == AudioFeature.LOUDNESS ? -60 * v : f == AudioFeature.TEMPO ? 250 * v : v);
            }
          }
          return b.build();
        }));
    Arbitrary<Track> track = Combinators.combine(
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6), opt, artist.list().ofMaxSize(3), album, date,
        Arbitraries.longs().between(0, 3_600_000).optional(0.7), Arbitraries.integers().between(0, 100).optional(0.7),
        Arbitraries.of(true, false).optional(0.6))
        .as((id, title, artists, al, d, dur, pop, ex) -> {
          Track.Builder b = Track.builder(id).artists(artists);
          title.ifPresent(b::title);
          al.ifPresent(b::album);
          d.ifPresent(b::releaseDate);
          dur.ifPresent(b::durationMs);
          pop.ifPresent(b::popularity);
          ex.ifPresent(b::explicit);
          return b;
        })
        .flatMap(b -> Combinators.combine(text.list().ofMaxSize(3), audio).as((g, a) -> b.genres(g).audio(a).build()));
    return track.list().ofMaxSize(20);
  }

  @Test
  void formatIsOneHeaderAndOneLinePerTrack() throws IOException {
    Track t = Track.builder("t1").title("Song \"1\"").artists(List.of(ArtistRef.named("A"))).durationMs(1000)
        .audio(AudioFeatures.builder().set(AudioFeature.KEY, 6).set(AudioFeature.ENERGY, 0.916).build()).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogJsonl.write(Catalog.of(List.of(t, Track.builder("t2").build())), out);
    String body = "{\"format\":\"recsys-catalog\",\"version\":2,\"tracks\":2}\n"
        + "{\"id\":\"t1\",\"title\":\"Song \\\"1\\\"\",\"artists\":[{\"name\":\"A\"}],\"durationMs\":1000,"
        + "\"audio\":{\"energy\":0.916,\"key\":6}}\n{\"id\":\"t2\"}\n";
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    assertEquals(body + "{\"end\":\"recsys-catalog\",\"tracks\":2,\"crc32c\":\"" + Long.toHexString(crc.getValue()) + "\"}\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void newerVersionsAndMalformedLinesAreRefused() throws IOException {
    Path f = Files.createTempFile("catalog", ".jsonl");
    try {
      Files.writeString(f, "{\"format\":\"recsys-catalog\",\"version\":3,\"tracks\":0}\n");
      DataFormatException e = assertThrows(DataFormatException.class, () -> CatalogJsonl.read(f));
      assertTrue(e.getMessage().contains("catalog format version 3 is not supported"), e.getMessage());
      Files.writeString(f, "{\"format\":\"recsys-catalog\",\"version\":2,\"tracks\":1}\n{\"id\":\"a\"}\n");
      assertTrue(assertThrows(dev.recsys.core.io.ModelFormatException.class, () -> CatalogJsonl.read(f)).getMessage()
          .contains("no checksum line at the end of the catalogue"));
      Files.writeString(f, "{\"format\":\"recsys-catalog\",\"version\":1,\"tracks\":2}\n{\"id\":\"a\"}\n{\"id\":\"b\",\"audio\":{\"energy\":7}}\n");
      DataFormatException e2 = assertThrows(DataFormatException.class, () -> CatalogJsonl.read(f));
      assertEquals(Rule.OUT_OF_RANGE, e2.rule());
      assertEquals(3, e2.line());
      assertTrue(e2.getMessage().contains("energy must be in [0.0, 1.0]"), e2.getMessage());
      Files.writeString(f, "{\"format\":\"recsys-catalog\",\"version\":1,\"tracks\":1}\n{\"id\":\"a\",\"bpm\":1}\n");
      assertEquals("%s:2:11 (bpm): unknown member of a track".formatted(f.getFileName()),
          assertThrows(DataFormatException.class, () -> CatalogJsonl.read(f)).getMessage());
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
