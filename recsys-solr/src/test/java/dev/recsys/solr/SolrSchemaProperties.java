package dev.recsys.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Similarity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;

/** The field-name encoding and the score conversions of {@link SolrSchema}, without a cluster. */
class SolrSchemaProperties {
  @Property(tries = 500)
  void distinctMetadataNamesGetDistinctSolrFields(@ForAll String a, @ForAll String b) {
    String fa = SolrSchema.metaField(a);
    assertTrue(fa.matches("m_[A-Za-z0-9_]*"), fa);
    if (!a.equals(b)) {
      assertNotEquals(fa, SolrSchema.metaField(b), a + " / " + b);
    }
  }

  @Property(tries = 500)
  void cosineScoresMapBackToTheCosine(@ForAll @FloatRange(min = -1, max = 1) float cos) {
    float lucene = (1 + cos) / 2;
    assertEquals(cos, SolrSchema.score(Similarity.COSINE, lucene), 1e-6);
  }

  @Property(tries = 500)
  void maximumInnerProductScoresMapBackToTheDotProduct(@ForAll @FloatRange(min = -1000, max = 1000) float dot) {
    float lucene = dot < 0 ? 1 / (1 - dot) : dot + 1;
    assertEquals(dot, SolrSchema.score(Similarity.DOT_PRODUCT, lucene), 1e-4 * Math.max(1, Math.abs(dot)));
  }
}
