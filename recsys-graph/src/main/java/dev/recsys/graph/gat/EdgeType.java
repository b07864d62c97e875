package dev.recsys.graph.gat;

/**
 * The edge types of the {@link HeteroGraph}, seen from a track: each names the node type at the other end.
 * The graph attention network has one set of attention and transform weights per edge type.
 */
public enum EdgeType {
  /** Track to track: co-occurrence in a session or playlist, weighted by the number of co-occurrences. */
  TRACK_TRACK("track"),
  /** Track to artist: the track's credited artists, weight 1. */
  TRACK_ARTIST("artist"),
  /** Track to genre: the track's genre labels, weight 1. */
  TRACK_GENRE("genre"),
  /** Track to listener (or playlist): weighted by completed plays; skips are kept as a separate signal. */
  TRACK_LISTENER("listener");

  private final String target;

  EdgeType(String target) {
    this.target = target;
  }

  /**
   * The node type at the far end ({@code "track"}, {@code "artist"}, {@code "genre"}, {@code "listener"}).
   *
   * @return the node type at the far end ({@code "track"}, {@code "artist"}, {@code "genre"}, {@code "listener"})
   */
  public String target() {
    return target;
  }
}
