package dev.recsys.core.synth;

import dev.recsys.core.data.profile.DataProfile;
import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A generated music world: catalogue, artists, listeners, playlists and listening events, plus the hidden truth
 * the generator drew them from (each track's genre and artist, each listener's taste mixture, behaviour type and
 * dominant genre). Immutable and thread-safe.
 *
 * <p>Events are stored in columns, grouped by listener in listener order and in time order within a listener;
 * {@link #events()} is a read-only view that builds {@link ListeningEvent} records on access.
 *
 * <p>Listeners carry the truth as attributes too: {@value #ATTR_BEHAVIOUR} ({@link BehaviourType#label()}),
 * {@value #ATTR_DOMINANT_GENRE} and {@value #ATTR_HOME_FAMILY}; and demographics drawn from their taste on a random
 * stream of their own (so that adding them changed no other draw): {@value #ATTR_AGE}, {@value #ATTR_AGE_BAND},
 * {@value #ATTR_COUNTRY} and {@value #ATTR_GENDER}. The age follows the era of the listener's genres (older genres,
 * older listeners; mainstream listeners 4 years younger, niche ones 4 older), the country the home genre family
 * (0.55 of listeners live in the family's home country, the rest anywhere), the gender the danceability of the
 * listener's genres; {@code docs/data.md} gives the formulas.
 */
public final class SyntheticWorld {
  /** Listener attribute holding the behaviour type label. */
  public static final String ATTR_BEHAVIOUR = "behaviour";
  /** Listener attribute holding the genre with the largest taste weight. */
  public static final String ATTR_DOMINANT_GENRE = "dominant_genre";
  /** Listener attribute holding the genre family the taste was centred on. */
  public static final String ATTR_HOME_FAMILY = "home_family";
  /** Listener attribute holding the age in whole years. */
  public static final String ATTR_AGE = "age";
  /** Listener attribute holding the age band ({@code 13-17}, {@code 18-24}, ..., {@code 55+}). */
  public static final String ATTR_AGE_BAND = "age_band";
  /** Listener attribute holding a two-letter country code. */
  public static final String ATTR_COUNTRY = "country";
  /** Listener attribute holding {@code F} or {@code M}. */
  public static final String ATTR_GENDER = "gender";

  private final SynthConfig config;
  private final List<GenreProfile> genres;
  private final Catalog catalog;
  private final List<Artist> artists;
  private final List<Listener> listeners;
  private final List<Playlist> playlists;
  private final int[] trackGenre;
  private final int[] trackArtist;
  private final int[] artistGenre;
  private final float[] taste;
  private final BehaviourType[] behaviour;
  private final int[] dominant;
  private final int[] evListener;
  private final int[] evTrack;
  private final long[] evTime;
  private final int[] evMs;
  private final byte[] evFlags;
  private volatile Interactions interactions;

  SyntheticWorld(SynthConfig config, List<GenreProfile> genres, Catalog catalog, List<Artist> artists,
      List<Listener> listeners, List<Playlist> playlists, int[] trackGenre, int[] trackArtist, int[] artistGenre,
      float[] taste, BehaviourType[] behaviour, int[] dominant, int[] evListener, int[] evTrack, long[] evTime,
      int[] evMs, byte[] evFlags) {
    this.config = config;
    this.genres = List.copyOf(genres);
    this.catalog = catalog;
    this.artists = List.copyOf(artists);
    this.listeners = List.copyOf(listeners);
    this.playlists = List.copyOf(playlists);
    this.trackGenre = trackGenre;
    this.trackArtist = trackArtist;
    this.artistGenre = artistGenre;
    this.taste = taste;
    this.behaviour = behaviour;
    this.dominant = dominant;
    this.evListener = evListener;
    this.evTrack = evTrack;
    this.evTime = evTime;
    this.evMs = evMs;
    this.evFlags = evFlags;
  }

  /**
   * Generates the world the configuration describes. Same configuration, same world, on any thread count.
   *
   * @throws IllegalArgumentException if the configuration would produce more events than an int can index
   * @param config the configuration
   * @return the {@code SyntheticWorld}
   */
  public static SyntheticWorld generate(SynthConfig config) {
    return new WorldGenerator(Objects.requireNonNull(config, "config")).generate();
  }

  /**
   * The id of listener {@code l}: {@code listener_} and the index.
   *
   * @return the id of listener {@code l}
   * @param l the listener index
   */
  public static String listenerId(int l) {
    return "listener_" + l;
  }

  /**
   * The configuration it was generated from.
   *
   * @return the configuration it was generated from
   */
  public SynthConfig config() {
    return config;
  }

  /**
   * The genres of this world; a genre's int index is its position here.
   *
   * @return the genres of this world
   */
  public List<GenreProfile> genres() {
    return genres;
  }

  /**
   * The tracks; artists of a track are contiguous in index order.
   *
   * @return the tracks
   */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * The artists; an artist's int index is its position here.
   *
   * @return the artists
   */
  public List<Artist> artists() {
    return artists;
  }

  /**
   * The listeners, with the truth as attributes; a listener's int index is its position here.
   *
   * @return the listeners, with the truth as attributes
   */
  public List<Listener> listeners() {
    return listeners;
  }

  /**
   * The playlists the listeners built (owner = the listener, genres = the playlist's theme genre).
   *
   * @return the playlists the listeners built (owner = the listener, genres = the playlist's theme genre)
   */
  public List<Playlist> playlists() {
    return playlists;
  }

  // ---- events

  /**
   * Number of listening events.
   *
   * @return the number of listening events
   */
  public int eventCount() {
    return evTrack.length;
  }

  /**
   * Listener index of event {@code r}.
   *
   * @return the listener index of event {@code r}
   * @param r the event index
   */
  public int eventListener(int r) {
    return evListener[r];
  }

  /**
   * Track (catalogue) index of event {@code r}.
   *
   * @return the track (catalogue) index of event {@code r}
   * @param r the event index
   */
  public int eventTrack(int r) {
    return evTrack[r];
  }

  /**
   * Start of event {@code r}, epoch seconds.
   *
   * @return the start of event {@code r}, epoch seconds
   * @param r the event index
   */
  public long eventTimestamp(int r) {
    return evTime[r];
  }

  /**
   * Milliseconds played in event {@code r}.
   *
   * @param r the event index
   * @return the milliseconds played in event {@code r}
   */
  public int eventMsPlayed(int r) {
    return evMs[r];
  }

  /**
   * Whether event {@code r} was skipped.
   *
   * @return whether event {@code r} was skipped
   * @param r the event index
   */
  public boolean eventSkipped(int r) {
    return (evFlags[r] & ListenerModel.SKIPPED) != 0;
  }

  /**
   * Whether the listener liked the track during event {@code r}.
   *
   * @return whether the listener liked the track during event {@code r}
   * @param r the event index
   */
  public boolean eventLiked(int r) {
    return (evFlags[r] & ListenerModel.LIKED) != 0;
  }

  /**
   * Whether event {@code r} replayed a track from the listener's recent history.
   *
   * @return whether event {@code r} replayed a track from the listener's recent history
   * @param r the event index
   */
  public boolean eventRepeat(int r) {
    return (evFlags[r] & ListenerModel.REPEAT) != 0;
  }

  /**
   * Event {@code r} as a record; the context is {@code "library"} for repeats and {@code "radio"} otherwise.
   *
   * @return the event {@code r} as a record
   * @param r the event index
   */
  public ListeningEvent event(int r) {
    return new ListeningEvent(listenerId(evListener[r]), catalog.ids().id(evTrack[r]), Instant.ofEpochSecond(evTime[r]),
        OptionalLong.of(evMs[r]), eventSkipped(r) ? ListeningEvent.Outcome.SKIPPED : ListeningEvent.Outcome.COMPLETED,
        eventLiked(r), Optional.of(eventRepeat(r) ? "library" : "radio"));
  }

  /**
   * A read-only view of the events, built on access.
   *
   * @return a read-only view of the events, built on access
   */
  public List<ListeningEvent> events() {
    return new AbstractList<>() {
      @Override
      public ListeningEvent get(int index) {
        Objects.checkIndex(index, evTrack.length);
        return event(index);
      }

      @Override
      public int size() {
        return evTrack.length;
      }
    };
  }

  /**
   * The events as an interaction table (weight 1, skip flag, timestamp), built once on first call. Its item
   * dictionary lists every catalogue track in catalogue order (so item index = catalogue index) and its user
   * dictionary every listener in listener order
   * (empty dictionaries when the world has no listeners).
   *
   * @return the events as an interaction table (weight 1, skip flag, timestamp), built once on first call
   */
  public Interactions interactions() {
    Interactions i = interactions;
    if (i == null) {
      synchronized (this) {
        i = interactions;
        if (i == null) {
          i = buildInteractions();
          interactions = i;
        }
      }
    }
    return i;
  }

  private Interactions buildInteractions() {
    // Register every user and item first so indices match the world's, then drop those rows.
    Interactions.Builder b = Interactions.builder();
    int nl = listeners.size();
    if (nl == 0) {
      return b.build();
    }
    int nt = catalog.size();
    int m = Math.max(nl, nt);
    for (int k = 0; k < m; k++) {
      b.add(listenerId(Math.min(k, nl - 1)), catalog.ids().id(Math.min(k, nt - 1)), 0, 0, false);
    }
    int pre = b.size();
    String[] userIds = new String[nl];
    for (int l = 0; l < nl; l++) {
      userIds[l] = listenerId(l);
    }
    for (int r = 0; r < evTrack.length; r++) {
      b.add(userIds[evListener[r]], catalog.ids().id(evTrack[r]), 1, evTime[r], eventSkipped(r));
    }
    Interactions all = b.build();
    int[] rows = new int[evTrack.length];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = pre + r;
    }
    return all.subset(rows);
  }

  // ---- hidden truth

  /**
   * The genre index of track {@code t} (its position in {@link #genres()}).
   *
   * @return the genre index of track {@code t} (its position in {@link #genres()})
   * @param t the track index
   */
  public int trackGenre(int t) {
    return trackGenre[t];
  }

  /**
   * The artist index of track {@code t}'s primary artist.
   *
   * @return the artist index of track {@code t}'s primary artist
   * @param t the track index
   */
  public int trackArtist(int t) {
    return trackArtist[t];
  }

  /**
   * The genre index of artist {@code a}.
   *
   * @return the genre index of artist {@code a}
   * @param a the artist index
   */
  public int artistGenre(int a) {
    return artistGenre[a];
  }

  /**
   * The behaviour type of listener {@code l}.
   *
   * @return the behaviour type of listener {@code l}
   * @param l the listener index
   */
  public BehaviourType behaviour(int l) {
    return behaviour[l];
  }

  /**
   * A copy of listener {@code l}'s taste mixture over {@link #genres()} (sums to 1).
   *
   * @return a copy of listener {@code l}'s taste mixture over {@link #genres()} (sums to 1)
   * @param l the listener index
   */
  public float[] taste(int l) {
    int g = genres.size();
    float[] out = new float[g];
    System.arraycopy(taste, l * g, out, 0, g);
    return out;
  }

  /**
   * The genre index with the largest taste weight of listener {@code l}.
   *
   * @return the genre index with the largest taste weight of listener {@code l}
   * @param l the listener index
   */
  public int dominantGenre(int l) {
    return dominant[l];
  }

  /**
   * The name of genre {@code g}.
   *
   * @return the name of genre {@code g}
   * @param g the genre index
   */
  public String genreName(int g) {
    return genres.get(g).name();
  }

  /**
   * The data profile of this world (catalogue, playlists, events and the behaviour attribute).
   *
   * @return the data profile of this world (catalogue, playlists, events and the behaviour attribute)
   */
  public DataProfile profile() {
    return DataProfile.of(catalog, playlists, interactions(), listeners);
  }

  @Override
  public String toString() {
    return "SyntheticWorld[tracks=" + catalog.size() + ", artists=" + artists.size() + ", listeners="
        + listeners.size() + ", playlists=" + playlists.size() + ", events=" + evTrack.length + ", genres="
        + genres.size() + ", config=" + config + "]";
  }
}
