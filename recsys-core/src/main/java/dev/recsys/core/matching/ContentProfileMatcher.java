package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.Map;

/**
 * Content-profile cosine: listeners compared by their genre distribution and audio-feature means
 * ({@link ContentProfiles}) alone, without co-listening.
 */
public final class ContentProfileMatcher extends DenseListenerMatcher {
  /** Name in reports and on the command line. */
  public static final String NAME = "content";

  private final ContentProfiles content;

  private ContentProfileMatcher(ListenerProfiles p, Catalog catalog, ContentProfiles content) {
    super(NAME, p, catalog, content.encodeAll(p));
    this.content = content;
  }

  /**
   * The trainer.
   *
   * @return a trainer matching listeners by the cosine of their genre and audio content profiles
   * @throws IllegalArgumentException at fit time, if the catalogue gives the data's items no genre and no audio
   *     feature
   */
  public static ListenerMatcherTrainer trainer() {
    return ListenerMatcherTrainer.of(NAME, (data, catalog) -> {
      ListenerProfiles p = ListenerProfiles.of(data);
      ContentProfiles c = ContentProfiles.fit(p, catalog);
      if (!c.present()) {
        throw new IllegalArgumentException("the content-profile matcher needs track metadata: none of the "
            + p.numItems() + " items has a genre or an audio feature in the catalogue (" + catalog.size() + " tracks)");
      }
      return new ContentProfileMatcher(p, catalog, c);
    });
  }

  @Override
  protected float[] encode(int u) {
    return content.encode(profiles, u);
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of("content", cosine(a, b));
  }
}
