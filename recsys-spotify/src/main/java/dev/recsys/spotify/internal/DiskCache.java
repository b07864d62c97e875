package dev.recsys.spotify.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response cache on disk, keyed by request URL, with a time to live. One file per URL, named by the SHA-256 of
 * the URL; the file holds a header line (format, time stored), the URL and the body. Writes go to a temporary file
 * in the same directory and are moved into place atomically, so a reader never sees half an entry and concurrent
 * runs do not corrupt each other. Entries that are unreadable or whose URL differs are treated as misses.
 * Thread-safe.
 */
public final class DiskCache {
  private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
  private static final String MAGIC = "recsys-spotify-cache 1";

  private final Path dir;
  private final Duration ttl;
  private final InstantSource clock;

  /** A cache in {@code dir} (created when needed) whose entries live {@code ttl}. */
  public DiskCache(Path dir, Duration ttl, InstantSource clock) {
    this.dir = dir;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  Path fileFor(String url) {
    String h = sha256(url);
    return dir.resolve(h.substring(0, 2)).resolve(h + ".entry");
  }

  /** The cached body for {@code url} if present and younger than the time to live. */
  public Optional<String> get(String url) {
    Path f = fileFor(url);
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("cache entry {} unreadable: {}", f, e.toString());
      return Optional.empty();
    }
    int nl1 = text.indexOf('\n');
    int nl2 = nl1 < 0 ? -1 : text.indexOf('\n', nl1 + 1);
    if (nl2 < 0 || !text.startsWith(MAGIC + " ")) {
      LOG.debug("cache entry {} malformed; ignored", f);
      return Optional.empty();
    }
    long storedAt;
    try {
      storedAt = Long.parseLong(text.substring(MAGIC.length() + 1, nl1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!text.substring(nl1 + 1, nl2).equals(url)) {
      return Optional.empty(); // hash collision or foreign file
    }
    long age = clock.millis() - storedAt;
    if (age < 0 || age > ttl.toMillis()) {
      return Optional.empty();
    }
    return Optional.of(text.substring(nl2 + 1));
  }

  /** Stores {@code body} for {@code url}, atomically replacing any earlier entry. */
  public void put(String url, String body) throws IOException {
    if (url.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("cache key must be a single line URL");
    }
    Path f = fileFor(url);
    Files.createDirectories(f.getParent());
    Path tmp = Files.createTempFile(f.getParent(), ".tmp-", ".entry");
    try {
      Files.writeString(tmp, MAGIC + " " + clock.millis() + "\n" + url + "\n" + body, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
