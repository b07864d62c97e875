/** Small shared utilities: argument checks with precise messages. */
package dev.recsys.core.util;
