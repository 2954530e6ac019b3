package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.installer.Activator;
import dev.plinth.installer.events.EventSink;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.classloading.PluginCalls;
import dev.plinth.runtime.context.PluginContextFactory;
import dev.plinth.runtime.discovery.Extension;
import dev.plinth.runtime.discovery.ExtensionRegistry;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.guard.AutoDisable;
import dev.plinth.runtime.guard.CrashGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, starts, checks, stops and unloads plugins; the lifecycle under the host facade.
 *
 * <pre>{@code
 * PluginRuntime runtime = PluginRuntime.builder(home.resolve("data"))
 *     .settings(RuntimeSettings.builder().exportPackage("com.example.spi").build())
 *     .extensionInterfaces(Set.of(ToolProvider.class))
 *     .events(sink)
 *     .build();
 * BootReport report = runtime.boot(candidates);
 * List<Extension<ToolProvider>> tools = runtime.extensions(ToolProvider.class);
 * }</pre>
 *
 * <p>Thread-safe: load, unload, boot and lazy activation serialise on one lock ({@code lifecycle});
 * lookups, health checks and extension queries read a copy-on-write snapshot and never wait for it.
 * A lazy activation asked for while another thread holds the lock (a plugin's start calling a host
 * service that dispatches to a lazy plugin) is run by that thread while it waits for the start.
 */
@API(status = STABLE, since = "0.1")
public final class PluginRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

  private final RuntimeSettings settings;
  private final EventSink events;
  private final ExtensionRegistry extensions;
  private final CrashGuard guard;
  private final AutoDisable.Listener hostListener;
  private final Loading loading;
  private final Unloading unloading;
  private final LifecycleLock lifecycle = new LifecycleLock();
  private final List<dev.plinth.runtime.leak.LeakReport> leaks = new CopyOnWriteArrayList<>();
  /** Loaded plugins, by id and in load order; written under {@link #lifecycle}, read without it. */
  private final LoadedPlugins plugins = new LoadedPlugins();
  private final LazyPlugins lazy;

  PluginRuntime(PluginRuntimeBuilder b) {
    this.settings = b.settings;
    this.events = b.events;
    this.hostListener = b.autoDisable;
    this.extensions = ExtensionRegistry.of(b.extensionInterfaces, events);
    PluginContextFactory contexts = PluginContextFactory.builder()
        .events(events).secrets(b.secrets).services(b.services).hooks(b.hooks).deniedHosts(b.deniedHosts).build();
    this.loading = new Loading(settings, contexts, extensions, events, b.dataRoot, b.configs);
    this.unloading = new Unloading(settings, b.hooks, extensions, events);
    this.guard = CrashGuard.create(settings.crashThreshold(), settings.crashWindow(), settings.clock(),
        events, this::onAutoDisable);
    this.lazy = new LazyPlugins(b.hooks, (c, trigger) -> activate(c, trigger), lifecycle);
  }

  /** Starts a runtime whose plugins keep their data under {@code dataRoot/<id>}. */
  public static PluginRuntimeBuilder builder(Path dataRoot) {
    return new PluginRuntimeBuilder(dataRoot);
  }

  /**
   * Loads and starts a third-party plugin from its version folder.
   *
   * @throws PluginRuntimeException with the failing step's code; the failure is also an event and
   *     counts toward the crash guard
   */
  public PluginInfo load(PluginManifest manifest, Path versionDir) {
    lifecycle.lock();
    try {
      lazy.forget(manifest.id()); // loading it now replaces a deferral
      return load(manifest, () -> loading.prepare(manifest, versionDir, Loading.dependencies(manifest, plugins::get)), () -> { });
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Loads under the held lifecycle lock; {@code prepare} creates the loader and finds the entry, and
   * {@code meanwhile} runs while the plugin's {@code start} runs on its worker.
   */
  PluginInfo load(PluginManifest manifest, Supplier<Loading.Prepared> prepare, Runnable meanwhile) {
    String corr = admit(manifest);
    try {
      return added(loading.start(manifest, prepare.get(), corr, meanwhile), corr);
    } catch (PluginRuntimeException e) {
      failed(manifest, e, corr);
      throw e;
    }
  }

  /** Refuses what may not load and applies the plugin's own crash limits; the new load's correlation id. */
  private String admit(PluginManifest manifest) {
    String corr = RuntimeEvents.newCorrelationId();
    refuse(manifest);
    PluginManifest.CrashLimits own = manifest.crashLimits();
    guard.limits(manifest.id(), own.maxFailures(),
        own.windowMs() == null ? null : java.time.Duration.ofMillis(own.windowMs()));
    return corr;
  }

  /**
   * Like {@link #load(PluginManifest, Supplier, Runnable)}, but returns once the plugin's start is
   * handed to its worker; {@link #finishLoad} waits for it. Under the held lifecycle lock.
   */
  Loading.Starting beginLoad(PluginManifest manifest, Supplier<Loading.Prepared> prepare) {
    String corr = admit(manifest);
    try {
      return loading.begin(manifest, prepare.get(), corr);
    } catch (PluginRuntimeException e) {
      failed(manifest, e, corr);
      throw e;
    }
  }

  /** Waits for a start {@link #beginLoad} began; the plugin is then loaded, or its failure recorded and thrown. */
  PluginInfo finishLoad(Loading.Starting started) {
    try {
      return added(loading.finish(started), started.corr());
    } catch (PluginRuntimeException e) {
      failed(started.manifest(), e, started.corr());
      throw e;
    }
  }

  /** Starts a plugin from the host's classpath: tracked like the others, without its own loader. */
  public PluginInfo registerBuiltin(PluginManifest manifest, Plugin plugin) {
    lifecycle.lock();
    try {
      String corr = RuntimeEvents.newCorrelationId();
      if (plugins.contains(manifest.id())) {
        throw alreadyLoaded(manifest.id());
      }
      try {
        return added(loading.startBuiltin(manifest, plugin, corr), corr);
      } catch (PluginRuntimeException e) {
        failed(manifest, e, corr);
        throw e;
      }
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Loads every enabled candidate in dependency order; one failure never stops the others.
   *
   * <p>A plugin starts only after every plugin it depends on has started. What comes before a
   * plugin's code runs (the loader with its bundle check, and the entry class) is prepared ahead on
   * helper threads (one fewer than the processors) for the plugins without dependencies, and their
   * {@code start} calls overlap, up to one per processor (at most four; none on one processor): a
   * plugin's {@code start} may run while an independent plugin's still runs, so plugins must not
   * assume that independent plugins started before them. A plugin with dependencies is prepared and
   * started once they are loaded. The report, its order and failures are those of loading each
   * plugin in turn; a plugin's {@code plugin_loaded} event may come before the previous plugin's
   * {@code plugin_started}.
   */
  public BootReport boot(List<BootCandidate> candidates) {
    lifecycle.lock();
    try {
      return new BootRun(this, loading, events).run(candidates);
    } finally {
      lifecycle.unlock();
    }
  }

  /** Why a plugin is not loaded now, or null when it may be; read by a boot. */
  BootReport.@Nullable SkipReason skipReason(String id) {
    return settings.safeMode() ? BootReport.SkipReason.SAFE_MODE
        : guard.isDisabled(id) ? BootReport.SkipReason.AUTO_DISABLED
        : plugins.contains(id) ? BootReport.SkipReason.ALREADY_LOADED
        : lazy.isPending(id) ? BootReport.SkipReason.LAZY : null;
  }

  /**
   * Registers a plugin for lazy activation instead of loading it: its declared hook points get
   * stand-ins and its declared extension interfaces are remembered; no loader is created. The first
   * dispatch to one of those points or lookup of one of those interfaces starts it (see
   * {@link RuntimeSettings#activationOf}). Replaces an earlier deferral of the same plugin.
   *
   * @throws PluginRuntimeException {@code PLUGIN_ALREADY_LOADED} when it is loaded
   */
  public void defer(BootCandidate candidate) {
    lifecycle.lock();
    try {
      if (plugins.contains(candidate.id())) {
        throw alreadyLoaded(candidate.id());
      }
      lazy.defer(candidate);
    } finally {
      lifecycle.unlock();
    }
  }

  /** Whether the plugin waits for its first use (also after its activation failed). */
  public boolean isDeferred(String pluginId) {
    return lazy.isPending(pluginId);
  }

  /** Whether the plugin waits for its first use at this version. */
  public boolean isDeferredVersion(String pluginId, String version) {
    return lazy.version(pluginId).map(version::equals).orElse(false);
  }

  /** Plugins waiting for their first use. */
  public Set<String> deferred() {
    return lazy.ids();
  }

  /** Why the lazy activation of a deferred plugin failed, if it did. */
  public Optional<PluginRuntimeException> activationFailure(String pluginId) {
    return lazy.failure(pluginId);
  }

  /** Starts a deferred plugin now (no-op when it is not deferred); its failure is kept, not thrown. */
  public void activate(String pluginId) {
    lazy.activate(pluginId, "host");
  }

  /** Drops a deferred plugin's stand-ins without starting it. */
  public void forgetDeferred(String pluginId) {
    lazy.forget(pluginId);
  }

  /** Loads a deferred plugin for {@code trigger} and records {@code plugin_activated}. */
  private void activate(BootCandidate c, String trigger) {
    lifecycle.lock();
    try {
      if (plugins.contains(c.id())) {
        return;
      }
      PluginManifest m = c.manifest();
      load(m, () -> loading.prepare(m, c.versionDir(), Loading.dependencies(m, plugins::get), c.bootFacts()), () -> { });
      activated(c.id(), m.version(), trigger, RuntimeEvents.newCorrelationId());
    } finally {
      lifecycle.unlock();
    }
  }

  /** Records {@code plugin_activated}: the plugin started, and what made it start. */
  void activated(String id, String version, String trigger, String corr) {
    RuntimeEvents.emit(events, RuntimeEvents.PLUGIN_ACTIVATED, id, version, corr, Map.of("trigger", trigger));
  }

  /** A loaded plugin, or null; a boot resolves dependencies with it. */
  @Nullable LoadedPlugin loadedOrNull(String id) {
    return plugins.get(id);
  }

  /** Checks health within the default timeout. */
  public HealthStatus health(String pluginId) {
    return health(pluginId, settings.healthTimeout());
  }

  /**
   * Runs the plugin's health check. An unhealthy status or a failure counts toward the crash guard;
   * a usable status clears its count.
   *
   * @throws PluginRuntimeException {@code PLUGIN_NOT_LOADED}, {@code HEALTH_FAILED} or {@code PLUGIN_TIMEOUT}
   */
  public HealthStatus health(String pluginId, Duration timeout) {
    LoadedPlugin p = loaded(pluginId);
    String version = p.manifest().version();
    HealthStatus status;
    try {
      status = PluginCalls.call(
          new PluginCalls.Call(pluginId, "health", p.callLoader(), timeout, RuntimeErrorCode.HEALTH_FAILED),
          p.plugin()::health);
    } catch (PluginRuntimeException e) {
      healthFailed(pluginId, version, e.code(), String.valueOf(e.getMessage()));
      throw e;
    }
    if (status == null) {
      status = HealthStatus.unhealthy("health() returned null");
    }
    if (status.isUsable()) {
      guard.recordSuccess(pluginId);
    } else {
      healthFailed(pluginId, version, RuntimeErrorCode.HEALTH_FAILED, status.detail());
    }
    return status;
  }

  /**
   * Stops and unloads a plugin, then checks that its loader is collected.
   *
   * @throws PluginRuntimeException {@code PLUGIN_NOT_LOADED}, or {@code PLUGIN_HAS_DEPENDENTS} when
   *     loaded plugins depend on it (see {@link #unloadWithDependents})
   */
  public UnloadResult unload(String pluginId) {
    lifecycle.lock();
    try {
      String corr = RuntimeEvents.newCorrelationId();
      List<String> dependents = dependents(loaded(pluginId).id());
      if (!dependents.isEmpty()) {
        throw new PluginRuntimeException(RuntimeErrorCode.PLUGIN_HAS_DEPENDENTS, pluginId,
            "plugin must have no loaded dependents to unload: " + dependents,
            "Unload " + dependents + " first, or unload them together with unloadWithDependents.",
            Map.of("dependents", dependents), null);
      }
      UnloadResult r = unloading.verify(release(pluginId, corr), corr);
      r.leakReport().ifPresent(leaks::add);
      return r;
    } finally {
      lifecycle.unlock();
    }
  }

  /** Unloads the plugin's loaded dependents (last loaded first), then the plugin itself. */
  public List<UnloadResult> unloadWithDependents(String pluginId) {
    lifecycle.lock();
    try {
      loaded(pluginId);
      List<UnloadResult> out = new ArrayList<>();
      List<String> order = plugins.ids();
      Collections.reverse(order);
      Set<String> doomed = new java.util.HashSet<>(Set.of(pluginId));
      for (LoadedPlugin p : plugins.inOrder()) {
        if (p.manifest().dependencies().keySet().stream().anyMatch(doomed::contains)) {
          doomed.add(p.id());
        }
      }
      for (String id : order) {
        if (doomed.contains(id)) {
          out.add(unload(id));
        }
      }
      return out;
    } finally {
      lifecycle.unlock();
    }
  }

  /** Re-enables a plugin the crash guard disabled: its failure count and disable are cleared. */
  public void reenable(String pluginId) {
    guard.reset(pluginId);
    RuntimeEvents.emit(events, RuntimeEvents.RE_ENABLED, pluginId, "", RuntimeEvents.newCorrelationId(), Map.of());
  }

  public Optional<PluginInfo> plugin(String pluginId) {
    return Optional.ofNullable(plugins.get(pluginId)).map(LoadedPlugin::info);
  }

  /** Loaded plugins, in load order. */
  public List<PluginInfo> plugins() {
    return plugins.inOrder().stream().map(LoadedPlugin::info).toList();
  }

  public boolean isLoaded(String pluginId) {
    return plugins.contains(pluginId);
  }

  /**
   * The extensions of loaded plugins for {@code type}, in load order; deferred plugins that declare
   * {@code type} are started first (on this thread, once).
   */
  public <X> List<Extension<X>> extensions(Class<X> type) {
    lazy.activateFor(type);
    return extensions.extensions(type);
  }

  public ExtensionRegistry extensionRegistry() {
    return extensions;
  }

  /** The crash guard; hook dispatch feeds it hook errors and timeouts. */
  public CrashGuard crashGuard() {
    return guard;
  }

  /** Leak reports of unloads since this runtime started. */
  public List<dev.plinth.runtime.leak.LeakReport> leaks() {
    return List.copyOf(leaks);
  }

  public RuntimeSettings settings() {
    return settings;
  }

  /** This runtime as the installer's activation seam. */
  public Activator activator() {
    return new RuntimeActivator(this);
  }

  /** Drops deferred plugins, then unloads every plugin, last loaded first. */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      lazy.forgetAll();
      List<String> order = plugins.ids();
      Collections.reverse(order);
      for (String id : order) {
        if (plugins.contains(id)) {
          // A plugin loads only after its dependencies, so in reverse load order its dependents
          // are already gone; searching for them again per plugin made closing quadratic.
          if (dependents(id).isEmpty()) {
            unload(id);
          } else {
            unloadWithDependents(id);
          }
        }
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private Unloading.Released release(String pluginId, String corr) {
    LoadedPlugin p = loaded(pluginId);
    plugins.remove(pluginId);
    return unloading.release(p, corr);
  }

  private PluginInfo added(LoadedPlugin p, String corr) {
    plugins.add(p);
    guard.recordSuccess(p.id());
    RuntimeEvents.emit(events, RuntimeEvents.STARTED, p.id(), p.manifest().version(), corr,
        Map.of("builtin", p.info().builtin(), "extensions", p.info().extensions()));
    return p.info();
  }

  private void refuse(PluginManifest m) {
    if (settings.safeMode()) {
      throw new PluginRuntimeException(RuntimeErrorCode.SAFE_MODE_ACTIVE, m.id(),
          "plugin must not load in safe mode: " + m.id(),
          "Turn safe mode off (unset PLINTH_SAFE_MODE) once the faulty plugin is disabled.");
    }
    if (guard.isDisabled(m.id())) {
      throw new PluginRuntimeException(RuntimeErrorCode.PLUGIN_AUTO_DISABLED, m.id(),
          "plugin must be re-enabled after the crash guard disabled it: " + m.id(),
          "Fix the failures in the event log, then re-enable the plugin.");
    }
    if (plugins.contains(m.id())) {
      throw alreadyLoaded(m.id());
    }
  }

  void failed(PluginManifest m, PluginRuntimeException e, String corr) {
    boolean start = e.code() == RuntimeErrorCode.START_FAILED || e.code() == ApiErrorCode.PLUGIN_TIMEOUT;
    RuntimeEvents.emit(events, start ? RuntimeEvents.START_FAILED : RuntimeEvents.LOAD_FAILED, m.id(),
        m.version(), corr, Map.of("code", e.code().code(), "message", String.valueOf(e.getMessage()),
            "nextStep", e.nextStep()));
    guard.recordFailure(m.id(), m.version(), e.code(), String.valueOf(e.getMessage()));
  }

  private void healthFailed(String id, String version, dev.plinth.api.ErrorCode code, String detail) {
    RuntimeEvents.emit(events, RuntimeEvents.HEALTH_FAILED, id, version, RuntimeEvents.newCorrelationId(),
        Map.of("code", code.code(), "detail", detail));
    guard.recordFailure(id, version, code, detail);
  }

  private void onAutoDisable(AutoDisable trip) {
    try {
      hostListener.onAutoDisable(trip);
    } catch (RuntimeException e) {
      LOG.warn("auto-disable listener failed for {}: {}", trip.pluginId(), e.toString());
    }
    if (isLoaded(trip.pluginId())) {
      unloadWithDependents(trip.pluginId());
    }
  }

  private List<String> dependents(String pluginId) {
    return plugins.inOrder().stream()
        .filter(p -> p.manifest().dependencies().containsKey(pluginId))
        .map(LoadedPlugin::id)
        .toList();
  }

  private LoadedPlugin loaded(String pluginId) {
    LoadedPlugin p = plugins.get(pluginId);
    if (p == null) {
      throw new PluginRuntimeException(RuntimeErrorCode.PLUGIN_NOT_LOADED, pluginId,
          "plugin must be loaded: " + pluginId,
          "Load or enable the plugin first; list loaded plugins to check its id.");
    }
    return p;
  }

  private static PluginRuntimeException alreadyLoaded(String id) {
    return new PluginRuntimeException(RuntimeErrorCode.PLUGIN_ALREADY_LOADED, id,
        "plugin must not be loaded twice: " + id, "Unload the loaded version first.");
  }
}
