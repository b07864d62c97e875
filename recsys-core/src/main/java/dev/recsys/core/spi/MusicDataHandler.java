package dev.recsys.core.spi;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;

/**
 * Receives the records a {@link DataSource} streams, in source order. Every method has an empty default,
 * so a handler implements only what it needs. Called from the reading thread only.
 */
public interface MusicDataHandler {
  /**
   * A track (each id once per source).
   *
   * @param track the track
   */
  default void track(Track track) {}

  /**
   * An artist (each id once per source).
   *
   * @param artist the artist
   */
  default void artist(Artist artist) {}

  /**
   * A playlist, complete with its track ids.
   *
   * @param playlist the playlist
   */
  default void playlist(Playlist playlist) {}

  /**
   * A listener profile.
   *
   * @param listener the listener record
   */
  default void listener(Listener listener) {}

  /**
   * A listening event.
   *
   * @param event the event
   */
  default void event(ListeningEvent event) {}

  /**
   * A generic user-item interaction.
   *
   * @param interaction the interaction
   */
  default void interaction(Interaction interaction) {}
}
