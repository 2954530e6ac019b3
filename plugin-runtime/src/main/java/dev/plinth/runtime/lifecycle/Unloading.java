package dev.plinth.runtime.lifecycle;

import dev.plinth.installer.events.EventSink;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.classloading.PluginCalls;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.context.HookWiring;
import dev.plinth.runtime.discovery.ExtensionRegistry;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.leak.LeakDetector;
import dev.plinth.runtime.leak.LeakReport;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The steps of unloading one plugin, split in two so that no frame holding the plugin is alive
 * while the leak check waits: {@link #release} stops the plugin, unregisters its hooks and
 * extensions, revokes its context, deregisters its JDBC drivers and closes its loader, keeping only
 * a weak reference; {@link #verify} then waits for that reference to clear.
 */
final class Unloading {
  private final RuntimeSettings settings;
  private final HookWiring hooks;
  private final ExtensionRegistry extensions;
  private final EventSink events;

  /** What is left of a plugin after release: strings and a weak reference only. */
  record Released(
      String pluginId,
      String version,
      @Nullable WeakReference<PluginClassLoader> loader,
      @Nullable PluginRuntimeException stopError,
      List<LeakReport.Holder> cleared) {}

  /** The event each kind of clean-up writes, with the names cleared. */
  private static final Map<LeakReport.Kind, String> CLEANUP_EVENTS = Map.of(
      LeakReport.Kind.JDBC_DRIVER, RuntimeEvents.JDBC_DRIVER_DEREGISTERED,
      LeakReport.Kind.SECURITY_PROVIDER, RuntimeEvents.SECURITY_PROVIDER_REMOVED,
      LeakReport.Kind.MBEAN, RuntimeEvents.MBEAN_UNREGISTERED,
      LeakReport.Kind.JVM_DEFAULT, RuntimeEvents.JVM_DEFAULT_RESTORED,
      LeakReport.Kind.LOG_HANDLER, RuntimeEvents.LOG_HANDLER_REMOVED);

  Unloading(RuntimeSettings settings, HookWiring hooks, ExtensionRegistry extensions, EventSink events) {
    LeakDetector.jvmDefaultsBaseline(); // before any plugin of this runtime can replace one
    this.settings = settings;
    this.hooks = hooks;
    this.extensions = extensions;
    this.events = events;
  }

  Released release(LoadedPlugin p, String corr) {
    String id = p.id();
    String version = p.manifest().version();
    PluginRuntimeException stopError = null;
    try {
      PluginCalls.call(
          new PluginCalls.Call(id, "stop", p.callLoader(), settings.stopTimeout(), RuntimeErrorCode.STOP_FAILED),
          () -> {
            p.plugin().stop();
            return null;
          });
      RuntimeEvents.emit(events, RuntimeEvents.STOPPED, id, version, corr, Map.of());
    } catch (PluginRuntimeException e) {
      stopError = e;
      RuntimeEvents.emit(events, RuntimeEvents.STOP_FAILED, id, version, corr,
          Map.of("code", e.code().code(), "message", String.valueOf(e.getMessage())));
    }
    hooks.unregisterAll(id);
    extensions.unregister(id);
    p.context().close();
    PluginClassLoader loader = p.loader();
    if (loader == null) {
      return new Released(id, version, null, stopError, List.of());
    }
    List<LeakReport.Holder> cleared = LeakDetector.cleanUp(loader);
    for (LeakReport.Kind kind : LeakReport.Kind.values()) {
      List<String> names = cleared.stream().filter(h -> h.kind() == kind).map(LeakReport.Holder::name).toList();
      String event = CLEANUP_EVENTS.get(kind);
      if (!names.isEmpty() && event != null) {
        RuntimeEvents.emit(events, event, id, version, corr, Map.of("names", names));
      }
    }
    Loading.closeQuietly(loader);
    return new Released(id, version, new WeakReference<>(loader), stopError, cleared);
  }

  UnloadResult verify(Released r, String corr) {
    LeakReport leak = null;
    if (r.loader() != null && !settings.leakWait().isZero()
        && !LeakDetector.awaitCollected(r.loader(), settings.leakWait())) {
      leak = inspect(r.loader());
    }
    if (leak != null) {
      RuntimeEvents.emit(events, RuntimeEvents.LEAK_SUSPECTED, r.pluginId(), r.version(), corr,
          Map.of("loader", leak.loaderName(),
              "holders", leak.holders().stream().map(h -> h.kind() + " " + h.name() + ": " + h.detail()).toList(),
              "waitMs", settings.leakWait().toMillis()));
    }
    RuntimeEvents.emit(events, RuntimeEvents.UNLOADED, r.pluginId(), r.version(), corr,
        Map.of("leaked", leak != null, "stopFailed", r.stopError() != null));
    return new UnloadResult(r.pluginId(), r.version(), r.stopError(), r.cleared(), leak);
  }

  private static @Nullable LeakReport inspect(WeakReference<PluginClassLoader> ref) {
    PluginClassLoader loader = ref.get();
    return loader == null ? null : LeakDetector.inspect(loader);
  }
}
