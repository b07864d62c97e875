package dev.recsys.core.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Why a result was produced: a one-line summary and the factors behind it, largest first.
 * Structured so that a CLI prints it, a web page draws it as bars and a test checks it.
 *
 * @param summary one human sentence
 * @param factors the contributing factors, ordered by decreasing {@code |contribution|}
 */
public record Explanation(String summary, List<Explanation.Factor> factors) {

  /**
   * One factor of an explanation.
   *
   * @param kind what sort of factor: {@code "feature"}, {@code "shared-genre"}, {@code "shared-artist"},
   *     {@code "shared-track"}, {@code "attention"}, {@code "neighbour"}, ...
   * @param label what it refers to (a feature name, a genre, an artist, a track id)
   * @param value the raw value (a feature value, a share, an attention weight)
   * @param contribution its contribution to the score (e.g. weight times value); equals {@code value} when
   *     there is no separate weight
   */
  public record Factor(String kind, String label, double value, double contribution) {
    /** Validates the fields. */
    public Factor {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(label, "label");
    }
  }

  /** Validates and orders the factors by decreasing absolute contribution. */
  public Explanation {
    Objects.requireNonNull(summary, "summary");
    factors = factors.stream()
        .sorted(Comparator.comparingDouble((Factor f) -> -Math.abs(f.contribution())))
        .toList();
  }

  /**
   * An explanation with a summary only.
   *
   * @param summary the summary
   * @return an explanation with a summary only
   */
  public static Explanation of(String summary) {
    return new Explanation(summary, List.of());
  }

  /**
   * The summary and each factor as {@code label=value (contribution)}, largest first, e.g.
   * {@code p=0.214 among 50 candidates [similarity=0.91 (+1.82), same-artist=1 (-0.4)]}.
   */
  @Override
  public String toString() {
    if (factors.isEmpty()) {
      return summary;
    }
    StringBuilder b = new StringBuilder(summary).append(" [");
    for (int i = 0; i < factors.size(); i++) {
      Factor f = factors.get(i);
      b.append(i == 0 ? "" : ", ").append(f.label()).append('=').append(number(f.value()))
          .append(" (").append(f.contribution() > 0 ? "+" : "").append(number(f.contribution())).append(')');
    }
    return b.append(']').toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.3g", v);
  }

  /**
   * The factors of one kind, in order.
   *
   * @param kind the factor kind, e.g. {@code "shared-artist"}
   * @return an unmodifiable list of the factors of that kind, empty when there is none
   */
  public List<Factor> factors(String kind) {
    return factors.stream().filter(f -> f.kind().equals(kind)).toList();
  }
}
