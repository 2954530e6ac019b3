package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/** Secrets the host holds for a plugin. */
@API(status = STABLE, since = "0.1")
public interface Secrets {

  /**
   * The secret's value, or empty when the host has none.
   *
   * @throws PermissionDeniedException when the manifest does not declare {@code key}
   */
  Optional<String> get(String key);
}
