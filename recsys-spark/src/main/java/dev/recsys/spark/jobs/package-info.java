/**
 * The command-line jobs: {@link dev.recsys.spark.SparkJobs} is the {@code spark-submit} main class (and the local
 * launcher's), with one sub-command per job.
 */
package dev.recsys.spark.jobs;
