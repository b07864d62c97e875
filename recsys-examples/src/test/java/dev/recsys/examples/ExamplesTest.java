package dev.recsys.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The runnable examples run to the end and print what they promise. */
class ExamplesTest {
  interface Main {
    void run() throws Exception;
  }

  static String capture(Main main) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void customPluginsAreSelectedFromYaml() throws Exception {
    String out = capture(() -> CustomPlugins.main(new String[0]));
    assertTrue(out.contains("data=tsv-catalog"), out);
    assertTrue(out.contains("index=linear-scan"), out);
    assertTrue(out.contains("like 'Morning Dew': Slow River (folk)"), out);
  }

  @Test
  void ownRecommenderIsEvaluatedBesideTheBaselines() throws Exception {
    String out = capture(() -> EvaluateYourRecommender.main(new String[0]));
    assertTrue(out.contains("recently-popular"), out);
    assertTrue(out.contains("itemknn"), out);
  }

  @Test
  void quickstartEmbedsIndexesAndShuffles() throws Exception {
    String out = capture(() -> Quickstart.main(new String[0]));
    assertTrue(out.lines().filter(l -> l.startsWith("similar to ")).count() == 3, out);
    assertTrue(out.lines().filter(l -> l.startsWith("shuffle: ")).count() == 8, out);
  }

  @Test
  void customFeatureAppearsInTheExplanation() throws Exception {
    String out = capture(() -> SameDecadeFeature.main(new String[0]));
    assertTrue(out.contains("same-decade"), out);
    assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("same-decade")), out);
  }
}
