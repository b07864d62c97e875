package dev.recsys.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Durable atomic replacement of a file: the new content goes to a temporary sibling named
 * {@code <name>.tmp-<pid>-<random>}, is forced to the device, moved over the file in one step, and the directory
 * is forced too, so after a crash or power loss the file holds either the old or the new content. Temporary files
 * left by a process that no longer runs are removed by {@link #removeOrphans} (called on every write and by the
 * readers of model files). Thread-safe (stateless).
 */
public final class AtomicFiles {
  private static final String TMP = ".tmp-";

  private AtomicFiles() {}

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the content to {@code out} (which the caller closes).
     *
     * @param out the temporary file's buffered stream
     * @throws IOException if writing fails; the target file is then left unchanged
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code file} atomically and durably with what {@code body} writes.
   *
   * @param file the file to replace; its parent directories are created
   * @param body writes the new content
   * @throws IOException if writing, forcing or moving fails; the file is then unchanged
   */
  public static void write(Path file, Body body) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    removeOrphans(abs);
    Path tmp = dir.resolve(abs.getFileName() + TMP + ProcessHandle.current().pid() + "-"
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
        body.write(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Forces a directory's entries (creations, renames, deletions) to the device. Platforms that cannot open a
   * directory (Windows) are skipped.
   *
   * @param dir the directory to force
   * @throws IOException if the directory cannot be opened or forced on a platform that supports it
   */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // not supported for directories here
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  /**
   * Removes the temporary siblings of {@code file} left by writers that no longer run (a crash or kill between
   * creating and moving them). Temporary files of live processes are kept.
   *
   * @param file the file whose temporary siblings are looked for
   * @return the number removed
   * @throws IOException if the directory cannot be listed or a file cannot be deleted
   */
  public static int removeOrphans(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String prefix = abs.getFileName() + TMP;
    int removed = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob(prefix) + "*")) {
      for (Path p : ds) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue;
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
          try {
            Files.delete(p);
            removed++;
          } catch (NoSuchFileException e) {
            // removed concurrently
          }
        }
      }
    }
    return removed;
  }

  private static String glob(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("*?[]{}\\".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
