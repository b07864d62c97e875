package dev.recsys.core.matching;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Raw-profile cosine: each listener is the sparse vector of their items weighted by an {@link ItemWeighting}
 * (binary, log plays, TF-IDF log plays), and matches are the listeners with the largest cosine, found through an
 * inverted index from items to listeners. The "plain co-listening similarity" a user could write in an
 * afternoon, and the baseline a learned matcher must beat.
 *
 * <p>Saved as a {@link SaveableModel} under its plugin's name as provider (format version {@value #FORMAT_VERSION}:
 * the weighting as configuration; the profiles of every listener, added ones included, with the fitted data's item
 * statistics, and the catalogue the explanations name tracks from); the {@code cosine-*} plugins read it back into a
 * matcher with the same listeners, matches, scores and explanations.
 */
public final class CosineMatcher extends AbstractListenerMatcher implements SaveableModel {
  /** The format version written and the newest read. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Settings.
   *
   * @param weighting the item weights of the listener vectors
   */
  public record Config(ItemWeighting weighting) {
    /** Validates. */
    public Config {
      Objects.requireNonNull(weighting, "weighting");
    }
  }

  private final ItemWeighting weighting;
  private final Provenance provenance;
  private final SparseCosineIndex index;
  private final ThreadLocal<SparseCosineIndex.Accumulator> scratch =
      ThreadLocal.withInitial(SparseCosineIndex.Accumulator::new);

  private CosineMatcher(String name, ListenerProfiles profiles, Catalog catalog, ItemWeighting weighting,
      Provenance provenance) {
    super(name, profiles, catalog);
    this.weighting = Objects.requireNonNull(weighting, "weighting");
    this.provenance = provenance != null ? provenance : Provenance.now(0, profiles.fingerprint());
    this.index = new SparseCosineIndex(profiles, weighting);
  }

  /**
   * A matcher over existing profiles (which it takes over: later additions go through the matcher).
   *
   * @param name the matcher's name
   * @param profiles the listeners' bags, owned by the matcher from now on
   * @param catalog track metadata for explanations; may be empty
   * @param weighting the item weighting of the cosine
   * @return a matcher over {@code profiles}, with provenance seed 0 and the profiles' fingerprint
   */
  public static CosineMatcher of(String name, ListenerProfiles profiles, Catalog catalog, ItemWeighting weighting) {
    return new CosineMatcher(name, profiles, catalog, weighting, null);
  }

  /**
   * Fits on {@code data}.
   *
   * @param name the matcher's name
   * @param data the interactions to build the listener profiles from
   * @param catalog track metadata for explanations; may be empty
   * @param config the item weighting
   * @return the fitted matcher
   */
  public static CosineMatcher fit(String name, Interactions data, Catalog catalog, Config config) {
    return new CosineMatcher(name, ListenerProfiles.of(data), catalog, config.weighting(), null);
  }

  /** Where the matcher came from: seed 0 (no randomness) and the fingerprint of the fitted profiles. */
  @Override
  public Provenance provenance() {
    return provenance;
  }

  @Override
  public ModelContainer toContainer() {
    return new ModelContainer(name(), FORMAT_VERSION, ConfigJson.write(new Config(weighting)), provenance,
        savedPayload(w -> {}));
  }

  /**
   * Reads a matcher saved with {@link #toContainer()}.
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @return a matcher with the same listeners that answers exactly as the saved one did
   * @throws ModelFormatException naming {@code source} if the format version is newer than this code reads or the
   *     payload is malformed
   */
  public static CosineMatcher load(ModelContainer c, String source) throws ModelFormatException {
    return ModelContainer.decode(source, () -> {
      c.require(c.provider(), FORMAT_VERSION);
      Config config = ConfigJson.readModelConfig(c.configJson(), Config.class, source);
      Payload.Reader r = Payload.reader(c.payload());
      Saved saved = Saved.read(r, source);
      r.requireEnd();
      return new CosineMatcher(c.provider(), saved.profiles(), saved.catalog(), config.weighting(), c.provenance());
    });
  }

  /**
   * The trainer with the given name.
   *
   * @param name name of the trainer and of the matchers it fits
   * @param config the item weighting of every fitted matcher
   * @return a trainer fitting a {@code CosineMatcher} on its data
   */
  public static ListenerMatcherTrainer trainer(String name, Config config) {
    Objects.requireNonNull(config, "config");
    return ListenerMatcherTrainer.of(name, (data, catalog) -> {
      return CosineMatcher.fit(name, data, catalog, config);
    });
  }

  @Override
  protected void added(int u) {
    index.put(u);
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    return rankEach(queries, q -> top(q, k, eligible, index.accumulate(q, 1f, scratch.get()).sums()));
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of("co-listening", index.cosine(a, b));
  }
}
