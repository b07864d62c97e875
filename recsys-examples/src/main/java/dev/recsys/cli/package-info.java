/** The {@code recsys} command-line interface (picocli): one class per subcommand. */
package dev.recsys.cli;
