package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A loaded and started plugin, as hosts and doctor reports see it.
 *
 * @param pluginId the plugin id
 * @param version the loaded version
 * @param builtin true for a host-classpath plugin without its own loader
 * @param entryClass the class that was instantiated
 * @param extensions number of extension providers registered
 * @param loadedAt when it started
 */
@API(status = STABLE, since = "0.1")
public record PluginInfo(
    String pluginId, String version, boolean builtin, String entryClass, int extensions, Instant loadedAt) {
  public PluginInfo {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    requireNonNull(entryClass, "entryClass");
    requireNonNull(loadedAt, "loadedAt");
  }
}
