package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.internal.DelimitedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {
  static DelimitedReader reader(byte[] bytes) {
    return DelimitedReader.of("t.csv", new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, '\0', true);
  }

  static DelimitedReader reader(String text) {
    return reader(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<List<String>> all(DelimitedReader r) throws IOException {
    List<List<String>> out = new ArrayList<>();
    while (r.next()) {
      out.add(Arrays.asList(r.fields()));
    }
    return out;
  }

  @Test
  void rfc4180QuotingEmbeddedNewlinesAndLineNumbers() throws IOException {
    DelimitedReader r = reader("a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\n3,,\"\"\n");
    assertTrue(r.next());
    assertEquals(1, r.line());
    assertTrue(r.next());
    assertEquals(List.of("1", "x,y", "he said \"hi\""), Arrays.asList(r.fields()));
    assertEquals(2, r.line());
    assertTrue(r.next());
    assertEquals(List.of("2", "two\nlines", ""), Arrays.asList(r.fields()));
    assertEquals(3, r.line());
    assertTrue(r.next());
    assertEquals(6, r.line(), "a blank line is skipped and counted");
    assertEquals(List.of("3", "", ""), Arrays.asList(r.fields()));
    assertFalse(r.next());
    assertEquals(1, r.blankLines());
  }

  @Test
  void detectsTabSemicolonAndPipe() throws IOException {
    DelimitedReader t = reader("a\tb,c\tc\n1\t2\t3");
    assertEquals(List.of(List.of("a", "b,c", "c"), List.of("1", "2", "3")), all(t));
    assertEquals('\t', t.delimiter());
    assertEquals(List.of(List.of("a", "b"), List.of("1,5", "2")), all(reader("a;b\n1,5;2\n")));
    assertEquals(List.of(List.of("a", "b", "c")), all(reader("a|b|c\n")));
  }

  @Test
  void bomIsDroppedAndUtf16BomIsRefused() throws IOException {
    byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n'};
    assertEquals(List.of(List.of("a", "b")), all(reader(withBom)));
    byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'a', 0, ',', 0};
    DataFormatException e = assertThrows(DataFormatException.class, () -> reader(utf16).next());
    assertEquals(Rule.WRONG_ENCODING, e.rule());
    assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
  }

  @Test
  void invalidUtf8NamesLineAndColumnAndReadingContinues() throws IOException {
    byte[] head = "a,b\nok,1\nfine,".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'c', 'a', 'f', (byte) 0xE9, '\n'};
    byte[] tail = "next,3\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    DelimitedReader r = reader(all);
    r.next();
    r.header(r.fields());
    r.next();
    DataFormatException e = assertThrows(DataFormatException.class, r::next);
    assertEquals("t.csv:3:2 (b): not valid UTF-8: byte 0xE9 at byte offset 17; the file is probably in another encoding "
        + "(e.g. ISO-8859-1 or Windows-1252); convert it to UTF-8", e.getMessage());
    assertTrue(r.next());
    assertEquals(List.of("next", "3"), Arrays.asList(r.fields()));
    assertEquals(4, r.line());
  }

  @Test
  void badQuotingIsReportedAndTheReaderRecovers() throws IOException {
    DelimitedReader r = reader("a,b\n\"x\"y,2\n3,4\n");
    r.next();
    r.header(r.fields());
    DataFormatException e = assertThrows(DataFormatException.class, r::next);
    assertEquals("t.csv:2:1 (a): unexpected character 'y' after the closing quote of a quoted field", e.getMessage());
    assertEquals(Rule.BAD_QUOTING, e.rule());
    assertTrue(r.next());
    assertEquals(List.of("3", "4"), Arrays.asList(r.fields()));

    DelimitedReader u = reader("a,b\n1,\"never closed\n3,4\n");
    u.next();
    DataFormatException e2 = assertThrows(DataFormatException.class, u::next);
    assertEquals(Rule.BAD_QUOTING, e2.rule());
    assertTrue(e2.getMessage().startsWith("t.csv:2:2: quoted field opened on line 2 is never closed"), e2.getMessage());
    assertTrue(u.next(), "the lines after the unclosed quote are read again");
    assertEquals(List.of("3", "4"), Arrays.asList(u.fields()));
    assertEquals(3, u.line());
    assertFalse(u.next());
    assertEquals(3, u.linesRead());
  }

  @Test
  void numbersParseExactlyAndBadOnesNameTheColumn() throws IOException {
    DelimitedReader r = reader("x,y\n0.0583,2.33e-5\n-2.634,122.036\n1e5,abc\n");
    r.next();
    r.header(r.fields());
    r.next();
    assertEquals(0.0583, r.getDouble(0));
    assertEquals(2.33e-5, r.getDouble(1));
    r.next();
    assertEquals(-2.634, r.getDouble(0));
    assertEquals(122.036, r.getDouble(1));
    r.next();
    assertEquals(1e5, r.getDouble(0));
    DataFormatException e = assertThrows(DataFormatException.class, () -> r.getDouble(1));
    assertEquals("t.csv:4:2 (y): not a number: 'abc'", e.getMessage());
    assertEquals(Rule.BAD_NUMBER, e.rule());
    assertEquals(4, e.line());
    assertEquals(2, e.column());
    assertEquals("y", e.columnName());
  }

  @net.jqwik.api.Property(tries = 300, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void fastDoubleAgreesWithDoubleParseDouble(@net.jqwik.api.ForAll double d, @net.jqwik.api.ForAll("scales") int digits)
      throws IOException {
    if (!Double.isFinite(d) || Math.abs(d) > 1e300) {
      return;
    }
    String[] texts = {Double.toString(d), String.format(java.util.Locale.ROOT, "%." + digits + "f", d),
        String.format(java.util.Locale.ROOT, "%." + digits + "e", d)};
    DelimitedReader r = reader(String.join(",", texts) + "\n");
    assertTrue(r.next());
    for (int i = 0; i < texts.length; i++) {
      assertEquals(Double.parseDouble(texts[i]), r.getDouble(i), texts[i]);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> scales() {
    return net.jqwik.api.Arbitraries.integers().between(0, 17);
  }

  @Test
  void fieldsSpanningChunkBoundariesSurvive() throws IOException {
    StringBuilder sb = new StringBuilder("id,text\n");
    String longText = "q".repeat(70_000);
    sb.append("1,\"").append(longText).append("\"\n2,").append(longText).append('\n');
    DelimitedReader r = reader(sb.toString());
    r.next();
    r.next();
    assertArrayEquals(new String[] {"1", longText}, r.fields());
    r.next();
    assertArrayEquals(new String[] {"2", longText}, r.fields());
  }
}
