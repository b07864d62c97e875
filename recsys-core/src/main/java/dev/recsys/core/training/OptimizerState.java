package dev.recsys.core.training;

import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * The moments of an optimizer over a flat parameter vector; plain loops, Adam's over blocks of a long row range in
 * parallel (element-wise, so the result does not depend on the number of threads).
 *
 * <p>A dense step ({@link #apply(float[], float[], double)}) updates every parameter. A row-sparse step ({@link
 * #apply(float[], float[], double, int[])}) updates only the given rows with exactly the arithmetic of the dense
 * step, so on those rows both give the same bits; the moments of the other rows are left as they are ("lazy" Adam:
 * they are not decayed, and weight decay is not applied to them), while the step counter of the bias correction
 * advances for the whole vector.
 */
final class OptimizerState {
  final OptimizerConfig config;
  final float[] first;
  final float[] second;
  long step;

  OptimizerState(OptimizerConfig config, int size) {
    this.config = config;
    this.first = new float[size];
    this.second = config.kind() == OptimizerConfig.Kind.ADAM ? new float[size] : new float[0];
  }

  /** Applies one update with learning rate {@code lr}; {@code grad} may be rescaled in place by clipping. */
  void apply(float[] params, float[] grad, double lr) {
    apply(params, grad, lr, new int[] {0, params.length});
  }

  /**
   * Applies one update to {@code rows} only ({@code start, end} pairs, sorted and disjoint); the gradient is taken
   * as zero elsewhere and is read only inside the rows, where clipping may rescale it in place.
   */
  void apply(float[] params, float[] grad, double lr, int[] rows) {
    step++;
    if (config.clipNorm() > 0) {
      double sq = 0;
      for (int r = 0; r < rows.length; r += 2) {
        for (int i = rows[r]; i < rows[r + 1]; i++) {
          sq += (double) grad[i] * grad[i];
        }
      }
      double norm = Math.sqrt(sq);
      if (norm > config.clipNorm()) {
        float s = (float) (config.clipNorm() / norm);
        for (int r = 0; r < rows.length; r += 2) {
          for (int i = rows[r]; i < rows[r + 1]; i++) {
            grad[i] *= s;
          }
        }
      }
    }
    if (config.kind() == OptimizerConfig.Kind.ADAM) {
      float b1 = (float) config.beta1();
      float b2 = (float) config.beta2();
      double c1 = 1 - Math.pow(config.beta1(), step);
      double c2 = 1 - Math.pow(config.beta2(), step);
      float stepSize = (float) (lr * Math.sqrt(c2) / c1);
      float eps = (float) (config.epsilon() * Math.sqrt(c2));
      float decay = (float) (lr * config.weightDecay());
      // element-wise, so the blocks may run in parallel without changing a bit of the result
      BiConsumer<Integer, Integer> adam = (from, to) -> {
        for (int i = from; i < to; i++) {
          float g = grad[i];
          float m = b1 * first[i] + (1 - b1) * g;
          float v = b2 * second[i] + (1 - b2) * g * g;
          first[i] = m;
          second[i] = v;
          params[i] -= stepSize * m / ((float) Math.sqrt(v) + eps) + decay * params[i];
        }
      };
      for (int r = 0; r < rows.length; r += 2) {
        forBlocks(rows[r], rows[r + 1], adam);
      }
    } else {
      float mu = (float) config.momentum();
      float flr = (float) lr;
      float wd = (float) config.weightDecay();
      for (int r = 0; r < rows.length; r += 2) {
        for (int i = rows[r]; i < rows[r + 1]; i++) {
          float g = grad[i] + wd * params[i];
          float vel = mu * first[i] + g;
          first[i] = vel;
          params[i] -= flr * vel;
        }
      }
    }
  }

  /** Elements per block of a parallel update. */
  private static final int BLOCK = 1 << 16;

  /** Runs {@code body} over {@code [from, to)} in blocks, in parallel when there are several. */
  private static void forBlocks(int from, int to, BiConsumer<Integer, Integer> body) {
    int blocks = (to - from + BLOCK - 1) / BLOCK;
    if (blocks <= 1) {
      body.accept(from, to);
      return;
    }
    IntStream.range(0, blocks).parallel()
        .forEach(b -> body.accept(from + b * BLOCK, Math.min(to, from + (b + 1) * BLOCK)));
  }
}
