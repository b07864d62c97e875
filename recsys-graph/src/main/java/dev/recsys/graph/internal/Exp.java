package dev.recsys.graph.internal;

/**
 * A fast, reproducible {@code e^x} in plain Java for the softmax of the walk step, written so that a vector lane
 * can repeat it operation for operation (no table, no branch inside the range).
 *
 * <p>Method: {@code x = k ln2 + r} with {@code k = rint(x / ln2)} (taken from the bits of
 * {@code x / ln2 + 1.5 * 2^52}) and {@code |r| <= ln2 / 2} (Cody-Waite reduction with the fdlibm split of ln 2),
 * {@code e^x = 2^k * e^r}, {@code e^r} from its degree-13 Taylor polynomial in Horner form (truncation error below
 * 5e-18 relative), {@code 2^k} from its bits. Every product and sum is a separate IEEE operation (no fused
 * multiply-add), so the result has the same bits on every JVM and platform and in every lane of
 * {@code PanamaWalkKernel}. Measured against {@link StrictMath#exp}: at most 2 ulp apart on {@code [-708, 709]}
 * (see the unit test), exact at 0. Below -708, where the result would be subnormal, it is 0; above 709 it is
 * infinite; NaN stays NaN. Stateless and thread-safe.
 */
public final class Exp {
  /** Below this, {@link #exp} returns 0 (e^-708 is about 3.3e-308, near the smallest normal double). */
  static final double FLUSH = -708.0;
  /** Above this, {@link #exp} returns positive infinity (keeps {@code k <= 1023}). */
  static final double OVERFLOW = 709.0;
  static final double INV_LN2 = 1 / Math.log(2);
  /** fdlibm's ln2_hi: few enough significant bits that {@code k * LN2_HI} is exact for every {@code |k| < 2^20}. */
  static final double LN2_HI = 6.93147180369123816490e-01;
  /** fdlibm's ln2_lo. */
  static final double LN2_LO = 1.90821492927058770002e-10;
  /** Adding it rounds a value below 2^51 in magnitude to an integer, which the low bits of the sum then hold. */
  static final double SHIFT = 0x1.8p52;
  static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
  /** The Taylor coefficients 1/i! for i = 2..13 (those of r^0 and r^1 are 1). */
  static final double C2 = 1.0 / 2;
  static final double C3 = C2 / 3;
  static final double C4 = C3 / 4;
  static final double C5 = C4 / 5;
  static final double C6 = C5 / 6;
  static final double C7 = C6 / 7;
  static final double C8 = C7 / 8;
  static final double C9 = C8 / 9;
  static final double C10 = C9 / 10;
  static final double C11 = C10 / 11;
  static final double C12 = C11 / 12;
  static final double C13 = C12 / 13;

  private Exp() {}

  /** {@code e^x}, within 2 ulp of {@link StrictMath#exp} on {@code [-708, 709]}; 0 below, infinite above. */
  public static double exp(double x) {
    if (!(x >= FLUSH && x <= OVERFLOW)) {
      return x != x ? x : x > 0 ? Double.POSITIVE_INFINITY : 0.0;
    }
    double shifted = x * INV_LN2 + SHIFT;
    double kd = shifted - SHIFT;
    long k = Double.doubleToRawLongBits(shifted) - SHIFT_BITS;
    double r = (x - kd * LN2_HI) - kd * LN2_LO;
    double p = r * C13 + C12;
    p = p * r + C11;
    p = p * r + C10;
    p = p * r + C9;
    p = p * r + C8;
    p = p * r + C7;
    p = p * r + C6;
    p = p * r + C5;
    p = p * r + C4;
    p = p * r + C3;
    p = p * r + C2;
    p = p * r + 1.0;
    p = p * r + 1.0;
    return p * Double.longBitsToDouble((k + 1023) << 52);
  }
}
