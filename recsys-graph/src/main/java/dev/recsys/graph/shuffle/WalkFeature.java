package dev.recsys.graph.shuffle;

/**
 * One scoring feature of the softmax walk: a number per candidate next track, given the walk's context. The walk's
 * score of a candidate is the weighted sum of its feature values; each value times its weight is the feature's
 * contribution, shown in explanations ("why this song").
 *
 * <p>This is the extension point for custom features: implement {@link #name} and {@link #compute}, and pass the
 * feature to {@link SoftmaxWalkSampler}'s constructor with a weight. The built-in features are in
 * {@link WalkFeatures}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Implementations are stateless (or immutable) and thread-safe: one instance serves every thread.</li>
 *   <li>Values are finite. A feature whose input is missing (a track without a key, an unknown artist) returns 0,
 *       so it contributes nothing, rather than guessing.</li>
 *   <li>{@link #computeAll} is on the hot path: it must not allocate. The {@link WalkContext} is only valid during
 *       the call and must not be retained.</li>
 * </ul>
 */
public interface WalkFeature {
  /**
   * Short unique name, shown in explanations and stored with fitted weights ({@code "similarity"}).
   *
   * @return the short unique name, shown in explanations and stored with fitted weights ({@code "similarity"})
   */
  String name();

  /**
   * The feature's value for {@code candidate} as the next track after {@link WalkContext#current()}.
   *
   * @param candidate the candidate track
   * @param context the walk context
   * @return the feature's value for {@code candidate} as the next track after {@link WalkContext#current()}
   */
  double compute(int candidate, WalkContext context);

  /**
   * Computes the feature for {@code count} candidates: {@code out[column + i * stride] = compute(candidates[i],
   * context)}. With {@code stride} columns that is column {@code column} of a row-major matrix; the walk itself
   * passes its column layout, {@code stride == 1} and {@code column} the offset of this feature's run of
   * candidates. Override to hoist per-step work out of the candidate loop; must not allocate.
   *
   * @param context the walk context
   * @param candidates the candidate tracks
   * @param count the number of candidates
   * @param out receives the feature values
   * @param column the column of {@code out} to fill
   * @param stride the number of columns of {@code out}
   */
  default void computeAll(WalkContext context, int[] candidates, int count, double[] out, int column, int stride) {
    for (int i = 0; i < count; i++) {
      out[i * stride + column] = compute(candidates[i], context);
    }
  }
}
