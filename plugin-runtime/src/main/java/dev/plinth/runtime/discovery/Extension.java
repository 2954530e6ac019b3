package dev.plinth.runtime.discovery;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One plugin's implementation of an extension interface the host offers.
 *
 * @param pluginId the plugin that contributes it
 * @param instance the provider instance (created once, on first request)
 * @param <X> the extension interface
 */
@API(status = STABLE, since = "0.1")
public record Extension<X>(String pluginId, X instance) {
  public Extension {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(instance, "instance");
  }
}
