/**
 * Named plugins: the {@link dev.recsys.core.plugin.Plugin} contract, one kind interface per component type, and
 * the {@link dev.recsys.core.plugin.PluginRegistry} that finds them by name through
 * {@link java.util.ServiceLoader}.
 */
package dev.recsys.core.plugin;
