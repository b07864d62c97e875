/**
 * Conditional (multinomial) logit choice models: maximum-likelihood fitting with Newton or L-BFGS, standard
 * errors, fit statistics, persistence, and online updates from skips and replays.
 */
package dev.recsys.graph.choice;
