package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.AutoencoderFit;
import dev.recsys.embedding.EmbeddingQualityReport;
import dev.recsys.embedding.NeighbourhoodQuality;
import dev.recsys.embedding.PcaAutoencoderEmbedder;
import dev.recsys.embedding.TrackGroups;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 1: the label agreement of the nearest neighbours of PCA + autoencoder vectors against raw features, PCA
 * and chance, as {@code recsys embed} reports it (features without genre columns, the library's default autoencoder),
 * with bootstrap intervals over the tracks. The held-out protocol with paired differences and the playlist-aware
 * embedding is {@link EmbeddingEvaluation} ({@code recsys evaluate-embeddings}).
 */
final class EmbeddingSection {
  private EmbeddingSection() {}

  /** Embeds {@code catalog}, adds its tables to {@code section} and returns the track vectors (PCA + autoencoder). */
  static TrackVectors run(SectionBuilder section, String dataset, Catalog catalog,
      List<NeighbourhoodQuality.Labels> labels, QualityConfig cfg) {
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    AutoencoderConfig ac = AutoencoderConfig.DEFAULT.toBuilder().epochs(cfg.autoencoderEpochs()).seed(cfg.seed())
        .build();
    AutoencoderFit fit = new PcaAutoencoderEmbedder(ac).fitWithReport(x, TrackGroups.byArtist(catalog),
        TrainingListener.NONE);
    FeatureMatrix vectors = fit.model().embedAll(x);
    section.log(String.format(Locale.ROOT, "%s: %d features -> PCA %d -> autoencoder %d, %d epochs", dataset,
        x.cols(), fit.report().pcaComponents(), vectors.cols(), fit.report().training().epochsRun()));
    NeighbourhoodQuality nq = new NeighbourhoodQuality(cfg.neighbours());
    Map<String, List<NeighbourhoodQuality.ItemScores>> byEmbedding = new LinkedHashMap<>();
    byEmbedding.put("raw features", nq.evaluatePerItem("raw", x, labels));
    byEmbedding.put("PCA", nq.evaluatePerItem("pca", fit.model().pca().embedAll(x), labels));
    byEmbedding.put("PCA + autoencoder", nq.evaluatePerItem("pca-autoencoder", vectors, labels));
    List<NeighbourhoodQuality.Score> scores = new ArrayList<>();
    for (int l = 0; l < labels.size(); l++) {
      Map<String, Estimate> baselines = new LinkedHashMap<>();
      NeighbourhoodQuality.ItemScores model = byEmbedding.get("PCA + autoencoder").get(l);
      for (Map.Entry<String, List<NeighbourhoodQuality.ItemScores>> e : byEmbedding.entrySet()) {
        NeighbourhoodQuality.ItemScores s = e.getValue().get(l);
        scores.add(s.score());
        if (s != model) {
          baselines.put(e.getKey(), Estimate.bootstrap(s.agreement(), cfg.bootstrap(), 0.95, cfg.seed()));
        }
      }
      NeighbourhoodQuality.Score ms = model.score();
      baselines.put("chance", Intervals.point(ms.chance(), ms.items()));
      section.table(dataset, labels.get(l).name() + " agreement@" + cfg.neighbours(), true,
          "percentile bootstrap over tracks (" + cfg.bootstrap() + " resamples)", "PCA + autoencoder",
          Estimate.bootstrap(model.agreement(), cfg.bootstrap(), 0.95, cfg.seed()), baselines);
    }
    EmbeddingQualityReport report = fit.report().withNeighbourhood(scores);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("tracks", catalog.size());
    d.put("featureColumns", x.cols());
    d.put("pcaComponents", report.pcaComponents());
    d.put("dimension", report.dimension());
    d.put("epochsRun", report.training().epochsRun());
    d.put("bestEpoch", report.training().bestEpoch());
    d.put("reconstruction", report.reconstruction());
    d.put("neighbourhood", report.neighbourhood());
    section.detail(dataset, d);
    List<String> ids = catalog.ids().ids();
    return new TrackVectors(ids, vectors.cols(), vectors.data(), Collections.nCopies(ids.size(), Metadata.EMPTY));
  }
}
