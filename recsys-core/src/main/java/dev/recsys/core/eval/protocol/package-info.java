/**
 * Seeded, reproducible evaluation protocols: {@link dev.recsys.core.eval.protocol.RandomSplit} (per
 * interaction), {@link dev.recsys.core.eval.protocol.TemporalSplit} (per user, last fraction or last n by
 * time), {@link dev.recsys.core.eval.protocol.LeaveLastOut} and
 * {@link dev.recsys.core.eval.protocol.PlaylistContinuation}. Each is an immutable record of its parameters.
 */
package dev.recsys.core.eval.protocol;
