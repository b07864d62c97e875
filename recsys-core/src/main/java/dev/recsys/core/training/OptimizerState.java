package dev.recsys.core.training;

/** The moments of an optimizer over a flat parameter vector; plain loops, no allocation per step. */
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
    step++;
    if (config.clipNorm() > 0) {
      double sq = 0;
      for (float g : grad) {
        sq += (double) g * g;
      }
      double norm = Math.sqrt(sq);
      if (norm > config.clipNorm()) {
        float s = (float) (config.clipNorm() / norm);
        for (int i = 0; i < grad.length; i++) {
          grad[i] *= s;
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
      for (int i = 0; i < params.length; i++) {
        float g = grad[i];
        float m = b1 * first[i] + (1 - b1) * g;
        float v = b2 * second[i] + (1 - b2) * g * g;
        first[i] = m;
        second[i] = v;
        params[i] -= stepSize * m / ((float) Math.sqrt(v) + eps) + decay * params[i];
      }
    } else {
      float mu = (float) config.momentum();
      float flr = (float) lr;
      float wd = (float) config.weightDecay();
      for (int i = 0; i < params.length; i++) {
        float g = grad[i] + wd * params[i];
        float vel = mu * first[i] + g;
        first[i] = vel;
        params[i] -= flr * vel;
      }
    }
  }
}
