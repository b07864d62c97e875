package dev.recsys.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.model.Interactions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFileTest {
  @Test
  void aWrittenSplitReadsBackToTheSameRows(@TempDir Path dir) throws Exception {
    Interactions base = EvalFixtures.clustered(40, 30, 3, 8, 2);
    Interactions.Builder b = Interactions.builder();
    for (int r = 0; r < base.size(); r++) {
      b.add(base.users().id(base.user(r)), base.items().id(base.item(r)), base.weight(r), base.timestamp(r), false);
    }
    Interactions data = b.add("odd, \"quoted\" user", "t1", 1, 7, false).add("odd, \"quoted\" user", "t1", 1, 7, false)
        .add("odd, \"quoted\" user", "t2", 1, 9, false).build();
    Split s = TemporalSplit.lastFraction(0.25, 1).split(data);
    Path f = dir.resolve("split.csv");
    SplitFile.write(f, s);
    assertTrue(Files.readString(f).startsWith(SplitFile.HEADER + "\n"));
    Split back = SplitFile.read(f, data);
    assertArrayEquals(s.trainRows(), back.trainRows());
    assertArrayEquals(s.testRows(), back.testRows());
    assertEquals(s.numTestUsers(), back.numTestUsers());
    for (int p = 0; p < s.numTestUsers(); p++) {
      assertArrayEquals(s.heldOut(p), back.heldOut(p));
    }
  }

  @Test
  void aFileOfAnotherDatasetFailsNamingTheLine(@TempDir Path dir) throws Exception {
    Interactions data = EvalFixtures.clustered(10, 12, 2, 4, 3);
    Path f = dir.resolve("split.csv");
    Files.writeString(f, SplitFile.HEADER + "\nu0,nope,5,train\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> SplitFile.read(f, data));
    assertTrue(e.getMessage().contains("split.csv") && e.getMessage().contains("2") && e.getMessage().contains("nope"),
        e.getMessage());
    Files.writeString(f, "user,item,part\n");
    assertThrows(DataFormatException.class, () -> SplitFile.read(f, data));
    Split s = TemporalSplit.lastN(1, 1).split(data);
    SplitFile.write(f, s);
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
    lines.set(1, lines.get(1).replace(",train", ",later").replace(",test", ",later"));
    Files.write(f, lines);
    e = assertThrows(DataFormatException.class, () -> SplitFile.read(f, data));
    assertTrue(e.getMessage().contains("later"), e.getMessage());
    lines.remove(1);
    Files.write(f, lines);
    e = assertThrows(DataFormatException.class, () -> SplitFile.read(f, data));
    assertTrue(e.getMessage().contains("dataset has " + data.size()), e.getMessage());
  }
}
