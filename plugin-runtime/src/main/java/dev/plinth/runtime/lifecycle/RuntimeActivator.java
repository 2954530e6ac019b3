package dev.plinth.runtime.lifecycle;

import dev.plinth.api.HealthStatus;
import dev.plinth.installer.Activator;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The installer's activation seam over a {@link PluginRuntime}: activate loads and starts, health
 * runs the plugin's check, deactivate unloads (a no-op when the plugin is not loaded). Errors are the
 * runtime's typed exceptions, which the store turns into a rollback.
 */
final class RuntimeActivator implements Activator {
  private final PluginRuntime runtime;

  RuntimeActivator(PluginRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(PluginManifest manifest, Path versionDir) {
    runtime.load(manifest, versionDir);
  }

  @Override
  public HealthStatus health(String pluginId, Duration timeout) {
    return runtime.health(pluginId, timeout);
  }

  @Override
  public void deactivate(String pluginId) {
    if (runtime.isLoaded(pluginId)) {
      runtime.unload(pluginId);
    }
  }
}
