package dev.plinth.installer;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.HealthStatus;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The runtime's part of an install transaction. The store calls {@link #activate} after switching
 * the {@code current} pointer, {@link #health} to decide commit or rollback, and
 * {@link #deactivate} before switching away from a version (rollback, uninstall). The installer on
 * its own uses {@link #NONE}.
 */
@API(status = STABLE, since = "0.1")
public interface Activator {
  /** Does nothing and reports healthy: for installs without a running host. */
  Activator NONE = new Activator() {};

  /** Loads and starts the plugin from its committed version folder. */
  default void activate(PluginManifest manifest, Path versionDir) throws Exception {}

  /** The plugin's health, checked within {@code timeout}. */
  default HealthStatus health(String pluginId, Duration timeout) throws Exception {
    return HealthStatus.healthy();
  }

  /** Stops and unloads the plugin if it is loaded; a no-op otherwise. */
  default void deactivate(String pluginId) throws Exception {}
}
