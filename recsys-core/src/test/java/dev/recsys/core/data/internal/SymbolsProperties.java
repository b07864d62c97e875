package dev.recsys.core.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** {@link Symbols} numbers strings like an insertion-ordered map, looked up from any slice of a char buffer. */
class SymbolsProperties {
  @Property(tries = 200)
  void ordinalsFollowFirstSight(@ForAll @Size(max = 300) List<@StringLength(max = 6) String> values,
      @ForAll @StringLength(max = 3) String padding, @ForAll boolean repeating, @ForAll boolean addMissed) {
    check(values, padding, new Symbols(4, repeating), addMissed);
  }

  /** Strings of "Aa" and "BB" blocks share their hash codes: every lookup runs through colliding entries. */
  @Property(tries = 200)
  void collidingHashesStayDistinct(@ForAll("colliding") List<String> values, @ForAll boolean repeating,
      @ForAll boolean addMissed) {
    check(values, "", new Symbols(4, repeating), addMissed);
  }

  /** {@link Symbols#addMissed} needs a {@code find} that missed, with nothing added after it. */
  @Example
  void addMissedNeedsAFreshMiss() {
    Symbols table = new Symbols(4, 1, false);
    char[] a = "ab".toCharArray();
    assertThrows(IllegalStateException.class, table::addMissed);
    assertEquals(-1, table.find(a, 0, 1));
    table.add(a, 1, 2);
    assertThrows(IllegalStateException.class, table::addMissed);
    assertEquals(-1, table.find(a, 0, 1));
    assertEquals(1, table.addMissed());
    assertThrows(IllegalStateException.class, table::addMissed);
    assertEquals(1, table.find(a, 0, 1));
    assertThrows(IllegalStateException.class, table::addMissed);
    assertEquals("a", table.get(1));
  }

  @Provide
  Arbitrary<List<String>> colliding() {
    return Arbitraries.of("Aa", "BB").list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l)).list().ofMaxSize(100);
  }

  /**
   * Looks every value up from a padded buffer and adds it, with {@link Symbols#add} or, after a {@code find} that
   * missed, {@link Symbols#addMissed}: the ordinals are those of an insertion-ordered map of the strings.
   */
  private static void check(List<String> values, String padding, Symbols table, boolean addMissed) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String v : values) {
      char[] buffer = (padding + v + padding).toCharArray();
      int from = padding.length();
      int to = from + v.length();
      Integer known = expected.get(v);
      int found = table.find(buffer, from, to);
      assertEquals(known == null ? -1 : known, found, v);
      int ordinal = addMissed && found < 0 ? table.addMissed() : table.add(buffer, from, to);
      expected.putIfAbsent(v, ordinal);
      assertEquals(expected.get(v), ordinal, v);
      assertEquals(v, table.get(ordinal));
    }
    assertEquals(expected.size(), table.size());
    int o = 0;
    for (String v : expected.keySet()) {
      assertEquals(o++, expected.get(v));
    }
  }
}
