package dev.recsys.graph.internal;

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
 * <p>The exponential is {@link Exp#exp} lane-wise: {@code rint} as the add-and-subtract of {@code 1.5 * 2^52}
 * (exact for {@code |x| < 2^51}), the table index and the power of two from the bits of that sum. A vector with a
 * lane below {@link Exp#NORMAL_MIN} (where {@link Exp#exp} takes its subnormal path) is computed lane by lane with
 * {@link Exp#exp}. Loaded reflectively by {@link WalkKernel} only when {@code jdk.incubator.vector} is resolved.
 */
final class PanamaWalkKernel extends WalkKernel {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final double SHIFT = 0x1.8p52;
  private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);

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
  public void gather(double[] table, int base, int[] idx, int n, double[] out, int off) {
    for (int i = 0; i < n; i += L) {
      DoubleVector.fromArray(D, table, base, idx, i).intoArray(out, off + i);
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
  public double score(double[] cols, int cap, int f, double[] w, double invT, int n, double[] s) {
    if (f == 0) {
      return WalkKernel.scalar().score(cols, cap, f, w, invT, n, s);
    }
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    int last = f - 1;
    double wl = w[last];
    for (int i = 0; i < n; i += L) {
      DoubleVector acc = DoubleVector.zero(D);
      for (int j = 0; j < last; j++) {
        acc = acc.add(DoubleVector.fromArray(D, cols, j * cap + i).mul(w[j]));
      }
      acc = acc.add(DoubleVector.fromArray(D, cols, last * cap + i).mul(wl)).mul(invT);
      acc.intoArray(s, i);
      max = max.max(acc.blend(Double.NEGATIVE_INFINITY, D.indexInRange(i, n).not()));
    }
    return max.reduceLanes(VectorOperators.MAX);
  }

  @Override
  public void softmax(double[] s, double max, int n, double[] p, int[] scratch) {
    for (int i = 0; i < n; i += L) {
      DoubleVector x = DoubleVector.fromArray(D, s, i).sub(max);
      if (!x.compare(VectorOperators.GE, Exp.NORMAL_MIN).or(D.indexInRange(i, n).not()).allTrue()) {
        for (int j = i, end = Math.min(n, i + L); j < end; j++) {
          p[j] = Exp.exp(s[j] - max);
        }
        continue;
      }
      DoubleVector shifted = x.mul(Exp.INV_L).add(SHIFT);
      DoubleVector kd = shifted.sub(SHIFT);
      LongVector k = shifted.reinterpretAsLongs().sub(SHIFT_BITS);
      DoubleVector r = x.sub(kd.mul(Exp.L_HI)).sub(kd.mul(Exp.L_LO));
      DoubleVector q = r.mul(Exp.C5).add(Exp.C4);
      q = r.mul(q).add(Exp.C3);
      q = r.mul(q).add(0.5);
      q = r.mul(q).add(1.0);
      q = r.mul(q);
      ((IntVector) k.and(63L).convertShape(VectorOperators.L2I, I, 0)).intoArray(scratch, i);
      DoubleVector t = DoubleVector.fromArray(D, Exp.TABLE, 0, scratch, i);
      DoubleVector scale = k.lanewise(VectorOperators.ASHR, 6).add(1023L).lanewise(VectorOperators.LSHL, 52)
          .reinterpretAsDoubles();
      t.add(t.mul(q)).mul(scale).intoArray(p, i);
    }
    normalise(p, n);
  }
}
