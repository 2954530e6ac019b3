package dev.plinth.runtime;

import dev.plinth.api.Plugin;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.EventSinks;
import dev.plinth.installer.events.JsonlEventSink;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.pipeline.PipelineBuilder;
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
import dev.plinth.runtime.guard.AutoDisable;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
  final LoadTracker tracker = new LoadTracker();
  final HookDispatcher dispatcher;
  final HookBridge bridge;
  final PluginRuntime runtime;
  final GovernedActivator activator;
  final PluginStore store;
  final Map<String, Builtin> builtins;
  private final HostProfile baseProfile;

  SystemAssembly(PluginSystem.Builder b) {
    this.home = b.home.toAbsolutePath().normalize();
    this.host = b.host;
    RuntimeSettings s = b.settings.withExportedPackages(b.exportPackages);
    this.settings = b.safeMode == null ? s : s.withSafeMode(b.safeMode);
    this.builtins = Map.copyOf(b.builtins);
    this.journal = JsonlEventSink.builder(home.resolve("events.jsonl")).build();
    this.events = b.extraSink == null ? journal : EventSinks.of(journal, b.extraSink);
    HookDispatcher.Builder db = HookDispatcher.builder();
    b.dispatcher.accept(db);
    this.dispatcher = db.build();
    this.bridge = new HookBridge(dispatcher.registry(), b.hookPoints.keySet(), b.builtins.keySet(), tracker);
    dispatcher.addReceiptListener(bridge);
    this.runtime = PluginRuntime.builder(home.resolve("data"))
        .settings(settings)
        .events(events)
        .secrets(b.secrets)
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
        .withExportedPackages(settings.sharedPackages().exported());
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
    PluginStoreBuilder sb = PluginStore.builder()
        .home(home)
        .stager(pb.build())
        .activator(activator)
        .hostProfile(() -> baseProfile)
        .eventSink(events)
        .healthTimeout(settings.healthTimeout());
    if (b.faultInjector != null) {
      sb.faultInjector(b.faultInjector);
    }
    this.store = sb.build();
  }

  /** The host profile with the store's installed plugins and their current versions. */
  HostProfile hostProfile() {
    Map<String, String> installed = new TreeMap<>();
    for (PluginInfo p : store.list()) {
      if (p.currentVersion() != null) {
        installed.put(p.id(), p.currentVersion());
      }
    }
    return baseProfile.withInstalledPlugins(installed);
  }

  /** Rewrites {@code <home>/host.toml}; a failure is logged (the file is advisory for the CLI). */
  void writeHostProfile() {
    try {
      HostProfiles.write(hostProfile(), home.resolve(HostProfiles.FILE_NAME));
    } catch (RuntimeException e) {
      LOG.warn("could not write {}: {}", home.resolve(HostProfiles.FILE_NAME), e.toString());
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
   * Reads the current versions' manifests of {@code ids} together ({@link ManifestParser#parseAll}),
   * keyed by plugin id; {@link #currentManifest(String, Map)} then answers from them.
   */
  Map<String, ManifestReport> readCurrentManifests(List<String> ids) {
    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String id : ids) {
      store.currentDir(id).ifPresent(dir -> {
        found.add(id);
        files.add(dir.resolve(ManifestParser.FILE_NAME));
      });
    }
    List<ManifestReport> reports = ManifestParser.parseAll(files);
    Map<String, ManifestReport> out = new HashMap<>();
    for (int i = 0; i < found.size(); i++) {
      out.put(found.get(i), reports.get(i));
    }
    return out;
  }

  /** Like {@link #currentManifest(String)}, from a report read beforehand when there is one. */
  PluginManifest currentManifest(String id, Map<String, ManifestReport> read) {
    Path dir = store.currentDir(id).orElseThrow(() -> notInstalled(id));
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
