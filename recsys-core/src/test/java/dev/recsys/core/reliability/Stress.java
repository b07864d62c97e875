package dev.recsys.core.reliability;

/**
 * The size switch of the reliability tests: a few cases in an ordinary build, many under {@code -Dstress}
 * (or {@code -Dstress=true}).
 */
public final class Stress {
  private Stress() {}

  /** True when the build runs with {@code -Dstress}. */
  public static boolean on() {
    String v = System.getProperty("stress");
    return v != null && !v.equalsIgnoreCase("false");
  }

  /** {@code ci} cases in an ordinary build, {@code stress} under {@code -Dstress}. */
  public static int cases(int ci, int stress) {
    return on() ? stress : ci;
  }
}
