/**
 * Typed configuration: pipeline files (JSON or YAML) are parsed by {@link dev.recsys.core.config.ConfigLoader}
 * only into each plugin's validated configuration record; bad files fail with file, line, column, key and rule.
 */
package dev.recsys.core.config;
