package dev.recsys.graph.internal;

/**
 * A fast, reproducible {@code e^x} in plain Java for the softmax of the walk step.
 *
 * <p>Method: {@code x = (64 e + j) ln2/64 + r} with {@code |r| <= ln2/128} (Cody-Waite reduction with the fdlibm
 * split of ln 2), {@code e^x = 2^e * 2^(j/64) * e^r}, the 64 values {@code 2^(j/64)} from a table and
 * {@code e^r - 1} from its degree-5 Taylor polynomial (truncation error below 4e-17 relative). Measured against
 * {@link StrictMath#exp}: at most 2 ulp apart on {@code [-708, 709]} (see the unit test), exact at 0; results
 * below {@code e^-708} are subnormal and rounded once; {@code e^x} is 0 below -745.2 and infinite above 709.8.
 *
 * <p>Unlike {@link Math#exp}, whose result may differ by an ulp between JIT intrinsic, interpreter and platform,
 * this is pure float arithmetic and table lookups, so it gives the same bits everywhere; it has no call into a
 * runtime stub, so the JIT can overlap consecutive evaluations. Stateless and thread-safe.
 */
public final class Exp {
  static final double INV_L = 64 / Math.log(2);
  /** fdlibm's ln2_hi / 64: few enough significant bits that {@code k * L_HI} is exact for every {@code |k| < 2^20}. */
  static final double L_HI = 6.93147180369123816490e-01 / 64;
  /** fdlibm's ln2_lo / 64. */
  static final double L_LO = 1.90821492927058770002e-10 / 64;
  static final double[] TABLE = new double[64];
  private static final double TWO_M64 = 0x1p-64;
  /** The Taylor coefficients 1/3!, 1/4!, 1/5!. */
  static final double C3 = 1.0 / 6;
  static final double C4 = 1.0 / 24;
  static final double C5 = 1.0 / 120;
  /** Below this, {@code e^x} may be subnormal (exponent under -1022); {@link #exp} then scales in two steps. */
  static final double NORMAL_MIN = -708.0;

  static {
    for (int j = 0; j < 64; j++) {
      TABLE[j] = StrictMath.pow(2, j / 64.0);
    }
  }

  private Exp() {}

  /** {@code e^x}, within 2 ulp of {@link StrictMath#exp}; NaN for NaN. */
  public static double exp(double x) {
    if (!(x >= -745.2 && x <= 709.78)) {
      return x != x ? x : x > 0 ? Double.POSITIVE_INFINITY : 0.0;
    }
    double kd = Math.rint(x * INV_L);
    int k = (int) kd;
    double r = (x - kd * L_HI) - kd * L_LO;
    double q = r * (1 + r * (0.5 + r * (C3 + r * (C4 + r * C5))));
    double t = TABLE[k & 63];
    double y = t + t * q;
    int e = k >> 6;
    if (e >= -1022) {
      // x <= 709.78 keeps e <= 1023; a result beyond the largest double overflows to infinity
      return y * Double.longBitsToDouble((long) (e + 1023) << 52);
    }
    // subnormal result: scale in two steps so that only the last multiplication rounds
    return y * Double.longBitsToDouble((long) (e + 64 + 1023) << 52) * TWO_M64;
  }
}
