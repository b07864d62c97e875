/**
 * Runnable examples of library use: evaluating your own recommender, custom plugins selected from a YAML
 * pipeline file, a custom smart-shuffle feature, and the whole pipeline in a few lines. Each has a
 * {@code main} method; {@code ./recsys example NAME} runs them.
 */
package dev.recsys.examples;
