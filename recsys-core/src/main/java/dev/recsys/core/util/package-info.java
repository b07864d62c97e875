/** Small shared utilities: argument checks with precise messages, seed derivation, the JSON codec, progress counting. */
package dev.recsys.core.util;
