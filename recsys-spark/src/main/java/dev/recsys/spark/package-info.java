/**
 * recsys on Apache Spark: batch jobs that run the project's single-machine code on Datasets when one machine is
 * outgrown. Each job has a {@code spark-submit} entry point ({@link dev.recsys.spark.SparkJobs}) and a local-mode
 * launcher ({@code recsys-spark/bin/recsys-spark}); see {@code docs/spark.md}.
 */
package dev.recsys.spark;
