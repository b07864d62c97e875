package dev.recsys.core.retrieval.internal;

import dev.recsys.core.spi.SearchFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Translates a {@link SearchFilter} into a Lucene filter query over the index's key and metadata fields. */
public final class LuceneFilters {
  /** Prefix of the indexed (not stored) field of each metadata field. */
  public static final String META_PREFIX = "m.";

  private LuceneFilters() {}

  /**
   * The filter query, or null when nothing is filtered.
   *
   * @param keyField the indexed key field
   * @param requiredTerm a term every hit must carry (e.g. a model version), or null
   */
  public static Query toQuery(SearchFilter filter, String keyField, Term requiredTerm) {
    if (filter.isEmpty() && requiredTerm == null) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean positive = false;
    if (requiredTerm != null) {
      b.add(new TermQuery(requiredTerm), Occur.FILTER);
      positive = true;
    }
    for (Map.Entry<String, Set<String>> e : filter.anyOf().entrySet()) {
      b.add(new TermInSetQuery(META_PREFIX + e.getKey(), bytes(e.getValue())), Occur.FILTER);
      positive = true;
    }
    if (!filter.excludeKeys().isEmpty()) {
      b.add(new TermInSetQuery(keyField, bytes(filter.excludeKeys())), Occur.MUST_NOT);
    }
    if (!positive) {
      b.add(MatchAllDocsQuery.INSTANCE, Occur.FILTER);
    }
    return b.build();
  }

  private static List<BytesRef> bytes(Set<String> values) {
    List<BytesRef> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(new BytesRef(v));
    }
    return out;
  }
}
