package dev.plinth.runtime;

import dev.plinth.api.HealthStatus;
import dev.plinth.installer.Activator;
import dev.plinth.installer.events.EventSink;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The store's activation seam for a {@link PluginSystem}: it wraps the runtime so every install,
 * upgrade, rollback and uninstall loads, health-checks and unloads through the same runtime that
 * serves hooks.
 *
 * <p><b>Decision: activation checks the new version even when the plugin will end up disabled.</b>
 * A transaction loads, starts and health-checks what it installs whatever {@code state.json} says,
 * so a broken version is rolled back at install time rather than discovered at the next enable.
 * The facade then unloads what must not run (not enabled, or permissions not acknowledged) right
 * after the commit. During that check the plugin's context grants only what its manifest declares,
 * as always. Activation is skipped, and the version committed unchecked, only where the runtime may
 * not load the plugin at all: in safe mode, while the crash guard holds it disabled, or while one
 * of its dependencies is not loaded. Such a version is checked when it is next loaded.
 *
 * <p>Deactivation unloads the plugin together with the loaded plugins that depend on it; the
 * facade's reconciliation after the operation loads those again.
 *
 * <p>Thread-safe; the store calls it under its own lock.
 */
final class GovernedActivator implements Activator {
  private final PluginRuntime runtime;
  private final HookBridge hooks;
  private final LoadTracker tracker;
  private final EventSink events;
  private final Set<String> deferred = ConcurrentHashMap.newKeySet();

  GovernedActivator(PluginRuntime runtime, HookBridge hooks, LoadTracker tracker, EventSink events) {
    this.runtime = runtime;
    this.hooks = hooks;
    this.tracker = tracker;
    this.events = events;
  }

  @Override
  public void activate(PluginManifest manifest, Path versionDir) {
    String id = manifest.id();
    String skip = skipReason(manifest);
    if (skip != null) {
      deferred.add(id);
      RuntimeEvents.emit(events, RuntimeEvents.ACTIVATION_DEFERRED, id, manifest.version(), RuntimeEvents.newCorrelationId(),
          Map.of("reason", skip));
      return;
    }
    deferred.remove(id);
    hooks.expect(manifest);
    try {
      runtime.load(manifest, versionDir);
      tracker.loaded(id, manifest.version());
    } catch (PluginRuntimeException e) {
      tracker.loadFailed(id, manifest.version(), e.code().code() + " " + e.getMessage());
      throw e;
    }
  }

  @Override
  public HealthStatus health(String pluginId, Duration timeout) {
    if (deferred.contains(pluginId) && !runtime.isLoaded(pluginId)) {
      return HealthStatus.healthy();
    }
    try {
      HealthStatus status = runtime.health(pluginId, timeout);
      if (!status.isUsable()) {
        tracker.loadFailed(pluginId, RuntimeErrorCode.HEALTH_FAILED.code() + " " + status.detail());
      }
      return status;
    } catch (PluginRuntimeException e) {
      tracker.loadFailed(pluginId, e.code().code() + " " + e.getMessage());
      throw e;
    }
  }

  @Override
  public void deactivate(String pluginId) {
    deferred.remove(pluginId);
    if (runtime.isLoaded(pluginId)) {
      runtime.unloadWithDependents(pluginId);
    }
  }

  private @Nullable String skipReason(PluginManifest m) {
    if (runtime.settings().safeMode()) {
      return "safe mode is on";
    }
    if (runtime.crashGuard().isDisabled(m.id())) {
      return "the crash guard disabled it";
    }
    for (String dep : m.dependencies().keySet()) {
      if (!runtime.isLoaded(dep)) {
        return "dependency " + dep + " is not loaded";
      }
    }
    return null;
  }
}
