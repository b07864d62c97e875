package dev.recsys.core.features;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Track;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The first pass of a feature-pipeline fit, the statistics that need no other statistic: the number of tracks, the
 * reference year, the missing keys, modes, time signatures and mood inputs, the time signatures seen and the genre
 * document frequencies. Mergeable, so a distributed fit aggregates partition counts with {@link #merge}; the
 * single-machine fit adds every track to one. Not thread-safe.
 */
public final class TrackCounts implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  /** Tracks counted. */
  private long rows;
  /** One past the latest release year seen, 0 before any dated track. */
  private int referenceYear;
  /** Tracks without a key. */
  private long keyMissing;
  /** Tracks without a mode. */
  private long modeMissing;
  /** Tracks without a time signature. */
  private long timeSignatureMissing;
  /** Tracks without energy or valence. */
  private long moodMissing;
  /** The time signatures seen. */
  private final TreeSet<Integer> meters = new TreeSet<>();
  /** Tracks per genre, each track counting a genre once. */
  private final HashMap<String, Long> documentFrequency = new HashMap<>();

  /** Empty counts. */
  public TrackCounts() {}

  /**
   * Counts one track; returns this.
   *
   * @param t the track to count
   * @return this, for chaining
   */
  public TrackCounts add(Track t) {
    rows++;
    referenceYear = Math.max(referenceYear, FeaturePipeline.referenceYear(t));
    if (!t.audio().isPresent(AudioFeature.KEY)) {
      keyMissing++;
    }
    if (!t.audio().isPresent(AudioFeature.MODE)) {
      modeMissing++;
    }
    if (t.audio().isPresent(AudioFeature.TIME_SIGNATURE)) {
      meters.add((int) t.audio().value(AudioFeature.TIME_SIGNATURE));
    } else {
      timeSignatureMissing++;
    }
    if (!t.audio().isPresent(AudioFeature.ENERGY) || !t.audio().isPresent(AudioFeature.VALENCE)) {
      moodMissing++;
    }
    for (String g : new TreeSet<>(t.genres())) {
      documentFrequency.merge(g, 1L, Long::sum);
    }
    return this;
  }

  /**
   * Adds {@code o}'s counts to these; returns this.
   *
   * @param o counts of another partition; not changed
   * @return this, now holding both partitions' counts
   */
  public TrackCounts merge(TrackCounts o) {
    rows += o.rows;
    referenceYear = Math.max(referenceYear, o.referenceYear);
    keyMissing += o.keyMissing;
    modeMissing += o.modeMissing;
    timeSignatureMissing += o.timeSignatureMissing;
    moodMissing += o.moodMissing;
    meters.addAll(o.meters);
    o.documentFrequency.forEach((g, c) -> documentFrequency.merge(g, c, Long::sum));
    return this;
  }

  /**
   * Tracks counted.
   *
   * @return the number of tracks added, over every merged partition
   */
  public long rows() {
    return rows;
  }

  /**
   * One past the latest release year (0 when no track has a release date): the age reference.
   *
   * @return the reference year, or 0
   */
  public int referenceYear() {
    return referenceYear;
  }

  /**
   * Tracks without a key.
   *
   * @return the number of tracks without a key
   */
  public long keyMissing() {
    return keyMissing;
  }

  /**
   * Tracks without a mode.
   *
   * @return the number of tracks without a mode
   */
  public long modeMissing() {
    return modeMissing;
  }

  /**
   * Tracks without a time signature.
   *
   * @return the number of tracks without a time signature
   */
  public long timeSignatureMissing() {
    return timeSignatureMissing;
  }

  /**
   * Tracks without energy or valence (the mood quadrant's inputs).
   *
   * @return the number of tracks missing energy or valence
   */
  public long moodMissing() {
    return moodMissing;
  }

  /**
   * The time signatures seen, ascending.
   *
   * @return a new array of the distinct time signatures
   */
  public int[] meters() {
    return meters.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Tracks per genre (each track counts a genre once).
   *
   * @return an unmodifiable view of genre to track count; reflects later additions
   */
  public Map<String, Long> documentFrequency() {
    return Collections.unmodifiableMap(documentFrequency);
  }
}
