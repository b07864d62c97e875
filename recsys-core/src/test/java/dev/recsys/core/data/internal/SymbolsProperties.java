package dev.recsys.core.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** {@link Symbols} numbers strings like an insertion-ordered map, looked up from any slice of a char buffer. */
class SymbolsProperties {
  @Property(tries = 200)
  void ordinalsFollowFirstSight(@ForAll @Size(max = 300) List<@StringLength(max = 6) String> values,
      @ForAll @StringLength(max = 3) String padding, @ForAll boolean repeating) {
    check(values, padding, new Symbols(4, repeating));
  }

  /** Strings of "Aa" and "BB" blocks share their hash codes: every lookup runs through colliding entries. */
  @Property(tries = 200)
  void collidingHashesStayDistinct(@ForAll("colliding") List<String> values, @ForAll boolean repeating) {
    check(values, "", new Symbols(4, repeating));
  }

  @Provide
  Arbitrary<List<String>> colliding() {
    return Arbitraries.of("Aa", "BB").list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l)).list().ofMaxSize(100);
  }

  private static void check(List<String> values, String padding, Symbols table) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String v : values) {
      char[] buffer = (padding + v + padding).toCharArray();
      int from = padding.length();
      int to = from + v.length();
      Integer known = expected.get(v);
      assertEquals(known == null ? -1 : known, table.find(buffer, from, to), v);
      int ordinal = table.add(buffer, from, to);
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
