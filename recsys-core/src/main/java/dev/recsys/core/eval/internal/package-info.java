/** Implementation details of the evaluation toolkit: row grouping, aggregates, the bootstrap, the user-item matrix. Not API. */
package dev.recsys.core.eval.internal;
