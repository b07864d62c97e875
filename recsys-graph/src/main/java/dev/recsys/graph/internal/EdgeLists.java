package dev.recsys.graph.internal;

/**
 * The neighbour lists of a similarity graph with what a walk step reads per edge, each array indexed by edge in the
 * lists' order: the target track, the edge-only part of its score, and its artist and cluster (-1 for none). Every
 * array but {@code tracks} (the graph's own) holds a whole vector of valid entries past the last edge, so that a
 * vector kernel may read the last list in whole vectors.
 *
 * @param tracks per edge, the target track
 * @param scores per edge, the edge-only part of the target's score as a candidate after the source
 * @param artists per edge, the target's artist
 * @param clusters per edge, the target's cluster
 */
public record EdgeLists(int[] tracks, double[] scores, int[] artists, int[] clusters) {}
