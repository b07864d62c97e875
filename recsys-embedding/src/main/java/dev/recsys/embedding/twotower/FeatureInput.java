package dev.recsys.embedding.twotower;

import dev.recsys.core.util.Checks;

/**
 * One typed input of a tower. A {@link TowerRow} supplies, in schema order, one index per {@link Id} input, one
 * bag of indices per {@link MultiHot} input and the concatenated values of the {@link Dense} inputs.
 */
public sealed interface FeatureInput {
  /**
   * The input's name (unique within a schema).
   *
   * @return the input's name (unique within a schema)
   */
  String name();

  /**
   * Width this input contributes to the tower's first layer.
   *
   * @return the width this input contributes to the tower's first layer
   */
  int width();

  /**
   * A categorical id looked up in a learned embedding table of {@code vocabularySize + hashBuckets} rows: known
   * ids use rows {@code [0, vocabularySize)}, unknown ids are hashed into the bucket rows (see {@link #unknown}).
   *
   * @param name input name
   * @param vocabularySize number of known ids, in [0, 50,000,000]
   * @param hashBuckets rows shared by unknown ids, in [1, 1,000,000]
   * @param dimension embedding width, in [1, 1024]
   */
  record Id(String name, int vocabularySize, int hashBuckets, int dimension) implements FeatureInput {
    /** Validates the fields. */
    public Id {
      Checks.notBlank("name", name);
      Checks.inRange("vocabularySize", vocabularySize, 0, 50_000_000);
      Checks.inRange("hashBuckets", hashBuckets, 1, 1_000_000);
      Checks.inRange("dimension", dimension, 1, 1024);
    }

    /**
     * Number of rows of the table.
     *
     * @return the number of rows of the table
     */
    public int rows() {
      return vocabularySize + hashBuckets;
    }

    /**
     * The bucket row of an unknown id: a stable hash of the string into the bucket rows.
     *
     * @param id the id
     * @return the bucket row of an unknown id
     */
    public int unknown(String id) {
      return vocabularySize + Math.floorMod(Hashing.murmur(id), hashBuckets);
    }

    /**
     * The bucket row of a known index, used to teach the buckets while training.
     *
     * @param index the index
     * @return the bucket row of a known index, used to teach the buckets while training
     */
    public int bucketOf(int index) {
      return vocabularySize + Math.floorMod(Hashing.mix(index), hashBuckets);
    }

    @Override
    public int width() {
      return dimension;
    }
  }

  /**
   * Real-valued features fed as they are (the caller standardises them).
   *
   * @param name input name
   * @param width number of values, in [1, 100,000]
   */
  record Dense(String name, int width) implements FeatureInput {
    /** Validates the fields. */
    public Dense {
      Checks.notBlank("name", name);
      Checks.inRange("width", width, 1, 100_000);
    }
  }

  /**
   * A bag of categorical indices (genres, recent tracks) whose learned embeddings are mean-pooled; an empty bag
   * contributes zeros.
   *
   * @param name input name
   * @param vocabularySize number of categories, in [1, 50,000,000]
   * @param dimension embedding width, in [1, 1024]
   */
  record MultiHot(String name, int vocabularySize, int dimension) implements FeatureInput {
    /** Validates the fields. */
    public MultiHot {
      Checks.notBlank("name", name);
      Checks.inRange("vocabularySize", vocabularySize, 1, 50_000_000);
      Checks.inRange("dimension", dimension, 1, 1024);
    }

    @Override
    public int width() {
      return dimension;
    }
  }

  /** Stable hashes of ids (independent of {@link String#hashCode()} and the JVM). */
  final class Hashing {
    private Hashing() {}

    /** A 32-bit hash of the UTF-16 code units of {@code s}. */
    static int murmur(String s) {
      int h = 0x9747b28c;
      for (int i = 0; i < s.length(); i++) {
        int k = s.charAt(i) * 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15) * 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
      }
      return fmix(h ^ s.length());
    }

    /** A 32-bit mix of an int. */
    static int mix(int v) {
      return fmix(v * 0x9E3779B9 + 0x7f4a7c15);
    }

    private static int fmix(int h) {
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      return h ^ (h >>> 16);
    }
  }
}
