package dev.recsys.core.config;

/**
 * A configuration file is invalid. The message names the file, the line and column where known, the key
 * and the rule broken.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * With a complete message.
   *
   * @param message the message
   */
  public ConfigException(String message) {
    super(message);
  }

  /**
   * With a complete message and cause.
   *
   * @param message the message
   * @param cause the cause
   */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
