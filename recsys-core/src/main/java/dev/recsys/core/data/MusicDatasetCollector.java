package dev.recsys.core.data;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler that keeps what it receives, to build a {@link MusicDataset} from one or more sources read in turn.
 * Tracks and artists are de-duplicated by id (the first source to name an id wins). With {@code interactionsOnly},
 * only interactions (and what derives them) are kept. Not thread-safe.
 */
public final class MusicDatasetCollector implements MusicDataHandler {
  private final boolean interactionsOnly;
  private final Map<String, Track> tracks = new LinkedHashMap<>();
  private final Map<String, Artist> artists = new LinkedHashMap<>();
  private final List<Playlist> playlists = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();
  private final List<ListeningEvent> events = new ArrayList<>();
  private final Interactions.Builder interactions = Interactions.builder();
  private final Interactions.Builder fromPlaylists = Interactions.builder();
  private boolean direct;

  /**
   * A collector; with {@code interactionsOnly} it keeps interactions only.
   *
   * @param interactionsOnly the interactions only
   */
  public MusicDatasetCollector(boolean interactionsOnly) {
    this.interactionsOnly = interactionsOnly;
  }

  @Override
  public void track(Track track) {
    if (!interactionsOnly) {
      tracks.putIfAbsent(track.id(), track);
    }
  }

  @Override
  public void artist(Artist artist) {
    if (!interactionsOnly) {
      artists.putIfAbsent(artist.id(), artist);
    }
  }

  @Override
  public void playlist(Playlist playlist) {
    if (!interactionsOnly) {
      playlists.add(playlist);
    }
    if (!direct) {
      for (String t : playlist.trackIds()) {
        fromPlaylists.add(playlist.id(), t, 1.0, Interaction.NO_TIME, false);
      }
    }
  }

  @Override
  public void listener(Listener listener) {
    if (!interactionsOnly) {
      listeners.add(listener);
    }
  }

  @Override
  public void event(ListeningEvent e) {
    if (!interactionsOnly) {
      events.add(e);
    }
    direct = true;
    interactions.add(e.listenerId(), e.trackId(), 1.0, e.timestamp().getEpochSecond(),
        e.outcome() == ListeningEvent.Outcome.SKIPPED);
  }

  @Override
  public void interaction(Interaction i) {
    direct = true;
    interactions.add(i);
  }

  /**
   * The interactions: direct ones when any were seen, else those derived from playlists.
   *
   * @return the {@code Interactions}
   */
  public Interactions interactions() {
    return direct ? interactions.build() : fromPlaylists.build();
  }

  /**
   * The collected data set.
   *
   * @param report the report
   * @return the collected data set
   */
  public MusicDataset dataset(ReadReport report) {
    return new MusicDataset(Catalog.of(tracks.values()), List.copyOf(artists.values()), playlists, listeners, events,
        interactions(), report);
  }

  /**
   * Sums reports of several sources into one.
   *
   * @param reports the reports
   * @param maxProblems the max problems
   * @return the {@code ReadReport}
   */
  public static ReadReport merge(List<ReadReport> reports, int maxProblems) {
    if (reports.size() == 1) {
      return reports.get(0);
    }
    List<String> sources = new ArrayList<>();
    long rows = 0;
    long skipped = 0;
    Map<String, Long> records = new LinkedHashMap<>();
    Map<String, Long> reasons = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    ReadReport.Lines lines = ReadReport.Lines.NONE;
    for (ReadReport r : reports) {
      sources.add(r.source());
      lines = lines.plus(r.lines());
      rows += r.rowsRead();
      skipped += r.rowsSkipped();
      r.records().forEach((k, v) -> records.merge(k, v, Long::sum));
      r.skipReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
      for (String p : r.firstProblems()) {
        if (problems.size() < maxProblems) {
          problems.add(p);
        }
      }
    }
    return new ReadReport(String.join(", ", sources), rows, skipped, records, reasons, problems, lines);
  }
}
