/**
 * Synthetic worlds and listeners with hidden true preferences, sessions that log choice sets, and the
 * side-by-side evaluation of shuffle strategies.
 */
package dev.recsys.graph.simulation;
