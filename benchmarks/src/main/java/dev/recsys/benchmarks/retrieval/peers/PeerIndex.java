package dev.recsys.benchmarks.retrieval.peers;

import java.io.Closeable;
import java.io.IOException;

/**
 * One library's index over rows {@code 0..n-1} of a row-major float matrix, searched with an adjustable beam.
 *
 * <p>Not thread-safe: one thread builds, calibrates and searches. {@link #search} returns the library's own result
 * object (so a benchmark measures what a user of that library gets back); {@link #rows} turns it into row numbers.
 */
public interface PeerIndex extends Closeable {
  /** The library. */
  PeerLibrary library();

  /** The library's name for the search beam parameter (e.g. {@code ef}). */
  String parameterName();

  /** The current search beam. */
  int beam();

  /**
   * Sets the search beam (candidate list size, {@code >= k}) used by later searches. Some libraries fix it when the
   * index is opened; those reopen the index.
   */
  void beam(int beam) throws IOException;

  /** The top {@code k} of a unit-length query, as the library returns it. */
  Object search(float[] query, int k) throws IOException;

  /** Row numbers of a {@link #search} result, best first. */
  int[] rows(Object result);

  /** Bytes the index keeps on disk (memory-mapped while searching); 0 for indexes held on the heap only. */
  long diskBytes() throws IOException;
}
