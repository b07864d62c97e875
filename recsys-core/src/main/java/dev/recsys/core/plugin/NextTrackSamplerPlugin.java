package dev.recsys.core.plugin;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.spi.NextTrackSampler;

/**
 * A plugin that creates {@link NextTrackSampler}s (shuffles, walks, continuations) over a catalogue: the kind that
 * lets applications and pipeline files select the next-track strategy ({@code "softmax-walk"}, the
 * {@code "uniform-shuffle"} and {@code "similarity-walk"} baselines, a user's own) by name.
 *
 * <p>A sampler created here is immutable and thread-safe, as {@link NextTrackSampler} requires; creating one may
 * do real work (for example building a similarity graph over {@code vectors}), so applications create it once
 * and share it.
 *
 * <p>Saving and loading: the fitted parts a sampler is built from (the track vectors, a similarity graph, the walk's
 * fitted choice model) are {@link SaveableModel}s; the sampler plugin that uses a part lists its provider in
 * {@link #providers()} and reads it back with {@link #load}, so {@link Plugins#load(java.nio.file.Path, Class)}
 * finds the plugin from the file.
 *
 * @param <C> its configuration record
 */
public interface NextTrackSamplerPlugin<C> extends Plugin<C> {
  /**
   * A sampler over {@code catalog}, whose track indices it returns.
   *
   * @param vectors track vectors keyed by track id (tracks without a vector have no neighbours); samplers that do not
   *     use vectors ignore them, so they may then be {@code null}
   * @param config the sampler's configuration
   * @param catalog the tracks the sampler walks over
   * @return a new sampler
   * @throws IllegalArgumentException if the configuration does not fit the catalogue or the vectors are required
   *     and missing
   */
  NextTrackSampler create(C config, Catalog catalog, TrackVectors vectors);

  /**
   * A sampler with the {@linkplain #defaultConfig() default configuration}.
   *
   * @param catalog the tracks the sampler walks over
   * @param vectors track vectors keyed by track id; may be {@code null} for samplers that use none
   * @return a new sampler
   */
  default NextTrackSampler create(Catalog catalog, TrackVectors vectors) {
    return create(defaultConfig(), catalog, vectors);
  }

  /**
   * Reads a part this plugin's samplers are built from, saved as a {@link SaveableModel} (track vectors, a
   * similarity graph, a fitted choice model). The default refuses: the plugin reads no saved parts.
   *
   * @param container a container of one of {@link #providers()}
   * @return the part, equal to the one saved
   * @throws ModelFormatException if the container holds another provider's part, a newer format version, or a
   *     malformed payload
   */
  @Override
  default SaveableModel load(ModelContainer container) throws ModelFormatException {
    throw new ModelFormatException("sampler plugin '" + name() + "' does not load saved parts (provider '"
        + container.provider() + "')");
  }
}
