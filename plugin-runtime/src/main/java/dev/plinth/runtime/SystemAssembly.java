package dev.plinth.runtime;

import dev.plinth.api.Plugin;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.hooks.HandlerInfo;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.EventSinks;
import dev.plinth.installer.events.JsonlEventSink;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.pipeline.PipelineBuilder;
import dev.plinth.installer.store.IndexCheck;
import dev.plinth.installer.store.IndexEntry;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginState;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.installer.store.PluginStoreBuilder;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.HostProfiles;
import dev.plinth.manifest.ManifestCode;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.SandboxProfile;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.guard.AutoDisable;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import dev.plinth.runtime.slo.SloTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and holds the parts of one {@link PluginSystem}: the event sinks, the dispatcher, the
 * hook bridge, the runtime, the pipeline, the store with its governed activator, and the host
 * profile; plus the small lookups every operation needs (a plugin's current manifest, whether its
 * permissions are acknowledged). Immutable after construction; the parts are thread-safe.
 */
final class SystemAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(SystemAssembly.class);

  /** A host-classpath plugin. */
  record Builtin(PluginManifest manifest, Plugin plugin) {}

  final Path home;
  final HostInfo host;
  final RuntimeSettings settings;
  final JsonlEventSink journal;
  final EventSink events;
  /** Sinks a host added after building ({@link PluginSystem#addEventSink}); alert events reach them too. */
  final CopyOnWriteArrayList<EventSink> addedSinks = new CopyOnWriteArrayList<>();
  final SloTracker slo;
  final LoadTracker tracker = new LoadTracker();
  final HookDispatcher dispatcher;
  final HookBridge bridge;
  final PluginRuntime runtime;
  final GovernedActivator activator;
  final PluginStore store;
  /** The install pipeline, built on first use. */
  final LazyStager stager;
  final Map<String, Builtin> builtins;
  private final HostProfile baseProfile;

  SystemAssembly(PluginSystem.Builder b) {
    this.home = b.home.toAbsolutePath().normalize();
    this.host = b.host;
    RuntimeSettings s = b.settings.withExportedPackages(b.exportPackages);
    this.settings = b.safeMode == null ? s : s.withSafeMode(b.safeMode);
    this.builtins = Map.copyOf(b.builtins);
    this.journal = JsonlEventSink.builder(home.resolve("events.jsonl")).build();
    EventSink added = new EventSink() {
      @Override
      public void emit(PlinthEvent event) {
        addedSinks.forEach(sink -> sink.emit(event));
      }

      /** Batches the sinks added by then; one added during the batch gets its events unbatched. */
      @Override
      public Batch batch() {
        return EventSinks.of(addedSinks.toArray(new EventSink[0])).batch();
      }
    };
    EventSink outward = b.extraSink == null ? EventSinks.of(journal, added) : EventSinks.of(journal, b.extraSink, added);
    HookDispatcher.Builder db = HookDispatcher.builder();
    b.dispatcher.accept(db);
    this.dispatcher = db.build();
    Map<String, HookPoint<?>> points = Map.copyOf(b.hookPoints);
    this.slo = SloTracker.create(b.slo, Clock.systemUTC(), outward, (plugin, point) -> hookTimeout(points, plugin, point),
        home.resolve(SloTracker.SNAPSHOT_FILE));
    this.events = EventSinks.of(outward, slo);
    this.bridge = new HookBridge(dispatcher.registry(), b.hookPoints, b.builtins.keySet(), tracker);
    dispatcher.addReceiptListener(bridge);
    dispatcher.addReceiptListener(slo);
    this.runtime = PluginRuntime.builder(home.resolve("data"))
        .settings(settings)
        .events(events)
        .secrets(b.secrets)
        .deniedHosts(b.deniedHosts != null ? b.deniedHosts : HostProfile.DEFAULT_DENIED_HOSTS)
        .services(b.services.build())
        .hooks(bridge)
        .extensionInterfaces(Set.copyOf(b.extensionInterfaces))
        .configs(id -> b.configs.apply(id))
        .onAutoDisable(this::persistAutoDisable)
        .build();
    bridge.attach(runtime);
    this.activator = new GovernedActivator(runtime, bridge, tracker, events);
    HostProfile profile = HostProfile.of(host.name(), host.version())
        .withHookPoints(b.hookPoints.keySet())
        .withExtensionInterfaces(b.extensionInterfaces.stream().map(Class::getName).collect(Collectors.toSet()))
        .withSandboxProfiles(Set.copyOf(b.sandboxProfiles))
        .withExportedPackages(settings.sharedPackages().exported())
        .withDeniedHosts(b.deniedHosts != null ? b.deniedHosts : HostProfile.DEFAULT_DENIED_HOSTS)
        .withUnrestrictedNetwork(b.unrestrictedNetwork);
    for (SandboxProfile sandbox : b.sandboxDefinitions.values()) {
      profile = profile.withSandboxProfile(sandbox);
    }
    this.baseProfile = profile;
    PipelineBuilder pb = Pipeline.builder();
    if (b.trustPolicy != null) {
      pb.trustPolicy(b.trustPolicy);
    }
    pb.eventSink(events);
    b.sources.accept(pb);
    this.stager = new LazyStager(pb::build);
    PluginStoreBuilder sb = PluginStore.builder()
        .home(home)
        .bootFacts(ClassLoaderFactory.of(settings.sharedPackages()).bootFacts())
        .stager(stager)
        .activator(activator)
        .hostProfile(() -> baseProfile)
        .eventSink(events)
        .healthTimeout(settings.healthTimeout());
    if (b.faultInjector != null) {
      sb.faultInjector(b.faultInjector);
    }
    this.store = sb.build();
  }

  /** The timeout of the plugin's handler on the point as registered, else the dispatcher's default. */
  private Duration hookTimeout(Map<String, HookPoint<?>> points, String pluginId, String point) {
    HookPoint<?> p = points.get(point);
    if (p != null) {
      for (HandlerInfo h : dispatcher.registry().handlers(p)) {
        if (h.pluginId().equals(pluginId) && h.timeout() != null) {
          return h.timeout();
        }
      }
    }
    return dispatcher.settings().handlerTimeout();
  }

  /** The host profile with the store's installed plugins and their current versions. */
  HostProfile hostProfile() {
    return baseProfile.withInstalledPlugins(new TreeMap<>(store.currentVersions()));
  }

  /**
   * Rewrites {@code <home>/host.toml} when its content differs (a host that opens an unchanged home
   * writes nothing); a failure is logged (the file is advisory for the CLI).
   */
  void writeHostProfile() {
    writeHostProfile(store.currentVersions());
  }

  /**
   * At build: writes {@code host.toml} only when it is missing. Reading every plugin's current
   * pointer for the installed versions would repeat what the boot's index check reads anyway, so
   * {@link Operations#boot} refreshes the file from those, as every store operation does.
   */
  void writeHostProfileIfMissing() {
    if (!Files.exists(home.resolve(HostProfiles.FILE_NAME))) {
      writeHostProfile();
    }
  }

  /** Like {@link #writeHostProfile()}, with the installed plugins' current versions already read. */
  void writeHostProfile(Map<String, String> current) {
    Path file = home.resolve(HostProfiles.FILE_NAME);
    try {
      HostProfile profile = baseProfile.withInstalledPlugins(new TreeMap<>(current));
      if (sameContent(file, HostProfiles.toToml(profile))) {
        return;
      }
      HostProfiles.write(profile, file);
    } catch (RuntimeException e) {
      LOG.warn("could not write {}: {}", home.resolve(HostProfiles.FILE_NAME), e.toString());
    }
  }

  private static boolean sameContent(Path file, String wanted) {
    try {
      return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(wanted);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The manifest of the plugin's current version, read from its {@code plugin.toml}.
   *
   * @throws PluginRuntimeException {@code PLUGIN_NOT_INSTALLED} or {@code MANIFEST_UNREADABLE}
   */
  PluginManifest currentManifest(String id) {
    return currentManifest(id, Map.of());
  }

  /**
   * The current versions' manifests of {@code ids}, keyed by plugin id: from the install-time index
   * for every entry it can vouch for (version current, digests matching), else read from {@code
   * plugin.toml} ({@link ManifestParser#parseAll}), in which case the index is refreshed so the
   * next read finds them. {@link #currentManifest(String, Map)} then answers from them.
   */
  Map<String, ManifestReport> readCurrentManifests(List<String> ids) {
    return readCurrentManifests(ids, store.checkIndex());
  }

  /** Like {@link #readCurrentManifests(List)}, with the index already checked. */
  Map<String, ManifestReport> readCurrentManifests(List<String> ids, IndexCheck index) {
    Map<String, ManifestReport> out = new HashMap<>();
    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String id : ids) {
      IndexEntry entry = index.entries().get(id);
      if (entry != null) {
        out.put(id, new ManifestReport(entry.manifest(), List.of()));
        continue;
      }
      store.currentDir(id).ifPresent(dir -> {
        found.add(id);
        files.add(dir.resolve(ManifestParser.FILE_NAME));
      });
    }
    List<ManifestReport> reports = ManifestParser.parseAll(files);
    for (int i = 0; i < found.size(); i++) {
      out.put(found.get(i), reports.get(i));
    }
    if (index.needsRefresh()) {
      refreshIndex(index);
    }
    return out;
  }

  /** Rewrites the index entries that were missing, stale or corrupt; a failure is logged (boot went on without them). */
  private void refreshIndex(IndexCheck index) {
    try {
      IndexCheck.Rebuild r = store.refreshIndex();
      LOG.info("index.json: {} problem(s) found, {} entr(ies) rewritten, {} removed",
          index.problems().size(), r.written().size(), r.removed().size());
    } catch (RuntimeException e) {
      LOG.warn("could not refresh {}: {}", home.resolve("index.json"), e.toString());
    }
  }

  /** Like {@link #currentManifest(String)}, from a report read beforehand when there is one. */
  PluginManifest currentManifest(String id, Map<String, ManifestReport> read) {
    return manifestIn(id, store.currentDir(id).orElseThrow(() -> notInstalled(id)), read);
  }

  /** The manifest of the version in {@code dir}, from a report read beforehand when there is one. */
  PluginManifest manifestIn(String id, Path dir, Map<String, ManifestReport> read) {
    ManifestReport pre = read.get(id);
    ManifestReport report = pre != null ? pre : ManifestParser.parse(dir.resolve(ManifestParser.FILE_NAME));
    return report.manifest().orElseThrow(() -> new PluginRuntimeException(ManifestCode.MANIFEST_UNREADABLE, id,
        "plugin.toml of the current version must be valid: " + dir,
        "Run doctor to check the version's files, then reinstall " + id + ".",
        Map.of("path", dir.toString(), "issues", report.errors().stream().map(Object::toString).toList()), null));
  }

  /** Whether the operator acknowledged exactly the permissions this manifest declares. */
  static boolean acknowledged(PluginManifest m, PluginState state) {
    return m.permissions().isEmpty()
        || PluginState.permissionsDigest(m.permissions()).equals(state.acknowledgedPermissions());
  }

  PluginState state(String id) {
    return store.state().getOrDefault(id, PluginState.DEFAULT);
  }

  static PluginRuntimeException notInstalled(String id) {
    return new PluginRuntimeException(InstallErrorCode.PLUGIN_NOT_INSTALLED, id,
        "plugin.id must be installed: " + id, "Check the id with list; install the plugin first.");
  }

  /** The crash guard tripped: remember it in {@code state.json} (builtins: in this process). */
  private void persistAutoDisable(AutoDisable trip) {
    String id = trip.pluginId();
    tracker.noted(id, "auto-disabled after " + trip.failures() + " failures: " + trip.lastCode() + " " + trip.lastDetail());
    if (builtins.containsKey(id)) {
      tracker.builtinDisabled(id, true);
      return;
    }
    if (store.info(id).isPresent()) {
      store.updateState(id, st -> st.withEnabled(false));
    }
  }
}
