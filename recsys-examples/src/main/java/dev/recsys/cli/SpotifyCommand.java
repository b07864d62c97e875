package dev.recsys.cli;

import picocli.CommandLine.Command;

/** {@code recsys spotify}: the Spotify connector's commands. */
@Command(name = "spotify", mixinStandardHelpOptions = true,
    description = "Read a listener's playlists, tracks and genres from the Spotify Web API.",
    subcommands = {SpotifyProbeCommand.class, SpotifyProfileCommand.class, SpotifyMatchCommand.class})
final class SpotifyCommand {}
