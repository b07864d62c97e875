package dev.recsys.embedding.matching;

import dev.recsys.core.matching.ItemWeighting;

/**
 * What the {@link CoListeningMatcherTrainer} chose on its validation listeners, and the validation criterion
 * (mean of split-half recall@10 and MRR@10) at each stage.
 *
 * @param artistTokens whether the bags hold artist tokens ({@code ArtistTokens}) next to the items
 * @param weighting item weighting of the bag
 * @param dimension embedding dimension
 * @param temperature softmax temperature
 * @param hardNegatives mined hard negatives per anchor
 * @param epochs training epochs (0: the initialisation was best)
 * @param contentWeight weight of the content profile in the score
 * @param validationListeners number of validation listeners (0: no selection, the first candidates were used)
 * @param initialScore criterion of the chosen initialisation
 * @param trainedScore criterion after training
 * @param finalScore criterion with the content profile mixed in
 * @param overlapWeight weight λ of the exact item-overlap part
 * @param overlapScore mean of the split-half and overlapping-view criteria with the chosen λ
 * @param overlapWeighting item weighting of the exact item-overlap part
 * @param genreShare genre share γ of the content profile
 */
public record Selection(boolean artistTokens, ItemWeighting weighting, int dimension, double temperature, int hardNegatives, int epochs,
    double contentWeight, int validationListeners, double initialScore, double trainedScore, double finalScore,
    double overlapWeight, double overlapScore, ItemWeighting overlapWeighting, double genreShare) {}
