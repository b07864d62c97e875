/**
 * Implementation of the data readers: the streaming delimited-text tokenizer, problem bookkeeping and the
 * format-specific sources. Not exported; use {@link dev.recsys.core.data.Datasets} and the plugins.
 */
package dev.recsys.core.data.internal;
