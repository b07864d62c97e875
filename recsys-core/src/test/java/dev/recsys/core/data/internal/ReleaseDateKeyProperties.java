package dev.recsys.core.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.model.ReleaseDate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DelimitedReader#releaseDateKey} keys a release-date field by its text: equal keys exactly for equal
 * texts, and a key exactly for the texts {@link DelimitedReader#getReleaseDate} does not reject for their form.
 */
class ReleaseDateKeyProperties {
  @Property(tries = 500)
  void equalKeysForEqualTexts(@ForAll("texts") String a, @ForAll("texts") String b) throws IOException {
    int ka = key(a);
    int kb = key(b);
    if (ka >= 0 && kb >= 0) {
      assertEquals(a.equals(b), ka == kb, a + " / " + b);
    }
  }

  @Property(tries = 1_000)
  void keyedExactlyWhenTheFormIsADate(@ForAll("texts") String text) throws IOException {
    DelimitedReader r = read(text);
    int key = r.releaseDateKey(0);
    ReleaseDate date;
    try {
      date = r.getReleaseDate(0);
    } catch (DataFormatException e) {
      String m = e.getMessage();
      assertEquals(key < 0, m.contains("not a release date (YYYY, YYYY-MM or YYYY-MM-DD)"), text + ": " + m);
      assertTrue(key < 0 || m.contains("not a valid release date"), text + ": " + m);
      return;
    }
    assertTrue(key >= 0, text);
    assertEquals(Integer.parseInt(text.substring(0, 4)), date.year(), text);
    assertEquals(text.length() >= 7 ? Integer.parseInt(text.substring(5, 7)) : 0, date.month(), text);
    assertEquals(text.length() == 10 ? Integer.parseInt(text.substring(8, 10)) : 0, date.day(), text);
  }

  @Property(tries = 200)
  void wellFormedDatesHaveKeys(@ForAll("dates") String text) throws IOException {
    assertTrue(key(text) >= 0, text);
    assertEquals(text.length() == 4 ? 0 : text.length() == 7 ? 1 : 2, key(text) & 3, text);
  }

  @Property(tries = 100)
  void otherFormsHaveNone(@ForAll("dates") String text) throws IOException {
    assertEquals(-1, key(text + "0"));
    assertEquals(-1, key(" " + text));
    String slashed = text.replace('-', '/');
    if (!slashed.equals(text)) {
      assertEquals(-1, key(slashed));
    }
    assertEquals(-1, key("x" + text.substring(1)));
    assertThrows(DataFormatException.class, () -> read("x" + text.substring(1)).getReleaseDate(0));
  }

  /** Dates of the three forms, with months and days out of range (00, 13-99, 32-99) among them. */
  @Provide
  Arbitrary<String> dates() {
    Arbitrary<Integer> year = Arbitraries.integers().between(0, 9999);
    Arbitrary<Integer> two = Arbitraries.oneOf(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(1, 12));
    return Combinators.combine(year, two, two, Arbitraries.integers().between(0, 2)).as((y, m, d, form) -> switch (form) {
      case 0 -> "%04d".formatted(y);
      case 1 -> "%04d-%02d".formatted(y, m);
      default -> "%04d-%02d-%02d".formatted(y, m, d);
    });
  }

  /** Dates, and texts close to them: other characters, lengths, separators. */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> near = Arbitraries.strings().withChars("0123456789-/ x").ofMinLength(1).ofMaxLength(11);
    return Arbitraries.oneOf(dates(), dates(), near);
  }

  private static int key(String text) throws IOException {
    return read(text).releaseDateKey(0);
  }

  private static DelimitedReader read(String field) throws IOException {
    DelimitedReader r = DelimitedReader.of("t.csv", new ByteArrayInputStream((field + ",end\n").getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8, ',', true);
    assertTrue(r.next());
    return r;
  }
}
