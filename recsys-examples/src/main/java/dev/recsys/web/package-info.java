/**
 * The web demo behind {@code recsys serve}: a small HTTP server on the JDK's built-in server with a static page and
 * a JSON API under {@code /api/} (song search, smart shuffle with explanations, similar listeners,
 * recommendations). Binds to 127.0.0.1 by default.
 */
package dev.recsys.web;
