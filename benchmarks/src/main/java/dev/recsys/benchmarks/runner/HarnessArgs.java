package dev.recsys.benchmarks.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code key=value} arguments of the benchmark harnesses' {@code main} methods ({@code --key value} and
 * {@code --key=value} are read as {@code key=value}). Each value is read with its default; {@link #done()} then
 * refuses any key no harness option read, naming it and the known keys. A malformed argument or value fails naming
 * the argument.
 */
public final class HarnessArgs {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();

  private HarnessArgs() {}

  /**
   * Reads {@code args}.
   *
   * @param args the arguments of {@code main}
   * @return the arguments by key
   * @throws IllegalArgumentException for an argument that is not {@code key=value}, or a key given twice
   */
  public static HarnessArgs parse(String... args) {
    HarnessArgs h = new HarnessArgs();
    List<String> list = new ArrayList<>(List.of(args));
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      String key;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        key = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (a.startsWith("--") && i + 1 < list.size()) {
        key = a;
        value = list.get(++i);
      } else {
        throw new IllegalArgumentException("arguments are key=value (or --key value); got '" + a + "'");
      }
      key = key.startsWith("--") ? key.substring(2) : key;
      if (h.values.put(key, value) != null) {
        throw new IllegalArgumentException("argument '" + key + "' given twice");
      }
    }
    return h;
  }

  /**
   * A text value.
   *
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   */
  public String get(String key, String fallback) {
    return value(key, fallback, Function.identity());
  }

  /**
   * An {@code int} value.
   *
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   */
  public int getInt(String key, int fallback) {
    return value(key, fallback, Integer::valueOf);
  }

  /**
   * A {@code long} value.
   *
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   */
  public long getLong(String key, long fallback) {
    return value(key, fallback, Long::valueOf);
  }

  /**
   * A {@code double} value.
   *
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   */
  public double getDouble(String key, double fallback) {
    return value(key, fallback, Double::valueOf);
  }

  /**
   * A path.
   *
   * @param key the key
   * @param fallback the value when the key is absent (may be null)
   * @return the value
   */
  public Path getPath(String key, Path fallback) {
    return value(key, fallback, Path::of);
  }

  /**
   * A constant of {@code type}, by name.
   *
   * @param <E> the enum type
   * @param key the key
   * @param type the enum class
   * @param fallback the value when the key is absent
   * @return the value
   */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
    return value(key, fallback, v -> Enum.valueOf(type, v));
  }

  /**
   * A value parsed by {@code parser}.
   *
   * @param <T> the value type
   * @param key the key
   * @param fallback the value when the key is absent (may be null)
   * @param parser reads the text of the value
   * @return the value
   * @throws IllegalArgumentException naming the argument when the parser fails
   */
  public <T> T value(String key, T fallback, Function<String, T> parser) {
    known.add(key);
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return parser.apply(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("argument " + key + "=" + v + " is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that every argument given was read.
   *
   * @throws IllegalArgumentException naming the first unknown key and the known ones
   */
  public void done() {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown argument '" + key + "'; known: " + String.join(", ", known));
      }
    }
  }
}
