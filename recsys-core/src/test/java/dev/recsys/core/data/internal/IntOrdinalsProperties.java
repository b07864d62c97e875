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

/** {@link IntOrdinals} numbers keys like an insertion-ordered map, for any {@code int} keys. */
class IntOrdinalsProperties {
  @Property(tries = 200)
  void ordinalsFollowFirstSight(@ForAll("keys") List<Integer> keys) {
    IntOrdinals table = new IntOrdinals(2);
    Map<Integer, Integer> expected = new LinkedHashMap<>();
    for (int k : keys) {
      Integer known = expected.get(k);
      assertEquals(known == null ? -1 : known, table.find(k), "find " + k);
      int ordinal = table.add(k);
      expected.putIfAbsent(k, ordinal);
      assertEquals(expected.get(k), ordinal, "add " + k);
    }
    assertEquals(expected.size(), table.size());
    int o = 0;
    for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
      assertEquals(o++, e.getValue());
      assertEquals(e.getValue(), table.find(e.getKey()));
    }
  }

  /** Small ranges repeat keys; multiples of large powers of two share their home slots. */
  @Provide
  Arbitrary<List<Integer>> keys() {
    Arbitrary<Integer> key = Arbitraries.oneOf(
        Arbitraries.integers().between(-20, 20),
        Arbitraries.integers().between(-8, 8).map(k -> k << 20),
        Arbitraries.integers());
    return key.list().ofMaxSize(400);
  }

  @Property(tries = 50)
  void rehashKeepsEveryKey(@ForAll @Size(max = 2_000) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 5_000) Integer> keys) {
    ordinalsFollowFirstSight(keys);
  }
}
