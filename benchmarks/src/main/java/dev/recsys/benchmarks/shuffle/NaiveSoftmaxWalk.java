package dev.recsys.benchmarks.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.WalkFeatures;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The straightforward way to write a softmax-walk step, as the baseline of {@link NextTrackStepBenchmark}: candidate
 * lists and feature maps per step, boxed values, lists of recent artists and clusters rebuilt each time. Same
 * features and numbers as the built-in eight of the default weights ({@code similarity, recency, never-played,
 * same-artist, artist-recent, key, tempo, diversity}); a feature without a weight contributes nothing.
 */
final class NaiveSoftmaxWalk {
  private final SimilarityGraph graph;
  private final TrackAttributes at;
  private final Map<String, Double> weights;
  private final double halfLife;
  private final double tempoScale;
  private final int window;

  NaiveSoftmaxWalk(SimilarityGraph graph, TrackAttributes at, Map<String, Double> weights, double halfLife, double tempoScale, int window) {
    this.graph = graph;
    this.at = at;
    this.weights = weights;
    this.halfLife = halfLife;
    this.tempoScale = tempoScale;
    this.window = window;
  }

  int sample(int current, ListeningHistory h, RandomGenerator random) {
    LinkedHashSet<Integer> cands = new LinkedHashSet<>();
    Map<Integer, Double> sim = new LinkedHashMap<>();
    for (int r = 0; r < graph.degree(current); r++) {
      int t = graph.neighbour(current, r);
      if (cands.add(t)) {
        sim.put(t, (double) graph.weight(current, r));
      }
    }
    List<Integer> recentClusters = new ArrayList<>();
    List<Integer> recentArtists = new ArrayList<>();
    for (int i = 0; i < Math.min(window, h.recentCount()); i++) {
      recentClusters.add(at.cluster(h.recent(i)));
      recentArtists.add(at.artist(h.recent(i)));
    }
    List<Integer> list = new ArrayList<>(cands);
    List<Double> scores = new ArrayList<>();
    for (Integer t : list) {
      Map<String, Double> f = new LinkedHashMap<>();
      f.put(WalkFeatures.SIMILARITY, sim.getOrDefault(t, 0.0));
      int ago = h.playsSince(t);
      f.put(WalkFeatures.RECENCY, ago < 0 ? 0.0 : Math.pow(2, -(ago - 1) / halfLife));
      f.put(WalkFeatures.NEVER_PLAYED, ago < 0 ? 1.0 : 0.0);
      int a = at.artist(current);
      f.put(WalkFeatures.SAME_ARTIST, a >= 0 && at.artist(t) == a ? 1.0 : 0.0);
      int ta = at.artist(t);
      f.put(WalkFeatures.ARTIST_RECENT, ta >= 0 && recentArtists.contains(ta) ? 1.0 : 0.0);
      f.put(WalkFeatures.KEY, WalkFeatures.keyCompatibility(at.key(current), at.mode(current), at.key(t), at.mode(t)));
      float b1 = at.tempo(current);
      float b2 = at.tempo(t);
      f.put(WalkFeatures.TEMPO, Float.isNaN(b1) || Float.isNaN(b2) ? 0.0 : 1.0 / (1.0 + Math.pow((b1 - b2) / tempoScale, 2)));
      int c = at.cluster(t);
      long same = recentClusters.stream().filter(x -> x == c).count();
      f.put(WalkFeatures.DIVERSITY, c < 0 ? 0.0 : recentClusters.isEmpty() ? 1.0 : 1.0 - (double) same / recentClusters.size());
      double s = 0;
      for (Map.Entry<String, Double> e : f.entrySet()) {
        s += weights.getOrDefault(e.getKey(), 0.0) * e.getValue();
      }
      scores.add(s);
    }
    if (list.isEmpty()) {
      return (current + 1) % at.size();
    }
    double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<Double> p = scores.stream().map(s -> Math.exp(s - max)).toList();
    double sum = p.stream().mapToDouble(Double::doubleValue).sum();
    double u = random.nextDouble() * sum;
    double acc = 0;
    for (int i = 0; i < list.size(); i++) {
      acc += p.get(i);
      if (u < acc) {
        return list.get(i);
      }
    }
    return list.get(list.size() - 1);
  }
}
