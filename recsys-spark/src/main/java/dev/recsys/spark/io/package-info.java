/**
 * Tables of the project's data on Spark: track vectors and similarity graphs as Parquet, conversions to and from
 * the single-machine files, and the readers of the project's input formats with skip accounting.
 */
package dev.recsys.spark.io;
