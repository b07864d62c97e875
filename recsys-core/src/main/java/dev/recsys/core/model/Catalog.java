package dev.recsys.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tracks of a library, each with a dense int index beside its string id.
 * Immutable and thread-safe. Arrays on hot paths (embeddings, graphs) are indexed by
 * {@link #indexOf}; the string ids are for the edges of the system.
 */
public final class Catalog {
  private final List<Track> tracks;
  private final IdIndex ids;

  private Catalog(List<Track> tracks, IdIndex ids) {
    this.tracks = tracks;
    this.ids = ids;
  }

  /**
   * A catalogue of the given tracks in the given order.
   *
   * @throws IllegalArgumentException when two tracks share an id
   * @param tracks the tracks
   * @return a catalogue of the given tracks in the given order
   */
  public static Catalog of(Collection<Track> tracks) {
    List<Track> list = List.copyOf(tracks);
    List<String> idList = new ArrayList<>(list.size());
    for (Track t : list) {
      idList.add(t.id());
    }
    return new Catalog(list, IdIndex.of(idList));
  }

  /**
   * This catalogue followed by a bare track (id only) for every item of {@code interactions} it does not name, in
   * the interactions' item order; this catalogue itself when it names them all. Content models use it so that
   * id-only data (ratings without metadata) works.
   *
   * @param interactions the data whose items must all be named
   * @return a catalogue naming every item of {@code interactions}
   */
  public Catalog coveringItemsOf(Interactions interactions) {
    List<Track> extra = new ArrayList<>();
    for (String id : interactions.items().ids()) {
      if (indexOf(id) < 0) {
        extra.add(Track.builder(id).build());
      }
    }
    if (extra.isEmpty()) {
      return this;
    }
    List<Track> all = new ArrayList<>(tracks);
    all.addAll(extra);
    return of(all);
  }

  /**
   * Number of tracks.
   *
   * @return the number of tracks
   */
  public int size() {
    return tracks.size();
  }

  /**
   * The track at index {@code i}.
   *
   * @return the track at index {@code i}
   * @param i the catalogue index
   */
  public Track get(int i) {
    return tracks.get(i);
  }

  /**
   * The index of the track with this id, or -1.
   *
   * @param id the id
   * @return the index of the track with this id, or -1
   */
  public int indexOf(String id) {
    return ids.indexOf(id);
  }

  /**
   * The track with this id, if present.
   *
   * @param id the id
   * @return the track with this id, if present
   */
  public Optional<Track> find(String id) {
    int i = ids.indexOf(id);
    return i < 0 ? Optional.empty() : Optional.of(tracks.get(i));
  }

  /**
   * The track with this id.
   *
   * @throws java.util.NoSuchElementException naming the id when absent
   * @param id the id
   * @return the track with this id
   */
  public Track require(String id) {
    return tracks.get(ids.require(id));
  }

  /**
   * All tracks in index order, unmodifiable.
   *
   * @return all tracks in index order, unmodifiable
   */
  public List<Track> tracks() {
    return tracks;
  }

  /**
   * The id dictionary.
   *
   * @return the id dictionary
   */
  public IdIndex ids() {
    return ids;
  }
}
