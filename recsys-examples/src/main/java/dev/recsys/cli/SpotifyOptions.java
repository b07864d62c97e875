package dev.recsys.cli;

import dev.recsys.spotify.Secret;
import dev.recsys.spotify.SpotifyClient;
import dev.recsys.spotify.SpotifyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Options shared by the {@code recsys spotify} commands. Settings are layered: defaults, then the
 * {@code --spotify-config} file (Java properties with the keys of {@link SpotifyConfig#KEYS}), then the environment
 * ({@link SpotifyConfig#ENVIRONMENT}), then these flags.
 */
final class SpotifyOptions {
  /** Where environment variables come from; tests replace it. */
  static Supplier<Map<String, String>> environment = System::getenv;

  @Option(names = "--api-base", paramLabel = "URL", description = "Web API base URL (default https://api.spotify.com).")
  URI apiBase;

  @Option(names = "--accounts-base", paramLabel = "URL",
      description = "Accounts (token) service base URL (default https://accounts.spotify.com).")
  URI accountsBase;

  @Option(names = "--spotify-config", paramLabel = "FILE", description = "Properties file with connector settings.")
  Path configFile;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Response cache directory (default ~/.cache/recsys/spotify).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Do not use the disk cache.")
  boolean noCache;

  @Option(names = "--login", description = "Sign in with Spotify (PKCE, loopback redirect on 127.0.0.1) to read your own playlists.")
  boolean login;

  @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long to wait for the sign-in redirect (default ${DEFAULT-VALUE}).")
  int loginTimeoutSeconds;

  @Option(names = "--redirect-port", paramLabel = "PORT",
      description = "Port of the redirect URI http://127.0.0.1:PORT/callback registered with the app (default 8888).")
  Integer redirectPort;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Keep the refresh token in FILE (owner-only permissions): read before the run, rewritten after"
          + " --login or when Spotify rotates it, so later runs need no sign-in.")
  Path tokenFile;

  @Option(names = "--max-retry-after", paramLabel = "SECONDS",
      description = "Longest Retry-After to wait for before giving up (default 120).")
  Integer maxRetryAfter;

  SpotifyConfig config() throws IOException {
    SpotifyConfig.Builder b = SpotifyConfig.builder()
        .cacheDir(Path.of(System.getProperty("user.home"), ".cache", "recsys", "spotify"));
    if (configFile != null) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        props.load(r);
      }
      Map<String, String> m = new LinkedHashMap<>();
      props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
      b.apply(m, configFile.toString());
    }
    b.applyEnvironment(environment.get());
    if (apiBase != null) {
      b.apiBase(apiBase);
    }
    if (accountsBase != null) {
      b.accountsBase(accountsBase);
    }
    if (cacheDir != null) {
      b.cacheDir(cacheDir);
    }
    if (noCache) {
      b.cacheDir(null);
    }
    if (redirectPort != null) {
      b.redirectPort(redirectPort);
    }
    if (maxRetryAfter != null) {
      b.maxRetryAfter(Duration.ofSeconds(maxRetryAfter));
    }
    if (tokenFile != null && Files.isRegularFile(tokenFile)) {
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      if (!token.isEmpty()) {
        b.refreshToken(Secret.of(token));
      }
    }
    return b.build();
  }

  /** A client, signed in first when {@code --login} is given; closing it saves the refresh token to {@code --token-file}. */
  Session client(PrintWriter err) throws IOException {
    SpotifyConfig config = config();
    Session client = new Session(SpotifyClient.create(config), config.refreshToken(), tokenFile);
    if (login) {
      try {
        client.client().signIn(uri -> {
          err.println("Open this address in a browser to sign in to Spotify (waiting " + loginTimeoutSeconds + " s):");
          err.println("  " + uri);
          err.flush();
        }, Duration.ofSeconds(loginTimeoutSeconds));
      } catch (IOException | RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return client;
  }

  /** A client for one command run, and where its refresh token is kept. */
  record Session(SpotifyClient client, Secret initialToken, Path tokenFile) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        Secret now = client.refreshToken();
        if (tokenFile != null && !now.isEmpty() && !now.equals(initialToken)) {
          save(tokenFile, now);
        }
      } finally {
        client.close();
      }
    }

    private static void save(Path file, Secret token) throws IOException {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".token-", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the file keeps the directory's default permissions
        }
        Files.writeString(tmp, token.reveal() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
