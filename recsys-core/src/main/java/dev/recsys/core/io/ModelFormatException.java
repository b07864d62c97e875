package dev.recsys.core.io;

import java.io.IOException;

/** A saved model cannot be read: not a model file, corrupted, or written by a newer version. */
public class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * With a message naming the file and the problem.
   *
   * @param message the message
   */
  public ModelFormatException(String message) {
    super(message);
  }

  /**
   * With a message and cause.
   *
   * @param message the message
   * @param cause the cause
   */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
