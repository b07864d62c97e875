package dev.recsys.graph.internal;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link WalkKernel}: one vector of candidates at a time with the preferred double species (8 lanes
 * with AVX-512), the int and float inputs in the species of the same lane count. Whole vectors are read and written
 * (the arrays are padded); only the maximum and the subnormal check mask the lanes past {@code n}.
 *
 * <p>The exponential is {@link Exp#exp} lane-wise (the same operations in the same order, its limits blended in),
 * and the sum of the exponentials keeps the eight partial sums of {@link WalkKernel#sum} in the lanes of one vector
 * (two with 256-bit vectors). Loaded reflectively by {@link WalkKernel} only when {@code jdk.incubator.vector} is
 * resolved.
 */
final class PanamaWalkKernel extends WalkKernel {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  @Override
  public String name() {
    return "panama-" + D.vectorBitSize();
  }

  @Override
  public void widen(float[] src, int n, double[] out, int off) {
    for (int i = 0; i < n; i += L) {
      ((DoubleVector) FloatVector.fromArray(F, src, i).convertShape(VectorOperators.F2D, D, 0)).intoArray(out, off + i);
    }
  }

  @Override
  public void negative(int[] x, int n, double[] out, int off) {
    DoubleVector zero = DoubleVector.zero(D);
    for (int i = 0; i < n; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(I, x, i).compare(VectorOperators.LT, 0);
      zero.blend(1.0, m.cast(D)).intoArray(out, off + i);
    }
  }

  @Override
  public void equal(int[] x, int value, int n, double[] out, int off) {
    DoubleVector zero = DoubleVector.zero(D);
    for (int i = 0; i < n; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(I, x, i).compare(VectorOperators.EQ, value);
      zero.blend(1.0, m.cast(D)).intoArray(out, off + i);
    }
  }

  @Override
  public void positive(int[] x, int n, double[] out, int off) {
    DoubleVector zero = DoubleVector.zero(D);
    for (int i = 0; i < n; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(I, x, i).compare(VectorOperators.GT, 0);
      zero.blend(1.0, m.cast(D)).intoArray(out, off + i);
    }
  }

  @Override
  public void differ(int[] x, int value, double v, int n, double[] out, int off) {
    DoubleVector zero = DoubleVector.zero(D);
    for (int i = 0; i < n; i += L) {
      IntVector c = IntVector.fromArray(I, x, i);
      VectorMask<Integer> m = c.compare(VectorOperators.GE, 0).and(c.compare(VectorOperators.NE, value));
      zero.blend(v, m.cast(D)).intoArray(out, off + i);
    }
  }

  @Override
  public void complementShare(int[] x, double inv, int n, double[] out, int off) {
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector one = DoubleVector.broadcast(D, 1.0);
    for (int i = 0; i < n; i += L) {
      IntVector c = IntVector.fromArray(I, x, i);
      DoubleVector share = ((DoubleVector) c.convertShape(VectorOperators.I2D, D, 0)).mul(inv);
      one.sub(share).blend(zero, c.compare(VectorOperators.LT, 0).cast(D)).intoArray(out, off + i);
    }
  }

  @Override
  public void cauchy(float a, float[] b, double inverseScale, int n, double[] out, int off) {
    FloatVector av = FloatVector.broadcast(F, a);
    DoubleVector one = DoubleVector.broadcast(D, 1.0);
    for (int i = 0; i < n; i += L) {
      FloatVector bv = FloatVector.fromArray(F, b, i);
      DoubleVector z = ((DoubleVector) av.sub(bv).convertShape(VectorOperators.F2D, D, 0)).mul(inverseScale);
      DoubleVector v = one.div(one.add(z.mul(z)));
      v.blend(0.0, bv.test(VectorOperators.IS_NAN).cast(D)).intoArray(out, off + i);
    }
  }

  @Override
  public double score(double[] cols, int cap, int[] order, int from, int f, double[] w, double invT, int n,
      double[] s) {
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i += L) {
      DoubleVector acc = from == 0 ? DoubleVector.zero(D) : DoubleVector.fromArray(D, s, i);
      for (int k = from; k < f; k++) {
        int j = order[k];
        acc = acc.add(DoubleVector.fromArray(D, cols, j * cap + i).mul(w[j]));
      }
      acc = acc.mul(invT);
      acc.intoArray(s, i);
      max = max.max(acc.blend(Double.NEGATIVE_INFINITY, D.indexInRange(i, n).not()));
    }
    return max.reduceLanes(VectorOperators.MAX);
  }

  @Override
  public double scoreHistory(int[] kinds, double[] w, double[] recency, int[] playsAgo, int[] artistRecent,
      int[] clusterRecent, double share, int[] cluster, int currentCluster, double drift, double invT, int n,
      double[] s) {
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector one = DoubleVector.broadcast(D, 1.0);
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i += L) {
      DoubleVector acc = DoubleVector.fromArray(D, s, i);
      for (int k = 0; k < kinds.length; k++) {
        double wk = w[k];
        switch (kinds[k]) {
          case RECENCY -> acc = acc.add(DoubleVector.fromArray(D, recency, i).mul(wk));
          case NEVER_PLAYED -> {
            VectorMask<Integer> m = IntVector.fromArray(I, playsAgo, i).compare(VectorOperators.LT, 0);
            acc = acc.add(zero.blend(1.0, m.cast(D)).mul(wk));
          }
          case ARTIST_RECENT -> {
            VectorMask<Integer> m = IntVector.fromArray(I, artistRecent, i).compare(VectorOperators.GT, 0);
            acc = acc.add(zero.blend(1.0, m.cast(D)).mul(wk));
          }
          case DIVERSITY -> {
            IntVector c = IntVector.fromArray(I, clusterRecent, i);
            DoubleVector x = ((DoubleVector) c.convertShape(VectorOperators.I2D, D, 0)).mul(share);
            acc = acc.add(one.sub(x).blend(zero, c.compare(VectorOperators.LT, 0).cast(D)).mul(wk));
          }
          default -> {
            IntVector c = IntVector.fromArray(I, cluster, i);
            VectorMask<Integer> m = c.compare(VectorOperators.GE, 0).and(c.compare(VectorOperators.NE, currentCluster));
            acc = acc.add(zero.blend(drift, m.cast(D)).mul(wk));
          }
        }
      }
      acc = acc.mul(invT);
      acc.intoArray(s, i);
      max = max.max(acc.blend(Double.NEGATIVE_INFINITY, D.indexInRange(i, n).not()));
    }
    return max.reduceLanes(VectorOperators.MAX);
  }

  @Override
  public double scoreHistory(EdgeLists edges, int from, int n, int[] lastPlay, int step, double[] table,
      int[] artistCount, int[] clusterCount, int[] kinds, double[] w, double share, int currentCluster, double drift,
      double invT, int[] index, int[] candidates, int[] playsAgo, double[] s) {
    int[] tracks = edges.tracks();
    double[] scores = edges.scores();
    int[] artists = edges.artists();
    int[] clusters = edges.clusters();
    IntVector steps = IntVector.broadcast(I, step);
    int last = table.length - 1;
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector one = DoubleVector.broadcast(D, 1.0);
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i += L) {
      int e = from + i;
      IntVector t;
      IntVector played;
      if (e + L <= tracks.length) {
        // lanes past n hold the next list's tracks: valid indices, their values unused
        t = IntVector.fromArray(I, tracks, e);
        played = IntVector.fromArray(I, lastPlay, 0, tracks, e);
      } else {
        // the end of the graph's last list: its tracks, then track 0
        int m = tracks.length - e;
        System.arraycopy(tracks, e, index, 0, m);
        Arrays.fill(index, m, L, 0);
        t = IntVector.fromArray(I, index, 0);
        played = IntVector.fromArray(I, lastPlay, 0, index, 0);
      }
      t.intoArray(candidates, i, I.indexInRange(i, n));
      IntVector ago = steps.sub(played);
      ago.intoArray(playsAgo, i);
      ago.max(0).min(last).intoArray(index, i);
      DoubleVector recency = DoubleVector.fromArray(D, table, 0, index, i);
      IntVector a = IntVector.fromArray(I, artists, e);
      a.max(0).intoArray(index, i);
      IntVector artistRecent = IntVector.fromArray(I, artistCount, 0, index, i).or(a.lanewise(VectorOperators.ASHR, 31));
      IntVector c = IntVector.fromArray(I, clusters, e);
      c.max(0).intoArray(index, i);
      IntVector clusterRecent = IntVector.fromArray(I, clusterCount, 0, index, i).or(c.lanewise(VectorOperators.ASHR, 31));
      // the terms as the array kernel adds them (written out here too: vectors passed to a method that is not
      // inlined would be boxed)
      DoubleVector acc = DoubleVector.fromArray(D, scores, e);
      for (int k = 0; k < kinds.length; k++) {
        double wk = w[k];
        switch (kinds[k]) {
          case RECENCY -> acc = acc.add(recency.mul(wk));
          case NEVER_PLAYED -> acc = acc.add(zero.blend(1.0, ago.compare(VectorOperators.LT, 0).cast(D)).mul(wk));
          case ARTIST_RECENT ->
              acc = acc.add(zero.blend(1.0, artistRecent.compare(VectorOperators.GT, 0).cast(D)).mul(wk));
          case DIVERSITY -> {
            DoubleVector x = ((DoubleVector) clusterRecent.convertShape(VectorOperators.I2D, D, 0)).mul(share);
            acc = acc.add(one.sub(x).blend(zero, clusterRecent.compare(VectorOperators.LT, 0).cast(D)).mul(wk));
          }
          default -> {
            VectorMask<Integer> m = c.compare(VectorOperators.GE, 0).and(c.compare(VectorOperators.NE, currentCluster));
            acc = acc.add(zero.blend(drift, m.cast(D)).mul(wk));
          }
        }
      }
      acc = acc.mul(invT);
      acc.intoArray(s, i);
      max = max.max(acc.blend(Double.NEGATIVE_INFINITY, D.indexInRange(i, n).not()));
    }
    return max.reduceLanes(VectorOperators.MAX);
  }

  @Override
  public void softmax(double[] s, double max, int n, double[] p) {
    // the partial sums of WalkKernel.sum taken in the same pass: eight lanes of one vector, or of two with 4 lanes
    DoubleVector lo = DoubleVector.zero(D);
    DoubleVector hi = DoubleVector.zero(D);
    for (int i = 0; i < n; i += L) {
      // Exp.exp lane-wise: the same operations in the same order, its limits blended in
      DoubleVector x = DoubleVector.fromArray(D, s, i).sub(max);
      DoubleVector shifted = x.mul(Exp.INV_LN2).add(Exp.SHIFT);
      DoubleVector kd = shifted.sub(Exp.SHIFT);
      LongVector k = shifted.reinterpretAsLongs().sub(Exp.SHIFT_BITS);
      DoubleVector r = x.sub(kd.mul(Exp.LN2_HI)).sub(kd.mul(Exp.LN2_LO));
      DoubleVector q = r.mul(Exp.C13).add(Exp.C12);
      q = q.mul(r).add(Exp.C11);
      q = q.mul(r).add(Exp.C10);
      q = q.mul(r).add(Exp.C9);
      q = q.mul(r).add(Exp.C8);
      q = q.mul(r).add(Exp.C7);
      q = q.mul(r).add(Exp.C6);
      q = q.mul(r).add(Exp.C5);
      q = q.mul(r).add(Exp.C4);
      q = q.mul(r).add(Exp.C3);
      q = q.mul(r).add(Exp.C2);
      q = q.mul(r).add(1.0);
      q = q.mul(r).add(1.0);
      DoubleVector scale = k.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      DoubleVector e = q.mul(scale)
          .blend(0.0, x.compare(VectorOperators.LT, Exp.FLUSH))
          .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, Exp.OVERFLOW))
          .blend(x, x.test(VectorOperators.IS_NAN));
      e.intoArray(p, i);
      DoubleVector inRange = e.blend(0.0, D.indexInRange(i, n).not());
      if (L == 8 || (i & 4) == 0) {
        lo = lo.add(inRange);
      } else {
        hi = hi.add(inRange);
      }
    }
    double sum;
    if (L == 8) {
      sum = combine(lo.lane(0), lo.lane(1), lo.lane(2), lo.lane(3), lo.lane(4), lo.lane(5), lo.lane(6), lo.lane(7));
    } else if (L == 4) {
      sum = combine(lo.lane(0), lo.lane(1), lo.lane(2), lo.lane(3), hi.lane(0), hi.lane(1), hi.lane(2), hi.lane(3));
    } else {
      sum = WalkKernel.sum(p, n);
    }
    DoubleVector inv = DoubleVector.broadcast(D, 1.0 / sum);
    for (int i = 0; i < n; i += L) {
      DoubleVector.fromArray(D, p, i).mul(inv).intoArray(p, i);
    }
  }
}
