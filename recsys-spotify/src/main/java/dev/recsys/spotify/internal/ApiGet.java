package dev.recsys.spotify.internal;

import java.io.IOException;
import org.apache.hc.core5.http.ParseException;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;
import se.michaelthelin.spotify.requests.data.AbstractDataRequest;

/**
 * A Web API GET built on spotify-web-api-java's request machinery (URI building, bearer header,
 * {@link se.michaelthelin.spotify.IHttpManager}) that returns the raw JSON.
 *
 * <p>The connector reads responses itself instead of through the library's model classes because the 2026 Web API
 * changed shapes those classes expect: playlist items live at {@code /v1/playlists/{id}/items} (the library still
 * calls {@code /tracks}, which now answers 403), each entry carries the track in {@code item} ({@code track} is
 * deprecated), the simplified playlist's {@code tracks} summary became {@code items}, and popularity fields are gone
 * for development-mode apps.
 */
public final class ApiGet extends AbstractDataRequest<String> {
  private ApiGet(Builder builder) {
    super(builder);
  }

  /** Sends the request and returns the body ({@code null} when empty). */
  @Override
  public String execute() throws IOException, SpotifyWebApiException, ParseException {
    return getJson();
  }

  /** Builder of an {@link ApiGet}. */
  public static final class Builder extends AbstractDataRequest.Builder<String, Builder> {
    /** A builder authorised with {@code accessToken}. */
    public Builder(String accessToken) {
      super(accessToken);
    }

    /** Sets the path, e.g. {@code /v1/playlists/ID/items}. */
    public Builder path(String path) {
      return setPath(path);
    }

    /** Adds a query parameter. */
    public Builder query(String name, Object value) {
      return setQueryParameter(name, value);
    }

    @Override
    public ApiGet build() {
      return new ApiGet(this);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
