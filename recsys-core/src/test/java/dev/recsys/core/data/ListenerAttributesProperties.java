package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.model.Listener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any table of listener attributes written as a {@code listeners:FILE} side file (quoted fields, missing values as
 * empty fields) reads back as the same listeners with the same attributes, in file order.
 */
class ListenerAttributesProperties {
  /** One row: an age (null: missing) and a label that may hold commas, quotes, spaces and line breaks. */
  record Row(Integer age, String label) {}

  @Provide
  Arbitrary<List<Row>> tables() {
    Arbitrary<Integer> ages = Arbitraries.integers().between(-5, 120).injectNull(0.2);
    Arbitrary<String> labels = Arbitraries.strings().withChars("ab ,\"\n;|\té").ofMinLength(0).ofMaxLength(8);
    return Combinators.combine(ages, labels).as(Row::new).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 200)
  void aWrittenTableReadsBackAsTheSameListeners(@ForAll("tables") List<Row> rows) throws IOException {
    Path dir = Files.createTempDirectory("attrs");
    try {
      StringBuilder sb = new StringBuilder("listener_id,age:numeric,label:categorical\n");
      List<Listener> expected = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        String label = r.label().strip();
        sb.append("l").append(i).append(',').append(r.age() == null ? "" : String.format(Locale.ROOT, "%d", r.age()))
            .append(",\"").append(label.replace("\"", "\"\"")).append("\"\n");
        Map<String, String> attrs = new LinkedHashMap<>();
        if (r.age() != null) {
          attrs.put("age", Integer.toString(r.age()));
        }
        if (!label.isBlank()) {
          attrs.put("label", label);
        }
        expected.add(new Listener("l" + i, Optional.empty(), attrs));
      }
      Path file = dir.resolve("attrs.csv");
      Files.writeString(file, sb, StandardCharsets.UTF_8);
      MusicDataset ds = Datasets.load("listeners:" + file, ReadOptions.STRICT);
      assertEquals(expected, ds.listeners());
      assertEquals(rows.size(), ds.report().rowsRead());
      assertEquals(0, ds.report().rowsSkipped());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
