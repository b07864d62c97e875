/**
 * The synthetic music world: a seeded generator of genres, artists, albums, tracks with genre-specific
 * audio features, listeners with hidden taste mixtures and behaviour types, listening sessions and
 * playlists ({@link dev.recsys.core.synth.SyntheticWorld#generate}), its export to the file formats the
 * readers read ({@link dev.recsys.core.synth.WorldExporter}) and the {@code "synthetic"} data source plugin.
 */
package dev.recsys.core.synth;
