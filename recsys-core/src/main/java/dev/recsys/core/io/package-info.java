/**
 * Persistence of fitted artifacts: the versioned, checksummed {@link dev.recsys.core.io.ModelContainer} format
 * with {@link dev.recsys.core.io.Provenance}, and {@link dev.recsys.core.io.Payload} helpers for the binary part.
 */
package dev.recsys.core.io;
