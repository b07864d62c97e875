/** JMH benchmarks of the synthetic world generator and the feature pipeline. */
package dev.recsys.benchmarks.synth;
