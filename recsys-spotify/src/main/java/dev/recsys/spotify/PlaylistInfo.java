package dev.recsys.spotify;

import dev.recsys.core.util.Checks;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A playlist's metadata (not its items).
 *
 * @param id the playlist id
 * @param name the name
 * @param ownerId the owner's user id, if given
 * @param ownerName the owner's display name, if given
 * @param collaborative whether the playlist is collaborative
 * @param isPublic whether it is public, if known
 * @param totalItems the number of items, if the response says (the {@code items} or legacy {@code tracks} summary)
 */
public record PlaylistInfo(
    String id,
    String name,
    Optional<String> ownerId,
    Optional<String> ownerName,
    boolean collaborative,
    Optional<Boolean> isPublic,
    OptionalInt totalItems) {
  /** Validates the fields. */
  public PlaylistInfo {
    Checks.notBlank("playlist id", id);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(ownerName, "ownerName");
    Objects.requireNonNull(isPublic, "isPublic");
    Objects.requireNonNull(totalItems, "totalItems");
  }
}
