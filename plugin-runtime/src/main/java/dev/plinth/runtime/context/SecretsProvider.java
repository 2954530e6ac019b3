package dev.plinth.runtime.context;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where the host keeps plugin secrets (environment, vault, keychain). The runtime asks it only for
 * keys the plugin's manifest declares; implementations must be thread-safe.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface SecretsProvider {
  /** Holds no secrets. */
  SecretsProvider NONE = (pluginId, key) -> Optional.empty();

  /** The value of {@code key} for {@code pluginId}, or empty when the host has none. */
  Optional<String> secret(String pluginId, String key);
}
