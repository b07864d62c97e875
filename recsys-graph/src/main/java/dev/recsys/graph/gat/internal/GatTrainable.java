package dev.recsys.graph.gat.internal;

import dev.recsys.core.kernels.Activations;
import dev.recsys.core.training.Trainable;
import dev.recsys.graph.gat.HeteroGraph;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Link prediction as a {@link Trainable}: an example is a position {@code p >= 1} of a session or playlist; the
 * prefix (at most {@code maxPrefix} tracks before {@code p}) is attention-pooled and must score the track at
 * {@code p} above {@code negatives} sampled tracks, alternately uniform over the tracks with plays and
 * popularity-proportional (the target of a random training example), with the BPR loss averaged over negatives. Neighbours are
 * sampled per node and step from the step's seed, so memory per step is bounded by batch, prefix, negatives and
 * neighbours whatever the graph size. Validation is recall@20 of the held-out last track of a seeded share of
 * sequences, ranked over all tracks (those examples are never trained on).
 */
public final class GatTrainable implements Trainable {
  private final GatNetwork net;
  private final float[] params;
  private final int neighbours;
  private final int negatives;
  private final int maxPrefix;
  private final int[] exSeq;
  private final int[] exPos;
  private final int[] exTarget;
  private final int[] valSeq;
  private final int[] warm;

  /** Prepares examples from the graph's sequences; {@code validationShare} of them (seeded) validate. */
  public GatTrainable(GatNetwork net, float[] params, int neighbours, int negatives, int maxPrefix, double validationShare,
      long seed) {
    this.net = net;
    this.params = params;
    this.neighbours = neighbours;
    this.negatives = negatives;
    this.maxPrefix = maxPrefix;
    HeteroGraph g = net.graph();
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int[] vs = new int[g.sequenceCount()];
    int nv = 0;
    int count = 0;
    boolean[] validation = new boolean[g.sequenceCount()];
    for (int s = 0; s < g.sequenceCount(); s++) {
      int len = g.sequence(s).length;
      if (len >= 3 && r.nextDouble() < validationShare) {
        validation[s] = true;
        vs[nv++] = s;
        count += len - 2;
      } else if (len >= 2) {
        count += len - 1;
      }
    }
    valSeq = Arrays.copyOf(vs, nv);
    int[] w = new int[g.tracks().size()];
    int nw = 0;
    for (int t = 0; t < w.length; t++) {
      if (g.plays(t) > 0) {
        w[nw++] = t;
      }
    }
    warm = Arrays.copyOf(w, nw);
    exSeq = new int[count];
    exPos = new int[count];
    exTarget = new int[count];
    int e = 0;
    for (int s = 0; s < g.sequenceCount(); s++) {
      int len = g.sequence(s).length;
      int end = validation[s] ? len - 1 : len;
      int[] seq = g.sequence(s);
      for (int p = 1; p < end; p++) {
        exSeq[e] = s;
        exPos[e] = p;
        exTarget[e] = seq[p];
        e++;
      }
    }
  }

  @Override
  public float[] parameters() {
    return params;
  }

  @Override
  public int trainingExamples() {
    return exSeq.length;
  }

  /** Number of validation sequences. */
  public int validationExamples() {
    return valSeq.length;
  }

  @Override
  public double gradient(int[] batch, float[] gradient, long batchSeed) {
    Arrays.fill(gradient, 0f);
    SplittableRandom random = new SplittableRandom(batchSeed);
    int nt = net.graph().tracks().size();
    int dim = net.dim();
    double loss = 0;
    float[] s = new float[dim];
    float[] ds = new float[dim];
    float[] g = new float[dim];
    for (int ex : batch) {
      int[] seq = net.graph().sequence(exSeq[ex]);
      int p = exPos[ex];
      int from = Math.max(0, p - maxPrefix);
      int n = p - from;
      GatNetwork.Node[] prefix = new GatNetwork.Node[n];
      float[][] outs = new float[n][];
      for (int k = 0; k < n; k++) {
        int t = seq[from + k];
        prefix[k] = net.forward(params, t, net.neighbours(t, neighbours, random));
        outs[k] = prefix[k].out;
      }
      float[] beta = net.pool(params, outs, n, s);
      int target = seq[p];
      GatNetwork.Node pos = net.forward(params, target, net.neighbours(target, neighbours, random));
      float posScore = dot(s, pos.out);
      Arrays.fill(ds, 0f);
      float[] dpos = new float[dim];
      for (int q = 0; q < negatives; q++) {
        int neg;
        if ((q & 1) == 1) {
          // popularity-proportional: the target of a random training example (resampled if it is the target)
          neg = exTarget[random.nextInt(exTarget.length)];
          for (int tries = 0; neg == target && tries < 8; tries++) {
            neg = exTarget[random.nextInt(exTarget.length)];
          }
          if (neg == target) {
            neg = (target + 1) % nt;
          }
        } else {
          // uniform over tracks with plays: tracks without interactions keep their initial embedding and are
          // scored through their artist and genre messages rather than being pushed down as negatives
          neg = warm[random.nextInt(warm.length)];
          if (neg == target) {
            neg = warm[random.nextInt(warm.length)];
          }
          if (neg == target) {
            neg = (target + 1) % nt;
          }
        }
        GatNetwork.Node nn = net.forward(params, neg, net.neighbours(neg, neighbours, random));
        float diff = posScore - dot(s, nn.out);
        loss += Activations.softplus(-diff) / negatives;
        float coef = (float) (-Activations.sigmoid(-diff) / negatives) / batch.length;
        for (int i = 0; i < dim; i++) {
          ds[i] += coef * (pos.out[i] - nn.out[i]);
          dpos[i] += coef * s[i];
          g[i] = -coef * s[i];
        }
        net.backward(params, nn, g, gradient);
      }
      net.backward(params, pos, dpos, gradient);
      float[][] douts = new float[n][dim];
      net.poolBackward(params, outs, n, beta, ds, gradient, douts);
      for (int k = 0; k < n; k++) {
        net.backward(params, prefix[k], douts[k], gradient);
      }
    }
    return loss / batch.length;
  }

  @Override
  public double validate() {
    if (valSeq.length == 0) {
      return Double.NaN;
    }
    float[] emb = net.embedAll(params, neighbours);
    int dim = net.dim();
    int nt = net.graph().tracks().size();
    float[] s = new float[dim];
    int hits = 0;
    for (int v : valSeq) {
      int[] seq = net.graph().sequence(v);
      int p = seq.length - 1;
      int from = Math.max(0, p - maxPrefix);
      int n = p - from;
      float[][] outs = new float[n][];
      for (int k = 0; k < n; k++) {
        outs[k] = Arrays.copyOfRange(emb, seq[from + k] * dim, seq[from + k] * dim + dim);
      }
      net.pool(params, outs, n, s);
      int target = seq[p];
      float ts = 0;
      for (int i = 0; i < dim; i++) {
        ts += s[i] * emb[target * dim + i];
      }
      int better = 0;
      for (int t = 0; t < nt && better < 20; t++) {
        if (t == target) {
          continue;
        }
        float sc = 0;
        for (int i = 0; i < dim; i++) {
          sc += s[i] * emb[t * dim + i];
        }
        if (sc > ts) {
          better++;
        }
      }
      if (better < 20) {
        hits++;
      }
    }
    return hits / (double) valSeq.length;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

}
