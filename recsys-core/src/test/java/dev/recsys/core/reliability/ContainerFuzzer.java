package dev.recsys.core.reliability;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Corrupts a saved model container in every way a disk, a copy or an editor can, and checks that loading it either
 * succeeds or fails with a {@link ModelFormatException}: never another exception, an error, or an out-of-memory.
 * Payload and configuration mutations are written with a recomputed checksum, so they reach the decoders; raw
 * mutations keep the stored checksum and must be caught by it.
 */
public final class ContainerFuzzer {
  private ContainerFuzzer() {}

  /** Loads a model file (the object is closed when it is {@link AutoCloseable}). */
  @FunctionalInterface
  public interface Loader {
    /** Loads {@code file}. */
    Object load(Path file) throws Exception;
  }

  /** The mutations. */
  public enum Mutation {
    /** One bit of the payload flipped, checksum recomputed. */
    PAYLOAD_BIT_FLIP,
    /** A 32-bit word of the payload replaced by an extreme value (counts, lengths), checksum recomputed. */
    PAYLOAD_WORD,
    /** The payload cut at a random length, checksum recomputed. */
    PAYLOAD_TRUNCATED,
    /** Random bytes appended to the payload, checksum recomputed. */
    PAYLOAD_EXTENDED,
    /** One character of the configuration JSON replaced, checksum recomputed. */
    CONFIG_CHAR,
    /** The configuration replaced by JSON {@code null}, {@code {}} or garbage, checksum recomputed. */
    CONFIG_REPLACED,
    /** One byte of the file flipped (stored checksum kept). */
    RAW_BYTE_FLIP,
    /** The file cut at a random length. */
    RAW_TRUNCATED,
    /** Random bytes appended to the file. */
    RAW_EXTENDED
  }

  /** Cases run, models refused with {@link ModelFormatException} and models that loaded, per mutation. */
  public record Result(int cases, Map<Mutation, int[]> outcomes) {
    /** Refused (index 0) and loaded (index 1) counts summed over mutations. */
    public int[] totals() {
      int[] t = new int[2];
      for (int[] o : outcomes.values()) {
        t[0] += o[0];
        t[1] += o[1];
      }
      return t;
    }

    @Override
    public String toString() {
      int[] t = totals();
      return cases + " cases: " + t[0] + " refused with ModelFormatException, " + t[1] + " loaded, 0 other outcomes";
    }
  }

  private static final int[] WORDS = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1 << 30, 0x7FFF_FFF0, 65_536};
  private static final String[] CONFIGS = {"null", "{}", "[]", "{\"x\":", "\"\"", "{\"dimension\":-1}", "1e999"};

  /**
   * Runs {@code cases} seeded mutations of {@code valid}, cycling through every {@link Mutation}.
   *
   * @throws AssertionError naming the seed, case and mutation of the first outcome other than success or
   *     {@link ModelFormatException}
   */
  public static Result fuzz(Path valid, Path work, Loader loader, int cases, long seed) throws IOException {
    byte[] original = Files.readAllBytes(valid);
    ModelContainer c = ModelContainer.read(new java.io.ByteArrayInputStream(original), valid.toString());
    Files.createDirectories(work);
    Path target = work.resolve(valid.getFileName());
    Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class);
    SplittableRandom rnd = new SplittableRandom(seed);
    Mutation[] all = Mutation.values();
    for (int i = 0; i < cases; i++) {
      Mutation m = all[i % all.length];
      byte[] bytes = mutate(m, original, c, rnd);
      Files.write(target, bytes);
      int[] o = outcomes.computeIfAbsent(m, k -> new int[2]);
      try {
        Object loaded = loader.load(target);
        if (loaded instanceof AutoCloseable a) {
          a.close();
        }
        o[1]++;
      } catch (ModelFormatException expected) {
        o[0]++;
      } catch (Throwable t) {
        throw new AssertionError("seed " + seed + ", case " + i + ", " + m + ": loading " + valid.getFileName()
            + " gave " + t + " instead of a ModelFormatException", t);
      }
    }
    return new Result(cases, outcomes);
  }

  static byte[] mutate(Mutation m, byte[] original, ModelContainer c, SplittableRandom rnd) throws IOException {
    byte[] p = c.payload();
    String config = c.configJson();
    switch (m) {
      case PAYLOAD_BIT_FLIP -> {
        if (p.length == 0) {
          return original;
        }
        p = p.clone();
        p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      case PAYLOAD_WORD -> {
        if (p.length < 4) {
          return original;
        }
        p = p.clone();
        int at = rnd.nextInt(p.length - 3);
        int w = WORDS[rnd.nextInt(WORDS.length)];
        p[at] = (byte) (w >>> 24);
        p[at + 1] = (byte) (w >>> 16);
        p[at + 2] = (byte) (w >>> 8);
        p[at + 3] = (byte) w;
      }
      case PAYLOAD_TRUNCATED -> p = Arrays.copyOf(p, p.length == 0 ? 0 : rnd.nextInt(p.length));
      case PAYLOAD_EXTENDED -> {
        byte[] extra = new byte[1 + rnd.nextInt(64)];
        for (int k = 0; k < extra.length; k++) {
          extra[k] = (byte) rnd.nextInt(256);
        }
        byte[] q = Arrays.copyOf(p, p.length + extra.length);
        System.arraycopy(extra, 0, q, p.length, extra.length);
        p = q;
      }
      case CONFIG_CHAR -> {
        if (config.isEmpty()) {
          config = "x";
        } else {
          char[] ch = config.toCharArray();
          String pool = "{}[]\":,0-9a\\ ";
          ch[rnd.nextInt(ch.length)] = pool.charAt(rnd.nextInt(pool.length()));
          config = new String(ch);
        }
      }
      case CONFIG_REPLACED -> config = CONFIGS[rnd.nextInt(CONFIGS.length)];
      case RAW_BYTE_FLIP -> {
        byte[] b = original.clone();
        b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
        return b;
      }
      case RAW_TRUNCATED -> {
        return Arrays.copyOf(original, rnd.nextInt(original.length));
      }
      case RAW_EXTENDED -> {
        byte[] b = Arrays.copyOf(original, original.length + 1 + rnd.nextInt(64));
        for (int k = original.length; k < b.length; k++) {
          b[k] = (byte) rnd.nextInt(256);
        }
        return b;
      }
      default -> throw new IllegalStateException(m.toString());
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(p.length + 1024);
    new ModelContainer(c.provider(), c.payloadVersion(), config, c.provenance(), p).write(out);
    return out.toByteArray();
  }
}
