package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DataSource} must meet. Extend it and implement {@link #source()} (a source over
 * well-formed data that yields at least one record): the suite checks that reads repeat, that the
 * {@link ReadReport} counts what was delivered and every skip by rule, and that track and artist ids come once.
 * Override {@link #malformed()} to also check bad input: a strict read fails naming the facts you list (file,
 * line, field), a lenient read skips and counts.
 */
public abstract class DataSourceConformance {
  /** For subclasses, which JUnit instantiates once per test. */
  protected DataSourceConformance() {}

  /**
   * A source over well-formed data with at least one record.
   *
   * @return a new source; each test reads it at least once
   * @throws IOException if the source cannot be created
   */
  protected abstract DataSource source() throws IOException;

  /**
   * Sources over the same malformed input in strict and in lenient mode, with the facts (file name, line number,
   * field) a strict failure must name; empty (the default) skips the bad-input checks.
   *
   * @return the malformed sources with the facts to name, or empty
   * @throws IOException if the sources cannot be created
   */
  protected Optional<Malformed> malformed() throws IOException {
    return Optional.empty();
  }

  /**
   * Malformed input for {@link #malformed()}.
   *
   * @param strict a source over the input that fails on the first bad row
   * @param lenient a source over the same input that skips bad rows and counts them
   * @param facts what the strict failure must name, e.g. the file name and the line number
   */
  public record Malformed(DataSource strict, DataSource lenient, List<String> facts) {
    /** Validates and copies. */
    public Malformed {
      Objects.requireNonNull(strict, "strict");
      Objects.requireNonNull(lenient, "lenient");
      facts = List.copyOf(facts);
    }
  }

  /** Everything a read delivered, by kind, in order. */
  protected static final class Recorder implements MusicDataHandler {
    /** A recorder that has received nothing yet. */
    public Recorder() {}

    /** Records by kind ("tracks", "artists", "playlists", "listeners", "events", "interactions"). */
    public final Map<String, List<Object>> byKind = new LinkedHashMap<>();

    private void add(String kind, Object o) {
      assertTrue(o != null, "null " + kind + " delivered");
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(o);
    }

    @Override
    public void track(Track track) {
      add("tracks", track);
    }

    @Override
    public void artist(Artist artist) {
      add("artists", artist);
    }

    @Override
    public void playlist(Playlist playlist) {
      add("playlists", playlist);
    }

    @Override
    public void listener(Listener listener) {
      add("listeners", listener);
    }

    @Override
    public void event(ListeningEvent event) {
      add("events", event);
    }

    @Override
    public void interaction(Interaction interaction) {
      add("interactions", interaction);
    }

    /**
     * Number of records delivered.
     *
     * @return the number of records of every kind
     */
    public int total() {
      return byKind.values().stream().mapToInt(List::size).sum();
    }
  }

  /**
   * The source's description is not blank.
   *
   * @throws IOException if the source cannot be read
   */
  @Test
  public void describesItself() throws IOException {
    String d = source().description();
    assertTrue(d != null && !d.isBlank(), "blank description");
  }

  /**
   * Two reads of the same source deliver the same records in the same order, at least one of them.
   *
   * @throws IOException if the source cannot be read
   */
  @Test
  public void deliversRecordsAndReadsRepeat() throws IOException {
    DataSource s = source();
    Recorder first = new Recorder();
    s.read(first);
    assertTrue(first.total() > 0, "source() delivered no record");
    Recorder second = new Recorder();
    s.read(second);
    assertEquals(first.byKind, second.byKind, "a second read of the same source delivered other records");
  }

  /**
   * The report's count per kind equals what the handler received, and the skips by rule add up to the skipped rows.
   *
   * @throws IOException if the source cannot be read
   */
  @Test
  public void reportCountsWhatWasDeliveredAndEverySkip() throws IOException {
    Recorder r = new Recorder();
    ReadReport report = source().read(r);
    assertTrue(report.source() != null && !report.source().isBlank(), "report names no source");
    for (String kind : List.of("tracks", "artists", "playlists", "listeners", "events", "interactions")) {
      if (report.records().containsKey(kind)) {
        assertEquals(report.count(kind), r.byKind.getOrDefault(kind, List.of()).size(), "report count of " + kind);
      }
    }
    assertTrue(report.rowsSkipped() >= 0 && report.rowsSkipped() <= report.rowsRead(), "skipped " + report.rowsSkipped()
        + " of " + report.rowsRead() + " rows");
    assertEquals(report.rowsSkipped(), report.skipReasons().values().stream().mapToLong(Long::longValue).sum(),
        "skips by reason do not add up to the skipped rows: " + report.skipReasons());
  }

  /**
   * No track id and no artist id is delivered twice in one read.
   *
   * @throws IOException if the source cannot be read
   */
  @Test
  public void trackAndArtistIdsComeOnce() throws IOException {
    Recorder r = new Recorder();
    source().read(r);
    Set<String> ids = new HashSet<>();
    for (Object t : r.byKind.getOrDefault("tracks", List.of())) {
      assertTrue(ids.add(((Track) t).id()), "track " + ((Track) t).id() + " delivered twice");
    }
    ids.clear();
    for (Object a : r.byKind.getOrDefault("artists", List.of())) {
      assertTrue(ids.add(((Artist) a).id()), "artist " + ((Artist) a).id() + " delivered twice");
    }
  }

  /**
   * A handler that overrides nothing may be given to a read.
   *
   * @throws IOException if the source cannot be read
   */
  @Test
  public void aHandlerThatIgnoresEverythingIsFine() throws IOException {
    ReadReport report = source().read(new MusicDataHandler() {});
    assertTrue(report.rowsRead() >= 0);
  }

  /**
   * A strict read of malformed input fails naming the listed facts; a lenient read skips rows, counts them by rule and
   * keeps the first problems.
   *
   * @throws IOException if the source cannot be read
   */
  @Test
  public void strictReadsFailNamingTheProblemAndLenientReadsCountIt() throws IOException {
    Optional<Malformed> m = malformed();
    Assumptions.assumeTrue(m.isPresent(), "no malformed input given");
    Errors.assertFailsNaming(Exception.class, () -> m.get().strict().read(new Recorder()),
        m.get().facts().toArray(String[]::new));
    ReadReport report = m.get().lenient().read(new Recorder());
    assertTrue(report.rowsSkipped() > 0, "a lenient read of malformed input skipped nothing");
    assertFalse(report.skipReasons().isEmpty(), "skips without reasons");
    assertFalse(report.firstProblems().isEmpty(), "skips without the first problems");
  }
}
