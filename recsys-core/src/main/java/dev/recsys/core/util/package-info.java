/** Small shared utilities: argument checks with precise messages, seed derivation, top-k selection, progress counting. */
package dev.recsys.core.util;
