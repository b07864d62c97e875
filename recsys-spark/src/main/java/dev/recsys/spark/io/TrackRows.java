package dev.recsys.spark.io;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Tracks as rows of the {@code tracks} table ({@link DatasetReader#TRACKS}) and back. The way back restores every
 * field the feature pipeline and the embedders read (title, artist names, album name, release date, duration,
 * popularity, explicit flag, genres, audio features); artist and album ids stay only in the {@code json} column.
 */
public final class TrackRows {
  private TrackRows() {}

  /**
   * The row of a track.
   *
   * @param t the track
   * @return its row
   */
  public static Row toRow(Track t) {
    Object[] v = new Object[DatasetReader.TRACKS.size()];
    int i = 0;
    v[i++] = t.id();
    v[i++] = t.title().orElse(null);
    v[i++] = t.artists().stream().map(ArtistRef::name).toArray(String[]::new);
    v[i++] = t.album().flatMap(AlbumRef::name).orElse(null);
    v[i++] = t.releaseDate().map(Object::toString).orElse(null);
    v[i++] = t.durationMs().isPresent() ? t.durationMs().getAsLong() : null;
    v[i++] = t.popularity().isPresent() ? t.popularity().getAsInt() : null;
    v[i++] = t.explicit().orElse(null);
    v[i++] = t.genres().toArray(String[]::new);
    for (AudioFeature f : AudioFeature.values()) {
      v[i++] = t.audio().isPresent(f) ? t.audio().value(f) : null;
    }
    v[i] = CatalogJsonl.toJson(t);
    return RowFactory.create(v);
  }

  /**
   * The track of a row (columns looked up by name, so a projection in another order works).
   *
   * @param r a row with the {@code tracks} table's columns
   * @return the track
   * @throws IllegalArgumentException naming the track and the field when a value is invalid
   */
  public static Track toTrack(Row r) {
    String id = value(r, "id");
    try {
      Track.Builder b = Track.builder(id);
      String title = value(r, "title");
      if (title != null) {
        b.title(title);
      }
      List<String> artists = strings(r, "artists");
      b.artists(artists.stream().map(ArtistRef::named).toList());
      String album = value(r, "album");
      if (album != null) {
        b.album(new AlbumRef(Optional.empty(), Optional.of(album)));
      }
      String date = value(r, "release_date");
      if (date != null) {
        b.releaseDate(ReleaseDate.parse(date));
      }
      Long duration = value(r, "duration_ms");
      if (duration != null) {
        b.durationMs(duration);
      }
      Integer popularity = value(r, "popularity");
      if (popularity != null) {
        b.popularity(popularity);
      }
      Boolean explicit = value(r, "explicit");
      if (explicit != null) {
        b.explicit(explicit);
      }
      b.genres(strings(r, "genres"));
      AudioFeatures.Builder a = AudioFeatures.builder();
      for (AudioFeature f : AudioFeature.values()) {
        Double x = value(r, f.column());
        if (x != null) {
          a.set(f, x);
        }
      }
      return b.audio(a.build()).build();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("tracks table, track '" + id + "': " + e.getMessage(), e);
    }
  }

  /** A field by name: the row's own schema, else the tracks table's column order. */
  @SuppressWarnings("unchecked")
  private static <T> T value(Row r, String field) {
    int i = r.schema() != null ? r.fieldIndex(field) : DatasetReader.TRACKS.fieldIndex(field);
    return (T) r.get(i);
  }

  private static List<String> strings(Row r, String field) {
    int i = r.schema() != null ? r.fieldIndex(field) : DatasetReader.TRACKS.fieldIndex(field);
    // a row built by toRow holds a Java array; a row read from a table holds a Scala sequence
    List<?> l = r.isNullAt(i) ? null : r.get(i) instanceof Object[] a ? java.util.Arrays.asList(a) : r.getList(i);
    List<String> out = new ArrayList<>(l == null ? 0 : l.size());
    if (l != null) {
      for (Object o : l) {
        out.add((String) o);
      }
    }
    return out;
  }
}
