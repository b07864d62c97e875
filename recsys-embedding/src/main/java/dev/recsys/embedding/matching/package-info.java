/**
 * The learned co-listening listener matcher ({@code "matcher"}): a listener tower over the listener's items as
 * a weighted bag of learned item embeddings, plus the content profile when the data has one, trained
 * contrastively on split-half views. Plain Java (no ND4J): the model is small and sparse.
 */
package dev.recsys.embedding.matching;
