package dev.recsys.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SolrCloud that requires basic authentication (one node, {@code blockUnknown}): without credentials or with a
 * wrong password the index fails at once (no retries) with a message naming the cause and the settings to fix; with
 * the right password it works. The passwords come from environment variables the build sets for the tests.
 */
class SolrAuthenticationTest {
  /** User {@code solr}, password {@code SolrRocks} (the Solr reference guide's example hash). */
  private static final String SECURITY_JSON = """
      {"authentication": {"blockUnknown": true, "class": "solr.BasicAuthPlugin", "forwardCredentials": false,
         "credentials": {"solr": "IV0EHq1OnNrj6gvRCwvFwTrZ1+z1oBbnQdiVC3otuq0= Ndd7LKvVBAaZIF0QAVi1ekCfAJXr1GGfLtRUXhgrF8c="}},
       "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
         "permissions": [{"name": "all", "role": "admin"}], "user-role": {"solr": "admin"}}}
      """;
  private static SolrChildCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = SolrChildCluster.startSecured(1, SECURITY_JSON);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static SolrConfig.Builder config() {
    return SolrConfig.builder().zkHosts(cluster.zkHosts).collection("secured").dimension(4).maxRetries(3);
  }

  @Test
  void missingCredentialsAreRefusedNamingTheSettings() {
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> SolrVectorIndex.open(config().build()));
    assertTrue(e.getMessage().contains("401") && e.getMessage().contains("username") && e.getMessage().contains("passwordEnv"),
        e.getMessage());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "an authentication failure was retried");
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheUserAndVariable() {
    IOException e = assertThrows(IOException.class,
        () -> SolrVectorIndex.open(config().basicAuth("solr", "RECSYS_SOLR_TEST_WRONG_PASSWORD").build()));
    assertTrue(e.getMessage().contains("401") && e.getMessage().contains("'solr'")
        && e.getMessage().contains("RECSYS_SOLR_TEST_WRONG_PASSWORD"), e.getMessage());
  }

  @Test
  void theRightPasswordWorks() throws IOException {
    try (SolrVectorIndex idx = SolrVectorIndex.open(config().basicAuth("solr", "RECSYS_SOLR_TEST_PASSWORD").build())) {
      idx.upsert("a", new float[] {1, 0, 0, 0}, Metadata.EMPTY);
      idx.commit();
      assertEquals("a", idx.search(new float[] {1, 0, 0, 0}, 1, SearchFilter.NONE).get(0).key());
    }
  }
}
