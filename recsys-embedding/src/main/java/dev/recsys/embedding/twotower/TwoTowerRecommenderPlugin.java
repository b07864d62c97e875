package dev.recsys.embedding.twotower;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code two-tower} recommender plugin: the hybrid two-tower model ({@link HybridRecommenderTrainer}) selected
 * by name, e.g. by {@code recsys evaluate --models two-tower}. Fitted with a catalogue, the track tower sees the
 * tracks' content; fitted without one, tracks are known by id only. Retrieval is exact up to
 * {@value #EXACT_LIMIT} tracks and through Lucene HNSW above. Stateless.
 */
public final class TwoTowerRecommenderPlugin implements RecommenderPlugin<HybridConfig> {
  /** The plugin name. */
  public static final String NAME = "two-tower";
  /** Catalogues up to this size are searched exactly; larger ones through Lucene HNSW. */
  public static final int EXACT_LIMIT = 20_000;

  /** For {@link java.util.ServiceLoader}. */
  public TwoTowerRecommenderPlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "two-tower: listener tower over recent plays, track tower over id and content, softmax retrieval";
  }

  @Override
  public Class<HybridConfig> configType() {
    return HybridConfig.class;
  }

  @Override
  public HybridConfig defaultConfig() {
    return HybridConfig.defaults();
  }

  @Override
  public RecommenderTrainer create(HybridConfig config) {
    return RecommenderTrainer.withCatalog(NAME, (train, catalog) -> new HybridRecommenderTrainer(config,
        dim -> index(dim, train.items().size())).fit(train, catalog, TrainingListener.NONE));
  }

  /**
   * Reads a saved two-tower recommender ({@link TwoTowerRecommender#toContainer()}), indexing its tracks as a fit
   * does: exactly up to {@value #EXACT_LIMIT} tracks, through Lucene HNSW above.
   */
  @Override
  public TwoTowerRecommender load(ModelContainer container) throws ModelFormatException {
    return TwoTowerRecommender.load(container, "'" + NAME + "' model", TwoTowerRecommenderPlugin::index);
  }

  /**
   * An empty in-memory dot-product index: exact up to {@link #EXACT_LIMIT} expected vectors, Lucene HNSW above.
   *
   * @param dimension the vectors' dimension
   * @param expected how many vectors the index will hold (chooses exact or HNSW)
   * @return the index, open and empty
   */
  public static VectorIndex index(int dimension, int expected) {
    if (expected <= EXACT_LIMIT) {
      return ExactIndex.inMemory(dimension, Similarity.DOT_PRODUCT);
    }
    try {
      return LuceneHnswIndex.open(LuceneHnswConfig.builder().dimension(dimension).similarity(Similarity.DOT_PRODUCT)
          .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
