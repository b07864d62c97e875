package dev.recsys.core.io;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a saved model came from.
 *
 * @param libraryVersion the recsys version that wrote it
 * @param javaVersion the Java runtime version that wrote it
 * @param seed the random seed of the fit
 * @param dataFingerprint a hash of the training data (see {@link Fingerprint})
 * @param createdAt when it was written
 */
public record Provenance(String libraryVersion, String javaVersion, long seed, String dataFingerprint, Instant createdAt) {
  /** Validates the fields. */
  public Provenance {
    Objects.requireNonNull(libraryVersion, "libraryVersion");
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(dataFingerprint, "dataFingerprint");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Provenance for a model fitted now by this library and runtime. The time is truncated to milliseconds, the
   * precision a {@link ModelContainer} stores, so a saved and reloaded provenance equals this one.
   *
   * @param seed the random seed
   * @param dataFingerprint the data fingerprint
   * @return the provenance for a model fitted now by this library and runtime
   */
  public static Provenance now(long seed, String dataFingerprint) {
    return new Provenance(RecsysVersion.get(), Runtime.version().toString(), seed, dataFingerprint,
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }
}
