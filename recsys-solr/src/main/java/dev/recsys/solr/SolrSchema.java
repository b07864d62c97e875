package dev.recsys.solr;

import dev.recsys.core.spi.Similarity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The configset of a recsys collection: a minimal {@code solrconfig.xml} (update log, automatic hard commits without
 * opening a searcher, real-time get) and a {@code schema.xml} with the key, the dense vector field, the stored
 * metadata, one indexed field per metadata field for filters, and the model version.
 */
final class SolrSchema {
  /** The unique key. */
  static final String ID = "id";
  /** The dense vector field. */
  static final String VECTOR = "vector";
  /** Stored metadata (JSON, field order and empty fields kept). */
  static final String META = "meta";
  /** Model version of an embedding-store entry. */
  static final String MODEL_VERSION = "model_version";
  /** The field type of {@link #VECTOR}, read back to check an existing collection. */
  static final String VECTOR_TYPE = "recsys_vector";
  /** Prefix of the indexed metadata fields. */
  static final String META_PREFIX = "m_";

  private SolrSchema() {}

  /** Lucene's name of the similarity; dot product uses maximum inner product, which allows vectors of any length. */
  static String similarityFunction(Similarity s) {
    return switch (s) {
      case COSINE -> "cosine";
      case DOT_PRODUCT -> "maximum_inner_product";
      case EUCLIDEAN -> "euclidean";
    };
  }

  /** The similarity as {@link Similarity} defines it, from the Lucene score Solr returns. */
  static float score(Similarity s, float luceneScore) {
    return switch (s) {
      case COSINE -> 2 * luceneScore - 1;
      case DOT_PRODUCT -> luceneScore < 1 ? 1 - 1 / luceneScore : luceneScore - 1;
      case EUCLIDEAN -> luceneScore;
    };
  }

  /**
   * The indexed field of a metadata field: {@code m_} and the name with every character other than an ASCII letter or
   * digit written as {@code _XXXX} (hex), so distinct names give distinct fields.
   */
  static String metaField(String name) {
    StringBuilder b = new StringBuilder(META_PREFIX);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        b.append(c);
      } else {
        b.append('_').append(String.format("%04x", (int) c));
      }
    }
    return b.toString();
  }

  static String schemaXml(SolrConfig c) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by recsys-solr: %s -->
        <schema name="recsys-vectors" version="1.7">
          <uniqueKey>id</uniqueKey>
          <fieldType name="string" class="solr.StrField" sortMissingLast="true"/>
          <fieldType name="plong" class="solr.LongPointField"/>
          <fieldType name="%s" class="solr.DenseVectorField" vectorDimension="%d" similarityFunction="%s"
                     knnAlgorithm="hnsw" hnswMaxConnections="%d" hnswBeamWidth="%d"/>
          <field name="id" type="string" indexed="true" stored="true" docValues="true" required="true"/>
          <field name="_version_" type="plong" indexed="false" stored="false" docValues="true"/>
          <field name="vector" type="%s" indexed="true" stored="true" required="true"/>
          <field name="meta" type="string" indexed="false" stored="true" docValues="false"/>
          <field name="model_version" type="string" indexed="true" stored="true" docValues="false"/>
          <dynamicField name="m_*" type="string" indexed="true" stored="false" docValues="false" multiValued="true"/>
        </schema>
        """.formatted(c.collection(), VECTOR_TYPE, c.dimension(), similarityFunction(c.similarity()), c.maxConnections(),
        c.beamWidth(), VECTOR_TYPE);
  }

  static String solrconfigXml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by recsys-solr: near-real-time visibility is driven by the client (soft commits on refresh, hard
             commits on commit); the server hard-commits every 15 s without opening a searcher to bound its log. -->
        <config>
          <luceneMatchVersion>9.0</luceneMatchVersion>
          <dataDir>${solr.data.dir:}</dataDir>
          <directoryFactory name="DirectoryFactory" class="${solr.directoryFactory:solr.NRTCachingDirectoryFactory}"/>
          <schemaFactory class="ClassicIndexSchemaFactory"/>
          <codecFactory class="solr.SchemaCodecFactory"/>
          <indexConfig><lockType>${solr.lock.type:native}</lockType></indexConfig>
          <updateHandler class="solr.DirectUpdateHandler2">
            <updateLog><str name="dir">${solr.ulog.dir:}</str></updateLog>
            <autoCommit><maxTime>${solr.autoCommit.maxTime:15000}</maxTime><openSearcher>false</openSearcher></autoCommit>
          </updateHandler>
          <query>
            <maxBooleanClauses>${solr.max.booleanClauses:1024}</maxBooleanClauses>
            <filterCache size="512" initialSize="128" autowarmCount="0"/>
            <useColdSearcher>false</useColdSearcher>
          </query>
          <requestHandler name="/select" class="solr.SearchHandler">
            <lst name="defaults"><str name="echoParams">none</str></lst>
          </requestHandler>
        </config>
        """;
  }

  /** The configset as a zip, for the ConfigSets API's upload. */
  static byte[] configsetZip(SolrConfig c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("solrconfig.xml"));
      zip.write(solrconfigXml().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("schema.xml"));
      zip.write(schemaXml(c).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
