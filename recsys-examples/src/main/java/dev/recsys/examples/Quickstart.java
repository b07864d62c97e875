package dev.recsys.examples;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.PcaAutoencoderEmbedder;
import dev.recsys.embedding.PcaAutoencoderModel;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Library use in about 20 lines: load a catalogue, embed it, index it, find similar tracks and smart-shuffle.
 * Run: {@code ./recsys example quickstart}.
 */
public final class Quickstart {
  private Quickstart() {}

  /** Runs the example on a small synthetic world. */
  public static void main(String[] args) throws Exception {
    Catalog catalog = SyntheticWorld.generate(SynthConfig.builder().tracks(3_000).listeners(10).seed(1).build()).catalog();
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    PcaAutoencoderModel model = new PcaAutoencoderEmbedder(AutoencoderConfig.builder().epochs(10).seed(1).build())
        .fit(x, TrainingListener.NONE);
    FeatureMatrix vectors = model.embedAll(x);

    List<Metadata> meta = new ArrayList<>();
    catalog.tracks().forEach(t -> meta.add(Metadata.builder().put("title", t.displayTitle()).put("genre", t.genres()).build()));
    try (LuceneHnswIndex index = LuceneHnswIndex.open(LuceneHnswConfig.builder().dimension(vectors.cols()).build())) {
      index.upsertAll(catalog.ids().ids(), vectors.data(), meta, 2);
      index.commit();
      for (SearchHit h : index.searchByKey(catalog.get(0).id(), 3, SearchFilter.NONE)) {
        System.out.printf("similar to %s: %s (%.3f)%n", catalog.get(0).displayTitle(), h.metadata().first("title"), h.score());
      }
    }

    TrackVectors tv = new TrackVectors(catalog.ids().ids(), vectors.cols(), vectors.data(), meta);
    SimilarityGraph graph = SimilarityGraphBuilder.exact(tv, catalog, SimilarityGraphConfig.defaults()).graph();
    SoftmaxWalkSampler shuffle = SoftmaxWalkSampler.create(graph, TrackAttributes.of(catalog), SoftmaxWalkConfig.defaults());
    for (int t : shuffle.walk(0, 8, new ListeningHistory(catalog.size(), 50), new SplittableRandom(1))) {
      Track track = catalog.get(t);
      System.out.println("shuffle: " + track.displayTitle() + " " + track.genres());
    }
  }
}
