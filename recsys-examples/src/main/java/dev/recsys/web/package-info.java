/**
 * The web demo behind {@code recsys serve}: a small HTTP/1.1 server on virtual threads ({@link dev.recsys.web.WebServer},
 * limits and timeouts in {@link dev.recsys.web.WebServerConfig}) with a static page and a JSON API under
 * {@code /api/} (song search, smart shuffle with explanations, similar listeners, recommendations). Binds to
 * 127.0.0.1 by default.
 */
package dev.recsys.web;
