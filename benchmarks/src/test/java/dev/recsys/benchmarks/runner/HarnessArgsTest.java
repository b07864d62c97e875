package dev.recsys.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HarnessArgsTest {
  @Test
  void readsKeyValuesWithDefaultsAndBothFlagForms() {
    HarnessArgs a = HarnessArgs.parse("n=500", "--out", "r.json", "--seconds=2.5", "unit=SECONDS");
    assertEquals(500, a.getInt("n", 1));
    assertEquals(64, a.getInt("dim", 64), "absent: the default");
    assertEquals(Path.of("r.json"), a.getPath("out", null));
    assertEquals(2.5, a.getDouble("seconds", 1));
    assertEquals(TimeUnit.SECONDS, a.getEnum("unit", TimeUnit.class, TimeUnit.DAYS));
    assertNull(a.getPath("previous", null));
    a.done();
  }

  @Test
  void refusesUnknownKeysMalformedArgumentsAndBadValues() {
    HarnessArgs a = HarnessArgs.parse("n=5", "walks=3");
    a.getInt("n", 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::done);
    assertTrue(e.getMessage().contains("'walks'") && e.getMessage().contains("known: n"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HarnessArgs.parse("n"));
    assertThrows(IllegalArgumentException.class, () -> HarnessArgs.parse("n=1", "n=2"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> HarnessArgs.parse("n=many").getInt("n", 1));
    assertTrue(bad.getMessage().contains("n=many"), bad.getMessage());
  }
}
