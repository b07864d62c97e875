/**
 * The single-machine scale curve: the whole pipeline (generate, embed, index, graph, shuffle, recommend) timed and
 * measured at growing catalogue sizes, each size in a fresh JVM, with every stage's growth exponent and log-log
 * charts. {@link dev.recsys.benchmarks.scale.ScaleCurve} is the entry point; the curve shows where one machine stops
 * and the Spark and Solr modules take over.
 */
package dev.recsys.benchmarks.scale;
