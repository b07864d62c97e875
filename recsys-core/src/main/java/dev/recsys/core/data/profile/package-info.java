/**
 * Data profiles and validation reports of music data, real or synthetic: per-column statistics, genre,
 * popularity, playlist and interaction distributions and behaviour checks ({@link
 * dev.recsys.core.data.profile.DataProfile#of}).
 */
package dev.recsys.core.data.profile;
