/**
 * Readers of public music data formats and their facade.
 *
 * <p>{@link dev.recsys.core.data.Datasets} opens a {@link dev.recsys.core.spi.DataSource} from a short
 * specification ({@code spotify-songs:FILE}, {@code mpd:DIR}, {@code movielens:DIR}, {@code interactions:FILE},
 * {@code edges:FILE}) and collects sources into a {@link dev.recsys.core.data.MusicDataset} or an
 * {@link dev.recsys.core.model.Interactions} table. Every reader streams its input (a file is never held in
 * memory whole), validates each row and, depending on {@link dev.recsys.core.data.ReadOptions.Mode}, fails on
 * the first malformed row with a {@link dev.recsys.core.data.DataFormatException} naming file, line, column
 * and rule, or skips it and counts it in the {@link dev.recsys.core.spi.ReadReport}.
 *
 * <p>{@link dev.recsys.core.data.CatalogJsonl} persists a {@link dev.recsys.core.model.Catalog} as JSON lines
 * (the {@code catalog.jsonl} of a model directory).
 */
package dev.recsys.core.data;
