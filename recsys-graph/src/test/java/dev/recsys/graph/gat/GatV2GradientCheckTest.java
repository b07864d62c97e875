package dev.recsys.graph.gat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.graph.gat.internal.ContentGatNetwork;
import dev.recsys.graph.gat.internal.ContentGatTrainable;
import dev.recsys.graph.gat.internal.TrackContent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GatV2GradientCheckTest {
  @Test
  void analyticGradientMatchesFiniteDifferencesThroughTwoLayers() {
    var world = GatFixtures.small();
    HeteroGraph g = HeteroGraph.build(world.catalog(), world.interactions(), GraphConfig.defaults());
    ContentGatNetwork net = new ContentGatNetwork(g, TrackContent.build(g, world.catalog()), 8, new int[] {3, 3});
    float[] p = net.initialParameters(3);
    SplittableRandom init = new SplittableRandom(4);
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (init.nextDouble(-0.3, 0.3)); // id embeddings and pooling away from zero
    }
    ContentGatTrainable tr = new ContentGatTrainable(net, p, 4, 6, 0.5, 0.3, new int[0][], new int[0][]);
    int[] batch = {0, 5, 17, 40};
    float[] grad = new float[p.length];
    tr.gradient(batch, grad, 99);
    float[] scratch = new float[p.length];
    List<Integer> coords = new ArrayList<>();
    int denseStart = p.length - 8 - 1 - 2 * (8 * 8 + 1 + 4) - 8 - 8 * TrackContent.RAW * 2;
    for (int i = denseStart; i < p.length; i++) {
      coords.add(i);
    }
    for (int i = 0; i < denseStart && coords.size() < (p.length - denseStart) + 200; i++) {
      if (Math.abs(grad[i]) > 1e-4) {
        coords.add(i);
      }
    }
    int checked = 0;
    int bad = 0;
    int withGradient = 0;
    StringBuilder report = new StringBuilder();
    for (int i : coords) {
      float old = p[i];
      double eps = 3e-3;
      p[i] = (float) (old + eps);
      double up = tr.gradient(batch, scratch, 99);
      p[i] = (float) (old - eps);
      double down = tr.gradient(batch, scratch, 99);
      p[i] = old;
      double numeric = (up - down) / (2 * eps);
      double err = Math.abs(numeric - grad[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[i]));
      if (err > 0.05 && Math.abs(numeric - grad[i]) > 2e-4) {
        bad++;
        report.append(i).append(": analytic ").append(grad[i]).append(" numeric ").append(numeric).append('\n');
      }
      if (Math.abs(grad[i]) > 1e-4) {
        withGradient++;
      }
      checked++;
    }
    assertTrue(withGradient > 150, "too little gradient: " + withGradient);
    assertTrue(bad <= checked / 100, bad + " of " + checked + " coordinates disagree:\n" + report);
  }
}
