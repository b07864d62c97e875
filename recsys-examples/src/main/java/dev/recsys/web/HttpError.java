package dev.recsys.web;

/** An API error with its HTTP status; the message is sent to the client as {@code {"error": message}}. */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  static HttpError notFound(String message) {
    return new HttpError(404, message);
  }
}
