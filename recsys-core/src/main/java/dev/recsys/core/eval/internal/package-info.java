/** Implementation details of the evaluation toolkit: row grouping, top-k selection, dense linear algebra. Not API. */
package dev.recsys.core.eval.internal;
