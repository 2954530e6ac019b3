package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.Plugin;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.pipeline.PipelineBuilder;
import dev.plinth.installer.store.FaultInjector;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.SandboxProfile;
import dev.plinth.runtime.context.HostServices;
import dev.plinth.runtime.context.SecretsProvider;
import dev.plinth.runtime.discovery.Extension;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.slo.SloAlertListener;
import dev.plinth.runtime.slo.SloReport;
import dev.plinth.runtime.slo.SloSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's plugin system: one object that installs, boots, enables, dispatches hooks to, and
 * diagnoses the plugins of one plugin home.
 *
 * <pre>{@code
 * try (PluginSystem plugins = PluginSystem.builder()
 *     .home(Path.of("/var/lib/acme/plugins"))
 *     .host(HostInfo.of("acme-agent", "2.3.0"))
 *     .exportPackages("com.acme.spi", "dev.plinth.hooks.agent")
 *     .hookPoints(AgentHooks.ALL)
 *     .extensionInterfaces(ToolProvider.class)
 *     .build()) {
 *   plugins.boot();
 *   plugins.install(InstallRequest.of("github:acme/redactor").withAcknowledgePermissions(true).withEnable(true));
 *   DispatchResult<ToolPostExec> r = plugins.hooks().dispatch(AgentHooks.TOOL_POST_EXEC, scope, data);
 * }
 * }</pre>
 *
 * <p><b>Enabling</b>: a third-party plugin runs only when it is enabled and the permissions its
 * current version declares are acknowledged (a plugin that declares none needs no acknowledgement).
 * An install leaves it disabled unless the request asks to enable and the permissions are
 * acknowledged. <b>Transactions</b>: install, upgrade and rollback load, start and health-check the
 * new version through the live runtime (also for a plugin that ends disabled, which is then
 * unloaded); a failure rolls back to the previous version, which is loaded and serving again.
 * <b>Crash guard</b>: load, start and health failures and hook errors or timeouts count; N inside
 * the window ({@link RuntimeSettings}) disable the plugin in {@code state.json} and unload it.
 *
 * <p>Thread-safe: state-changing operations serialise on one lock ({@code operations}); reads
 * ({@link #list}, {@link #extensions}, {@link #hooks}, {@link #events}) do not wait for it.
 */
@API(status = STABLE, since = "0.1")
public final class PluginSystem implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginSystem.class);

  private final SystemAssembly a;
  private final StatusView status;
  private final Rescanner rescanner;
  private final Operations ops;
  private final ReentrantLock operations = new ReentrantLock();
  private final @Nullable Duration watchQuiet;
  private final Consumer<RescanReport> watchListener;
  private volatile @Nullable StoreWatcher watcher;
  private volatile boolean closed;

  private PluginSystem(SystemAssembly assembly, @Nullable Duration watchQuiet, Consumer<RescanReport> watchListener) {
    this.a = assembly;
    this.status = new StatusView(assembly);
    this.rescanner = new Rescanner(assembly);
    this.ops = new Operations(assembly, rescanner);
    this.watchQuiet = watchQuiet;
    this.watchListener = watchListener;
  }

  /** The parts, for tests in this package. */
  SystemAssembly assembly() {
    return a;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads builtins, then every enabled and acknowledged plugin in dependency order; then, when the
   * builder asked for it ({@link Builder#watchStore}), starts watching the store. Rewrites {@code
   * <home>/host.toml} first when this host or the installed versions changed since it was written.
   */
  public BootReport boot() {
    BootReport report;
    // A boot writes several events per plugin: the event log keeps its file open until it is done.
    try (EventSink.Batch batch = a.events.batch()) {
      report = locked(ops::boot);
    }
    startWatching();
    return report;
  }

  private void startWatching() {
    if (watchQuiet == null) {
      return;
    }
    operations.lock();
    try {
      if (closed || watcher != null) {
        return;
      }
      watcher = StoreWatcher.start(a.home, watchQuiet, this::rescan, watchListener);
    } catch (IOException e) {
      // The plugins are booted; without a watch the host can still call rescan() itself.
      LOG.warn("cannot watch {} for store changes, rescan() must be called instead: {}", a.home, e.toString());
    } finally {
      operations.unlock();
    }
  }

  public InstallOutcome install(InstallRequest request) {
    return install(request, ProgressListener.NONE);
  }

  public InstallOutcome install(InstallRequest request, ProgressListener progress) {
    requireNonNull(request, "request");
    requireNonNull(progress, "progress");
    return locked(() -> ops.install(request, progress));
  }

  /** Re-resolves the plugin's source and installs a newer version if there is one. */
  public InstallOutcome upgrade(String id) {
    requireNonNull(id, "id");
    return locked(() -> ops.storeChange(() -> a.store.upgrade(id)));
  }

  /** Switches to the most recently installed kept version other than the current one. */
  public InstallOutcome rollback(String id) {
    requireNonNull(id, "id");
    return locked(() -> ops.storeChange(() -> a.store.rollback(id)));
  }

  public InstallOutcome rollback(String id, String version) {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    return locked(() -> ops.storeChange(() -> a.store.rollback(id, version)));
  }

  /** Stops, unloads and removes the plugin; its data folder stays unless {@code purgeData}. */
  public InstallOutcome uninstall(String id, boolean purgeData) {
    requireNonNull(id, "id");
    return locked(() -> ops.storeChange(() -> a.store.uninstall(id, purgeData, false)));
  }

  /**
   * Enables the plugin, resets its crash guard and loads it (with a health check).
   *
   * @throws PluginRuntimeException {@code PERMISSIONS_NOT_ACKNOWLEDGED} while the current version's
   *     declared permissions are not acknowledged; {@code PLUGIN_NOT_INSTALLED} for an unknown id
   */
  public PluginStatus enable(String id) {
    requireNonNull(id, "id");
    return locked(() -> ops.enable(id, status));
  }

  /** Disables the plugin and unloads it (with the loaded plugins that depend on it). */
  public PluginStatus disable(String id) {
    requireNonNull(id, "id");
    return locked(() -> ops.disable(id, status));
  }

  /** Acknowledges the permissions the current version declares; loads it if it is enabled. */
  public PluginStatus acknowledgePermissions(String id) {
    requireNonNull(id, "id");
    return locked(() -> ops.acknowledgePermissions(id, status));
  }

  /** Builtins, then installed plugins, each by id. */
  public List<PluginStatus> list() {
    return status.list();
  }

  public Optional<PluginStatus> info(String id) {
    return status.info(requireNonNull(id, "id"));
  }

  /** The {@code type} providers of every started plugin that declares {@code type}, in load order. */
  public <X> List<Extension<X>> extensions(Class<X> type) {
    return a.runtime.extensions(requireNonNull(type, "type"));
  }

  /** The dispatcher: hosts fire hooks with {@code hooks().dispatch(point, scope, data)}. */
  public HookDispatcher hooks() {
    return a.dispatcher;
  }

  /** Brings the loaded plugins in line with the store after another process changed it. */
  public RescanReport rescan() {
    return locked(() -> rescanner.reconcile(true));
  }

  /** Checks every plugin and the store; re-hashes the current versions' files. */
  public DoctorReport doctor() {
    return locked(() -> new Doctor(a, status).examine());
  }

  /** Reads {@code <home>/events.jsonl} back (also events other processes wrote). */
  public List<PlinthEvent> events(EventQuery query) {
    return a.journal.read(requireNonNull(query, "query"));
  }

  /** What this host offers, with the installed plugins; also kept in {@code <home>/host.toml}. */
  public HostProfile hostProfile() {
    return a.hostProfile();
  }

  /** The underlying store, for advanced use and tests (changes made here bypass the runtime). */
  public PluginStore store() {
    return a.store;
  }

  public Path home() {
    return a.home;
  }

  /** The runtime's settings in effect (safe mode resolved, exported packages included). */
  public RuntimeSettings settings() {
    return a.settings;
  }

  /**
   * Each plugin's SLIs over the rolling window, its error budget left, the burn-rate alerts firing
   * and lately changed, its last start time and CPU cost per call. Evaluates the alerts first.
   * Thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public SloReport sloReport() {
    return a.slo.report();
  }

  /**
   * Tells {@code listener} when a burn-rate alert starts or stops firing (also written as the
   * events {@code slo_burn_fast}, {@code slo_burn_slow}, {@code slo_burn_resolved}).
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public void addSloAlertListener(SloAlertListener listener) {
    a.slo.addListener(listener);
  }

  /**
   * The availability burn rate of a plugin's error budget over the last {@code window} (0 without
   * calls), for a host's own policy: e.g. disabling a plugin that burns its budget fast.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public double burnRate(String pluginId, Duration window) {
    return a.slo.burnRate(requireNonNull(pluginId, "pluginId"), requireNonNull(window, "window"));
  }

  /**
   * Adds a sink that receives every event from now on, besides {@code events.jsonl} and the
   * builder's sink (a metrics binding uses it). Must be thread-safe and must not throw.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public void addEventSink(EventSink sink) {
    a.addedSinks.add(requireNonNull(sink, "sink"));
  }

  public boolean removeEventSink(EventSink sink) {
    return a.addedSinks.remove(sink);
  }

  /**
   * Stops the store watch, unloads every plugin (last loaded first), closes the dispatcher, then
   * writes the last SLO snapshot ({@code <home>/slo.json}). Idempotent.
   */
  @Override
  public void close() {
    stopWatching(); // outside the lock: a rescan the watch started may be waiting for it
    operations.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try (EventSink.Batch batch = a.events.batch()) {
        a.runtime.close();
      }
      a.dispatcher.close();
      a.slo.close();
    } finally {
      operations.unlock();
    }
    stopWatching(); // one that boot() started before closed was set; closing twice is harmless
  }

  private void stopWatching() {
    StoreWatcher w = watcher;
    if (w != null) {
      w.close();
    }
  }

  /** For tests: the store watch's thread runs. */
  boolean isWatching() {
    StoreWatcher w = watcher;
    return w != null && w.isAlive();
  }

  private <T> T locked(Supplier<T> body) {
    operations.lock();
    try {
      if (closed) {
        throw new PluginRuntimeException(RuntimeErrorCode.SYSTEM_CLOSED, "",
            "plugin system must be open: closed", "Build a new PluginSystem on the same home.");
      }
      return body.get();
    } finally {
      operations.unlock();
    }
  }

  /**
   * Configures a {@link PluginSystem}. {@link #home} and {@link #host} are required; every other
   * setting has a default. A setting given twice is refused, naming the earlier value; the
   * collections ({@link #hookPoint}, {@link #hostService}, {@link #builtin}) refuse duplicates.
   * Not thread-safe.
   */
  public static final class Builder {
    @Nullable Path home;
    @Nullable HostInfo host;
    final List<String> exportPackages = new ArrayList<>();
    final Map<String, HookPoint<?>> hookPoints = new LinkedHashMap<>();
    final List<Class<?>> extensionInterfaces = new ArrayList<>();
    final HostServices.Builder services = HostServices.builder();
    SecretsProvider secrets = SecretsProvider.NONE;
    Function<String, Map<String, Object>> configs = id -> Map.of();
    final List<String> sandboxProfiles = new ArrayList<>();
    @Nullable List<String> deniedHosts;
    boolean unrestrictedNetwork;
    final Map<String, SandboxProfile> sandboxDefinitions = new java.util.LinkedHashMap<>();
    @Nullable TrustPolicy trustPolicy;
    Consumer<PipelineBuilder> sources = pb -> {};
    @Nullable EventSink extraSink;
    RuntimeSettings settings = RuntimeSettings.defaults();
    Consumer<HookDispatcher.Builder> dispatcher = d -> {};
    @Nullable Boolean safeMode;
    SloSettings slo = SloSettings.defaults();
    @Nullable FaultInjector faultInjector;
    @Nullable Duration watchQuiet;
    Consumer<RescanReport> watchListener = r -> {};
    final Map<String, SystemAssembly.Builtin> builtins = new LinkedHashMap<>();
    private final Map<String, Object> given = new LinkedHashMap<>();

    private Builder() {}

    /** The plugin home (required); created when missing. */
    public Builder home(Path home) {
      this.home = once("home", requireNonNull(home, "home"));
      return this;
    }

    /** The host's name and version (required; neither may be blank). */
    public Builder host(HostInfo host) {
      requireNonNull(host, "host");
      if (host.name().isBlank()) {
        throw new IllegalArgumentException("host.name must not be blank: '" + host.name() + "'");
      }
      if (host.version().isBlank()) {
        throw new IllegalArgumentException("host.version must not be blank: '" + host.version() + "'");
      }
      this.host = once("host", host);
      return this;
    }

    /** Host packages (and sub-packages) plugins load from the host: its SPI, hook data records. */
    public Builder exportPackages(String... packages) {
      once("exportPackages", List.of(packages));
      exportPackages.addAll(List.of(packages));
      return this;
    }

    public Builder hookPoints(Collection<? extends HookPoint<?>> points) {
      once("hookPoints", List.copyOf(points));
      points.forEach(this::hookPoint);
      return this;
    }

    /** One hook point the host offers; a name may be offered once. */
    public Builder hookPoint(HookPoint<?> point) {
      requireNonNull(point, "point");
      HookPoint<?> old = hookPoints.putIfAbsent(point.name(), point);
      if (old != null) {
        throw new IllegalStateException("hookPoint was already added: " + old);
      }
      return this;
    }

    /** Extension interfaces the host offers (they must live in exported packages). */
    public Builder extensionInterfaces(Class<?>... interfaces) {
      once("extensionInterfaces", List.of(interfaces));
      extensionInterfaces.addAll(List.of(interfaces));
      return this;
    }

    /** A service plugins may ask their context for. */
    public <S> Builder hostService(Class<S> type, S service) {
      services.add(type, service);
      return this;
    }

    public Builder secrets(SecretsProvider secrets) {
      this.secrets = once("secrets", requireNonNull(secrets, "secrets"));
      return this;
    }

    /** Each plugin's validated settings, by plugin id; default empty. */
    public Builder configs(Function<String, Map<String, Object>> configForPluginId) {
      this.configs = once("configs", requireNonNull(configForPluginId, "configs"));
      return this;
    }

    /**
     * Network hosts no plugin may be granted (entries may be {@code *.}-wildcards); preflight refuses
     * a plugin whose {@code permissions.network} touches one. Default
     * {@link HostProfile#DEFAULT_DENIED_HOSTS}. The plugin context's HTTP client refuses them at run
     * time too, whatever a manifest declares.
     */
    public Builder deniedHosts(String... hosts) {
      this.deniedHosts = once("deniedHosts", List.of(hosts));
      return this;
    }

    /** Lets plugins ask for any host ({@code network = ["*"]}); default false (preflight refuses them). */
    public Builder unrestrictedNetwork(boolean allowed) {
      this.unrestrictedNetwork = allowed;
      return this;
    }

    public Builder sandboxProfiles(String... names) {
      once("sandboxProfiles", List.of(names));
      sandboxProfiles.addAll(List.of(names));
      return this;
    }

    /**
     * Defines a sandbox profile: the capabilities a plugin naming it may use without declaring them
     * (besides the built-in {@code strict}, {@code standard} and {@code trusted}). Written to
     * {@code host.toml} with the rest of the host profile. Call once per profile.
     */
    public Builder sandboxProfile(SandboxProfile profile) {
      requireNonNull(profile, "profile");
      SandboxProfile old = sandboxDefinitions.putIfAbsent(profile.name(), profile);
      if (old != null) {
        throw new IllegalStateException("sandbox profile " + profile.name() + " was already defined: " + old);
      }
      return this;
    }

    /** Signature policy of installs; default {@link TrustPolicy#defaults()}. */
    public Builder trustPolicy(TrustPolicy policy) {
      this.trustPolicy = once("trustPolicy", requireNonNull(policy, "policy"));
      return this;
    }

    /** Configures sources: GitHub API base and token, Maven repository, catalogs, HTTP settings. */
    public Builder sources(Consumer<PipelineBuilder> configure) {
      this.sources = once("sources", requireNonNull(configure, "configure"));
      return this;
    }

    /** Receives every event, in addition to {@code <home>/events.jsonl}. */
    public Builder eventSink(EventSink extraSink) {
      this.extraSink = once("eventSink", requireNonNull(extraSink, "extraSink"));
      return this;
    }

    /** Timeouts, crash guard threshold and window, leak wait, safe mode, shared packages. */
    public Builder settings(RuntimeSettings settings) {
      this.settings = once("settings", requireNonNull(settings, "settings"));
      return this;
    }

    /** Configures the hook dispatcher (timeouts, chain budget, bulkhead, threads). */
    public Builder dispatcher(Consumer<HookDispatcher.Builder> configure) {
      this.dispatcher = once("dispatcher", requireNonNull(configure, "configure"));
      return this;
    }

    /**
     * Per-plugin SLOs, alert rules and windows; default {@link SloSettings#defaults()} (success at
     * least 99 %, p95 at most half of each hook's timeout, the SRE workbook's fast and slow alerts).
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public Builder slo(SloSettings settings) {
      this.slo = once("slo", requireNonNull(settings, "settings"));
      return this;
    }

    /** Turns safe mode on or off, overriding the settings and {@code PLINTH_SAFE_MODE}. */
    public Builder safeMode(boolean on) {
      this.safeMode = once("safeMode", on);
      return this;
    }

    /**
     * Rescans by itself when another process (the command line, another host) changes the store:
     * from the end of {@link PluginSystem#boot()}, a daemon thread watches the home for new versions
     * of {@code plinth.lock} and {@code state.json}, and once none has come for {@code quietPeriod},
     * runs {@link PluginSystem#rescan()}. A report that loaded, unloaded or failed something goes to
     * {@code onChange} (on that thread; keep it short). Off by default: the host calls {@code
     * rescan()} when it chooses. If the OS refuses the watch, boot logs a warning and the host can
     * still call {@code rescan()}.
     *
     * @throws IllegalArgumentException when {@code quietPeriod} is not positive
     */
    public Builder watchStore(Duration quietPeriod, Consumer<RescanReport> onChange) {
      requireNonNull(quietPeriod, "quietPeriod");
      requireNonNull(onChange, "onChange");
      if (quietPeriod.isNegative() || quietPeriod.isZero()) {
        throw new IllegalArgumentException("watchStore.quietPeriod must be positive: " + quietPeriod);
      }
      this.watchQuiet = once("watchStore", quietPeriod);
      this.watchListener = onChange;
      return this;
    }

    /** The test kit's seam into store transactions. */
    public Builder faultInjector(FaultInjector injector) {
      this.faultInjector = once("faultInjector", requireNonNull(injector, "injector"));
      return this;
    }

    /** A plugin on the host's classpath: loaded first at boot, never isolated, not in the store. */
    public Builder builtin(PluginManifest manifest, Plugin plugin) {
      requireNonNull(manifest, "manifest");
      requireNonNull(plugin, "plugin");
      SystemAssembly.Builtin old = builtins.putIfAbsent(manifest.id(), new SystemAssembly.Builtin(manifest, plugin));
      if (old != null) {
        throw new IllegalStateException("builtin was already added: " + manifest.id() + "@" + old.manifest().version());
      }
      return this;
    }

    /**
     * Opens the store (recovering interrupted transactions, if a journal shows any), builds the
     * runtime and dispatcher, and writes {@code <home>/host.toml} when it is missing ({@link
     * PluginSystem#boot()} and every store operation rewrite it when its content changed). The
     * install pipeline is built on the first install, upgrade or update check.
     *
     * @throws IllegalStateException when home or host is missing
     */
    public PluginSystem build() {
      if (home == null) {
        throw new IllegalStateException("home must be set: null");
      }
      if (host == null) {
        throw new IllegalStateException("host must be set: null");
      }
      PluginSystem system = new PluginSystem(new SystemAssembly(this), watchQuiet, watchListener);
      system.a.writeHostProfileIfMissing();
      return system;
    }

    private <T> T once(String name, T value) {
      Object old = given.putIfAbsent(name, value);
      if (old != null) {
        throw new IllegalStateException(name + " was already set: " + old);
      }
      return value;
    }
  }
}
